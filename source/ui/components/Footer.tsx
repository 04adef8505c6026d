// The key hints, generated from the keymap for what is live right now. Disabled keys stay visible
// (dimmed, marked ✗) when there is room, so the user learns they exist; `?` and the status line say why.
import {Box, Text, useWindowSize} from 'ink';
import {memo} from 'react';
import {keyLabel, type CommandState} from '../keymap.js';
import {cells} from '../panes/short-image.js';
import {useTheme} from '../theme-context.js';
import type {CommandId} from '../types.js';

// Movement keys are in the help overlay; the footer keeps to what the user came for.
const hidden = new Set<CommandId>(['up', 'down', 'focusPrev']);
// Never cut off by a narrow terminal: how to learn the rest, and how to leave.
const pinned: readonly CommandId[] = ['help', 'quit'];
// Most useful first: what the user came to do, then finding their way around.
const priority: readonly CommandId[] = ['open', 'shipNext', 'pause', 'resume', 'undo', 'scale', 'restart', 'shipBroken', 'focusNext', 'filter', 'back', 'freeze'];
// Only one of a pair can be live at a time; the other says nothing new while its twin is enabled.
const twins: Partial<Record<CommandId, CommandId>> = {pause: 'resume', resume: 'pause'};

const hintText = ({command, enabled}: CommandState, failed: string) => `${keyLabel(command.keys[0]!)} ${command.label}${enabled === true ? '' : failed}  `;

/** The hints that fit `columns`: pinned ones always, then enabled ones by priority, then disabled ones. */
export function fitFooter(commands: readonly CommandState[], columns: number, failedGlyph = '✗'): {hints: CommandState[]; pinned: CommandState[]} {
	const byId = new Map(commands.map(state => [state.command.id, state]));
	const pinnedStates = pinned.flatMap(id => byId.get(id) ?? []);
	const candidates = commands.filter(({command, enabled}) => {
		if (hidden.has(command.id) || pinned.includes(command.id)) return false;
		const twin = twins[command.id];
		return enabled === true || twin === undefined || byId.get(twin)?.enabled !== true;
	});
	const rank = (state: CommandState) => {
		const index = priority.indexOf(state.command.id);
		return (state.enabled === true ? 0 : 100) + (index < 0 ? priority.length : index);
	};
	// Left padding, the gap before the pinned keys and their width.
	let room = columns - 2 - pinnedStates.reduce((total, state) => total + cells(hintText(state, failedGlyph)), 0);
	const chosen = new Set<CommandState>();
	for (const state of candidates.toSorted((a, b) => rank(a) - rank(b))) {
		const width = cells(hintText(state, failedGlyph));
		if (width > room) continue;
		chosen.add(state);
		room -= width;
	}
	return {hints: candidates.filter(state => chosen.has(state)).toSorted((a, b) => rank(a) - rank(b)), pinned: pinnedStates};
}

function Hint({state}: {state: CommandState}) {
	const theme = useTheme();
	const {command, enabled} = state;
	const key = keyLabel(command.keys[0]!);
	return enabled === true
		? <Text><Text bold color={theme.color.accent}>{key}</Text> {command.label}  </Text>
		: <Text dimColor>{key} {command.label}{theme.glyph.failed}  </Text>;
}

export const Footer = memo(function Footer({commands}: {commands: readonly CommandState[]}) {
	const {columns} = useWindowSize();
	const theme = useTheme();
	const {hints, pinned: right} = fitFooter(commands, columns, theme.glyph.failed);
	return (
		<Box width="100%" flexShrink={0} paddingLeft={1}>
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">{hints.map(state => <Hint key={state.command.id} state={state} />)}</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<Text>{right.map(state => <Hint key={state.command.id} state={state} />)}</Text>
			</Box>
		</Box>
	);
});
