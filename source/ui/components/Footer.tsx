// The key hints, generated from the keymap for what is live right now. Disabled keys stay visible
// (dimmed and crossed) so the user learns they exist and why not: `?` and the status line say why.
import {Box, Text} from 'ink';
import {keyLabel, type CommandState} from '../keymap.js';
import {useTheme} from '../theme-context.js';

// Movement keys are in the help overlay; the footer keeps to what the user came for.
const hidden = new Set(['up', 'down', 'focusPrev']);

export function Footer({commands}: {commands: readonly CommandState[]}) {
	const theme = useTheme();
	const shown = commands.filter(({command}) => !hidden.has(command.id));
	return (
		<Box width="100%" flexShrink={0}>
			<Text wrap="truncate-end">
				{shown.map(({command, enabled}) => (
					<Text key={command.id}>
						{' '}
						{enabled === true
							? <Text><Text bold color={theme.color.accent}>{keyLabel(command.keys[0]!)}</Text> {command.label} </Text>
							: <Text dimColor strikethrough>{keyLabel(command.keys[0]!)} {command.label}</Text>}
						{enabled === true ? null : <Text dimColor>{theme.glyph.failed} </Text>}
					</Text>
				))}
			</Text>
		</Box>
	);
}
