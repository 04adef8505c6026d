// The last thing that happened: an action's result, the API's error, a key's refusal, or the watch's trouble.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {StatusLine as Status} from '../ui-state.js';
import {useTheme} from '../theme-context.js';
import type {Token} from '../theme.js';

const style: Record<Status['kind'], {token: Token; glyph: 'ok' | 'failed' | 'pending' | 'arrow'}> = {
	ok: {token: 'ok', glyph: 'ok'},
	error: {token: 'error', glyph: 'failed'},
	pending: {token: 'status.progressing', glyph: 'pending'},
	info: {token: 'muted', glyph: 'arrow'},
};

export const StatusLine = memo(function StatusLine({status}: {status?: Status}) {
	const theme = useTheme();
	if (!status) return <Box height={1} flexShrink={0} />;
	const {token, glyph} = style[status.kind];
	return (
		<Box width="100%" height={1} flexShrink={0} paddingX={1}>
			<Text color={theme.color[token]} wrap="truncate-end">{theme.glyph[glyph]} {status.text}</Text>
		</Box>
	);
});
