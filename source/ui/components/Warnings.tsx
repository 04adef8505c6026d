import {Box, Text} from 'ink';
import {memo} from 'react';
import type {RolloutWarning} from '../../rollout/index.js';
import {useTheme} from '../theme-context.js';
import type {Token} from '../theme.js';

const levelStyle: Record<RolloutWarning['level'], {token: Token; mark: string}> = {
	error: {token: 'status.failed', mark: '✗'},
	warn: {token: 'warn', mark: '!'},
	info: {token: 'muted', mark: 'i'},
};

/** Inline warnings, most severe first, cut to the rows the layout gives ("+N more" on the last). */
export const Warnings = memo(function Warnings({warnings, rows}: {warnings: readonly RolloutWarning[]; rows: number}) {
	const theme = useTheme();
	if (rows <= 0 || warnings.length === 0) return null;
	const order = {error: 0, warn: 1, info: 2};
	const sorted = warnings.toSorted((a, b) => order[a.level] - order[b.level]);
	const shown = sorted.slice(0, rows);
	const more = sorted.length - shown.length;
	return (
		<Box flexDirection="column" flexShrink={0} paddingX={1}>
			{shown.map((warning, index) => (
				<Text key={warning.code} color={theme.color[levelStyle[warning.level].token]} wrap="truncate-end">
					{levelStyle[warning.level].mark}{more > 0 && index === shown.length - 1 ? ` (+${more} more)` : ''} {warning.text}
				</Text>
			))}
		</Box>
	);
});
