// The question before every dangerous command: what exactly will happen, y/N.
// Its own input handler while open; nothing else sees the keys.
import {Box, Text, useInput} from 'ink';
import {useTheme} from '../theme-context.js';

type Props = {text: string; onConfirm(): void; onCancel(): void};

export const dialogRows = 5;

export function ConfirmDialog({text, onConfirm, onCancel}: Props) {
	const theme = useTheme();
	useInput((input, key) => {
		if (input === 'y' || input === 'Y' || key.return) onConfirm();
		else if (input === 'n' || input === 'N' || key.escape) onCancel();
	});
	return (
		<Box borderStyle="double" borderColor={theme.color.warn} flexDirection="column" paddingX={1} height={dialogRows} flexShrink={0} width="100%">
			<Box height={2} overflow="hidden"><Text bold wrap="wrap">{text}</Text></Box>
			<Text color={theme.color.muted} wrap="truncate-end">y / enter: do it    n / esc: cancel</Text>
		</Box>
	);
}
