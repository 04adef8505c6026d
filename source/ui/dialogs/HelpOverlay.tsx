// `?`: every key live in the current view, generated from the keymap, with why a key is disabled.
import {Box, Text, useInput} from 'ink';
import {keyLabel, type CommandState} from '../keymap.js';
import {useTheme} from '../theme-context.js';

type Props = {commands: readonly CommandState[]; readOnly: boolean; kubeconfigPath?: string; onClose(): void};

export function HelpOverlay({commands, readOnly, kubeconfigPath, onClose}: Props) {
	const theme = useTheme();
	useInput((input, key) => {
		if (input === '?' || input === 'q' || key.escape || key.return) onClose();
	});
	return (
		<Box borderStyle="round" borderColor={theme.color.accent} flexDirection="column" paddingX={1} flexGrow={1} overflow="hidden">
			<Text bold wrap="truncate-end">
				Keys<Text color={theme.color.muted}>  ? / esc: close{readOnly ? '  (read-only: actions that change the cluster are off)' : ''}</Text>
			</Text>
			{commands.map(({command, enabled}) => (
				<Box key={command.id}>
					<Box width={9} flexShrink={0}>
						<Text bold={enabled === true} dimColor={enabled !== true}>{command.keys.map(keyLabel).join(' ')}</Text>
					</Box>
					<Text wrap="truncate-end" dimColor={enabled !== true}>
						{command.help}
						{command.dangerous ? <Text color={theme.color.warn}> (asks first)</Text> : null}
						{enabled === true ? null : <Text color={theme.color.muted}> {theme.glyph.failed} disabled: {enabled}</Text>}
					</Text>
				</Box>
			))}
			{kubeconfigPath ? <Text color={theme.color.muted} wrap="truncate-end">kubectl works too: kubectl --kubeconfig {kubeconfigPath} get pods</Text> : null}
		</Box>
	);
}
