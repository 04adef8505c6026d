// `s`: how many replicas. Digits only; Enter applies, Esc cancels. The prompt is the confirmation.
import {Box, Text, useInput} from 'ink';
import {useTheme} from '../theme-context.js';
import {dialogRows} from './ConfirmDialog.js';

type Props = {
	name: string;
	current: number;
	digits: string;
	onDigits(text: string): void;
	onBackspace(): void;
	onApply(replicas: number): void;
	onCancel(): void;
};

export function ScalePrompt({name, current, digits, onDigits, onBackspace, onApply, onCancel}: Props) {
	const theme = useTheme();
	useInput((input, key) => {
		if (key.escape) onCancel();
		else if (key.return) {
			if (digits !== '') onApply(Number(digits));
		} else if (key.backspace || key.delete) onBackspace();
		else if (/^\d+$/.test(input)) onDigits(input);
	});
	const target = digits === '' ? 'N' : String(Number(digits));
	return (
		<Box borderStyle="double" borderColor={theme.color.warn} flexDirection="column" paddingX={1} height={dialogRows} flexShrink={0} width="100%">
			<Box height={2} overflow="hidden">
				<Text wrap="wrap">
					<Text bold>Scale deployment "{name}" from {current} to </Text>
					<Text inverse>{digits || ' '}</Text>
					<Text bold> replicas?</Text>
					<Text color={theme.color.muted}> (kubectl scale --replicas={target})</Text>
				</Text>
			</Box>
			<Text color={theme.color.muted} wrap="truncate-end">digits, then enter: apply    esc: cancel</Text>
		</Box>
	);
}
