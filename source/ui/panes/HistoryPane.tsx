// The revisions (ReplicaSets): the current one marked ▶; selecting one and pressing u rolls back to it.
// Below 100 columns on short terminals it collapses to one line.
import {Box, Text} from 'ink';
import {humanDuration, type RevisionRow} from '../../rollout/index.js';
import {Pane} from '../components/Pane.js';
import {windowAround} from '../format.js';
import type {Layout} from '../layout.js';
import {useTheme} from '../theme-context.js';

type Props = {rows: readonly RevisionRow[]; layout: Layout['history']; focused: boolean; selected: number; now: number};

function age(row: RevisionRow, now: number): string {
	const created = row.createdAt ? Date.parse(row.createdAt) : Number.NaN;
	return Number.isNaN(created) ? '' : humanDuration(now - created);
}

function HistoryLine({rows, focused, selected}: Omit<Props, 'layout' | 'now'>) {
	const theme = useTheme();
	return (
		<Box width="100%" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color={focused ? theme.color.focus : undefined}>History </Text>
				{rows.length === 0 ? <Text color={theme.color.muted}>no revisions</Text> : null}
				{rows.map((row, index) => (
					<Text key={row.revision}>
						{index > 0 ? <Text color={theme.color.muted}> · </Text> : null}
						<Text inverse={focused && index === selected} color={theme.color[row.current ? 'rev.new' : 'rev.old']}>
							{row.current ? theme.glyph.current : ''}{row.revision} {row.images.join(',')} ({row.pods})
						</Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}

export function HistoryPane({rows, layout, focused, selected, now}: Props) {
	const theme = useTheme();
	if (layout.mode === 'hidden') return null;
	if (layout.mode === 'line') return <HistoryLine rows={rows} focused={focused} selected={selected} />;
	const {start, items} = windowAround(rows, selected, layout.rows);
	const muted = theme.color.muted;
	return (
		<Pane title="History" focused={focused} width={layout.width} height={layout.height}>
			<Box>
				<Box width={6} flexShrink={0}><Text color={muted}>REV</Text></Box>
				<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text color={muted}>IMAGE</Text></Box>
				<Box width={5} flexShrink={0}><Text color={muted}>PODS</Text></Box>
				<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text color={muted} wrap="truncate-end"> CHANGE-CAUSE</Text></Box>
				<Box width={5} flexShrink={0}><Text color={muted}> AGE</Text></Box>
			</Box>
			{items.map((row, index) => {
				const color = theme.color[row.current ? 'rev.new' : 'rev.old'];
				return (
					<Box key={row.revision}>
						<Box width={6} flexShrink={0}>
							<Text inverse={focused && start + index === selected} color={color}>{row.current ? theme.glyph.current : ' '} {row.revision}</Text>
						</Box>
						<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text color={color} wrap="truncate-end">{row.images.join(',')}</Text></Box>
						<Box width={5} flexShrink={0}><Text>{row.pods}</Text></Box>
						<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text color={muted} wrap="truncate-end"> {row.changeCause ?? '<none>'}</Text></Box>
						<Box width={5} flexShrink={0}><Text color={muted}> {age(row, now)}</Text></Box>
					</Box>
				);
			})}
		</Pane>
	);
}
