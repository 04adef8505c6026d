// The key hints, generated from the keymap for what is live right now. Disabled keys stay visible
// (dimmed, marked ✗) so the user learns they exist; `?` and the status line say why.
import {Box, Text} from 'ink';
import {keyLabel, type CommandState} from '../keymap.js';
import {useTheme} from '../theme-context.js';
import type {CommandId} from '../types.js';

// Movement keys are in the help overlay; the footer keeps to what the user came for.
const hidden = new Set<CommandId>(['up', 'down', 'focusPrev']);
// Never cut off by a narrow terminal: how to learn the rest, and how to leave.
const pinned = new Set<CommandId>(['help', 'quit']);

function Hint({state}: {state: CommandState}) {
	const theme = useTheme();
	const {command, enabled} = state;
	const key = keyLabel(command.keys[0]!);
	return enabled === true
		? <Text><Text bold color={theme.color.accent}>{key}</Text> {command.label}  </Text>
		: <Text dimColor>{key} {command.label}{theme.glyph.failed}  </Text>;
}

export function Footer({commands}: {commands: readonly CommandState[]}) {
	const shown = commands.filter(({command}) => !hidden.has(command.id));
	return (
		<Box width="100%" flexShrink={0} paddingLeft={1}>
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">{shown.filter(({command}) => !pinned.has(command.id)).map(state => <Hint key={state.command.id} state={state} />)}</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<Text>{shown.filter(({command}) => pinned.has(command.id)).map(state => <Hint key={state.command.id} state={state} />)}</Text>
			</Box>
		</Box>
	);
}
