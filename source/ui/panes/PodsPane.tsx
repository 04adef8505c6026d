// Every pod of the Deployment's ReplicaSets, windowed to the rows the layout gives, with the
// transition log beside or below.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {PodTransition} from '../../store/types.js';
import {humanDuration} from '../../rollout/index.js';
import {Pane} from '../components/Pane.js';
import type {PodHealth, PodRow} from '../derive.js';
import {timeOfDay} from '../format.js';
import {podWindow} from '../pod-rows.js';
import {cells} from './short-image.js';
import type {Layout} from '../layout.js';
import type {Glyphs, Token} from '../theme.js';
import {useTheme} from '../theme-context.js';


type Props = {
	pods: readonly PodRow[];
	transitions: readonly PodTransition[];
	layout: Layout['pods'];
	focused: boolean;
	selected: number;
	filter: {text: string; editing: boolean};
	now: number;
};

export const healthStyle: Record<PodHealth, {glyph: keyof Glyphs; token: Token}> = {
	ready: {glyph: 'running', token: 'status.complete'},
	starting: {glyph: 'pending', token: 'status.progressing'},
	terminating: {glyph: 'terminating', token: 'muted'},
	failed: {glyph: 'failed', token: 'status.failed'},
	done: {glyph: 'ok', token: 'muted'},
};

/** Column widths from what is on screen (kubectl's way): each column as wide as its widest cell. */
export type PodColumns = {name: number; rev: number; status: number; ready: number; restarts: number; age: number};

/** Column widths for these rows; `ages` are their AGE cells (a skewed clock makes kubectl's `<invalid>`). */
export function podColumns(pods: readonly PodRow[], ages: readonly string[] = []): PodColumns {
	const widest = (header: string, values: string[]) => Math.max(cells(header), ...values.map(value => cells(value)));
	// Two cells of gutter after each column, as kubectl leaves three.
	return {
		name: widest('NAME', pods.map(pod => pod.name)) + 2,
		rev: widest('REV', pods.map(pod => `rev${pod.revision ?? '?'}`)) + 2,
		status: widest('Terminating', pods.map(pod => pod.status)) + 2,
		ready: widest('READY', pods.map(pod => pod.ready)) + 2,
		restarts: widest('↻', pods.map(pod => (pod.restarts > 0 ? `↻${pod.restarts}` : ''))) + 2,
		age: Math.max(7, widest('AGE', [...ages])),
	};
}

type LineProps = {pod: PodRow; selected: boolean; age: string; columns: PodColumns};

// A row re-renders only when what it draws changed: a frame that adds log lines or moves the clock
// leaves most rows as they were, and an unchanged row sends Ink no updates to lay out again.
const sameLine = (a: LineProps, b: LineProps) => a.pod === b.pod && a.selected === b.selected && a.age === b.age
	&& (Object.keys(a.columns) as Array<keyof PodColumns>).every(key => a.columns[key] === b.columns[key]);

const PodLine = memo(function PodLine({pod, selected, age, columns}: LineProps) {
	const theme = useTheme();
	const style = healthStyle[pod.health];
	return (
		<Box>
			<Box width={2} flexShrink={0}><Text color={theme.color[style.token]}>{theme.glyph[style.glyph]}</Text></Box>
			<Box width={columns.name} flexShrink={1} minWidth={10}><Text inverse={selected} wrap="truncate-end">{pod.name}</Text></Box>
			<Box width={columns.rev} flexShrink={0}>
				<Text color={theme.color[pod.isNew ? 'rev.new' : 'rev.old']}>rev{pod.revision ?? '?'}</Text>
			</Box>
			<Box width={columns.status} flexShrink={1} minWidth={8}><Text color={theme.color[style.token]} wrap="truncate-end">{pod.status}</Text></Box>
			<Box width={columns.ready} flexShrink={0}><Text>{pod.ready}</Text></Box>
			<Box width={columns.restarts} flexShrink={0}><Text color={pod.restarts > 0 ? theme.color.warn : undefined}>{pod.restarts > 0 ? `↻${pod.restarts}` : ''}</Text></Box>
			<Box width={columns.age} flexShrink={0}><Text color={theme.color.muted}>{age}</Text></Box>
		</Box>
	);
}, sameLine);

function ColumnHeader({columns}: {columns: PodColumns}) {
	const theme = useTheme();
	return (
		<Box>
			<Box width={2} flexShrink={0} />
			<Box width={columns.name} flexShrink={1} minWidth={10}><Text color={theme.color.muted}>NAME</Text></Box>
			<Box width={columns.rev} flexShrink={0}><Text color={theme.color.muted}>REV</Text></Box>
			<Box width={columns.status} flexShrink={1} minWidth={8}><Text color={theme.color.muted}>STATUS</Text></Box>
			<Box width={columns.ready} flexShrink={0}><Text color={theme.color.muted}>READY</Text></Box>
			<Box width={columns.restarts} flexShrink={0}><Text color={theme.color.muted}>↻</Text></Box>
			<Box width={columns.age} flexShrink={0}><Text color={theme.color.muted}>AGE</Text></Box>
		</Box>
	);
}

function TransitionLog({transitions, rows}: {transitions: readonly PodTransition[]; rows: number}) {
	const theme = useTheme();
	// New lines arrive at most once per clock tick (hooks/use-screen-data.ts says why).
	const shown = transitions.slice(-rows);
	return (
		<Box flexDirection="column">
			{shown.length === 0 ? <Text color={theme.color.muted}>no transitions yet</Text> : null}
			{shown.map(transition => (
				<Text key={transition.id} wrap="truncate-end">
					<Text color={theme.color.muted}>{timeOfDay(transition.at)} </Text>
					{transition.pod} {transition.from ? `${transition.from} ${theme.glyph.arrow} ` : ''}{transition.to}
				</Text>
			))}
		</Box>
	);
}

export function PodsPane({pods, transitions, layout, focused, selected, filter, now}: Props) {
	const theme = useTheme();
	const {matching, start, items} = podWindow(pods, filter.text, selected, layout.rows);
	const ages = items.map(pod => (pod.createdAt === undefined ? '' : humanDuration(now - pod.createdAt)));
	const columns = podColumns(items, ages);
	const range = matching > items.length ? ` ${start + 1}–${start + items.length} of ${matching}` : ` ${matching}`;
	const filterText = filter.text || filter.editing ? `  /${filter.text}${filter.editing ? '▏' : ''}` : '';
	// Pod rows the list does not need go to the log below it, rather than to blank lines.
	const listRows = layout.log === 'below' ? Math.max(1, items.length) : layout.rows;
	const logRows = layout.log === 'below' ? layout.logRows + layout.rows - listRows : layout.logRows;
	// Beside the list, the log gets at least the layout's share and every column the list does not fill.
	const listContent = 2 + Object.values(columns).reduce((total, width) => total + width, 0);
	const logWidth = Math.max(layout.logWidth, layout.width - 4 - listContent);
	const list = (
		<Box flexDirection="column" flexGrow={1} flexShrink={1} height={listRows + 1}>
			<ColumnHeader columns={columns} />
			{items.length === 0 ? <Text color={theme.color.muted}>{filter.text ? `no pod matches "${filter.text}"` : 'no pods'}</Text> : null}
			{items.map((pod, index) => <PodLine key={pod.name} pod={pod} selected={focused && start + index === selected} age={ages[index]!} columns={columns} />)}
		</Box>
	);
	return (
		<Pane title="Pods" detail={`${range}${filterText}`} focused={focused} width={layout.width} height={layout.height}>
			{layout.log === 'beside' ? (
				<Box flexDirection="row" height={layout.rows + 1}>
					{list}
					<Box width={logWidth} flexShrink={0} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor={theme.color.muted} paddingLeft={1}>
						<TransitionLog transitions={transitions} rows={logRows} />
					</Box>
				</Box>
			) : (
				<Box flexDirection="column">
					{list}
					{layout.log === 'below' ? <TransitionLog transitions={transitions} rows={logRows} /> : null}
				</Box>
			)}
		</Pane>
	);
}
