// The revisions (ReplicaSets): the current one marked ▶; selecting one and pressing u rolls back to it.
// Below 100 columns on short terminals it collapses to one line.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {humanDuration, type RevisionRow} from '../../rollout/index.js';
import {Pane} from '../components/Pane.js';
import {windowAround} from '../format.js';
import type {Layout} from '../layout.js';
import {useTheme} from '../theme-context.js';
import {cells, imageTag, shortImage} from './short-image.js';

type Props = {rows: readonly RevisionRow[]; layout: Layout['history']; focused: boolean; selected: number; now: number};

// REV, PODS and AGE columns ("▶ 12", "PODS", "2m30s", each with a gutter); CHANGE-CAUSE is worth this
// much before full image names, and gets every other cell.
const revWidth = 5;
const podsWidth = 5;
/** AGE's cells: "2m30s" fits; wider ages (kubectl's `<invalid>` for a creation time ahead of our clock) widen it. */
const ageWidthFor = (ages: readonly string[]) => Math.max(5, ...ages.map(text => cells(text)));
const minCauseWidth = 16;

/**
 * The IMAGE column: in full when that leaves CHANGE-CAUSE room; else "app-upgrade:v2"; else the tag first
 * ("v2 app-upgrade"), so what differs between revisions is never the part cut off.
 */
export function historyImages(rows: readonly RevisionRow[], innerWidth: number, ageWidth = ageWidthFor([])): {texts: string[]; width: number} {
	const room = innerWidth - revWidth - podsWidth - ageWidth - 1;
	const widest = (texts: string[]) => Math.max(cells('IMAGE'), ...texts.map(text => cells(text))) + 1;
	const full = rows.map(row => row.images.join(','));
	if (widest(full) <= room - minCauseWidth) return {texts: full, width: widest(full)};
	const short = rows.map(row => row.images.map(shortImage).join(','));
	if (widest(short) <= room - 8) return {texts: short, width: widest(short)};
	const tagFirst = rows.map(row => row.images.map(image => {
		const tag = imageTag(image);
		const name = shortImage(image).split(/[:@]/)[0]!;
		return tag === undefined ? name : `${tag} ${name}`;
	}).join(','));
	return {texts: tagFirst, width: Math.max(6, Math.min(widest(tagFirst), room - 8))};
}

function age(row: RevisionRow, now: number): string {
	const created = row.createdAt ? Date.parse(row.createdAt) : Number.NaN;
	return Number.isNaN(created) ? '' : humanDuration(now - created);
}

function HistoryLine({rows, focused, selected, width}: Omit<Props, 'layout' | 'now'> & {width: number}) {
	const theme = useTheme();
	const long = rows.map(row => `${row.revision} ${row.images.join(',')} (${row.pods})`).join(' · ');
	const image = (row: RevisionRow) => (cells(`History ${long}`) + 2 <= width ? row.images.join(',') : row.images.map(shortImage).join(','));
	return (
		<Box width="100%" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color={focused ? theme.color.focus : undefined}>History </Text>
				{rows.length === 0 ? <Text color={theme.color.muted}>no revisions</Text> : null}
				{rows.map((row, index) => (
					<Text key={row.revision}>
						{index > 0 ? <Text color={theme.color.muted}> · </Text> : null}
						<Text inverse={focused && index === selected} color={theme.color[row.current ? 'rev.new' : 'rev.old']}>
							{row.current ? theme.glyph.current : ''}{row.revision} {image(row)} ({row.pods})
						</Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}

export const HistoryPane = memo(function HistoryPane({rows, layout, focused, selected, now}: Props) {
	const theme = useTheme();
	if (layout.mode === 'hidden') return null;
	if (layout.mode === 'line') return <HistoryLine rows={rows} focused={focused} selected={selected} width={layout.width} />;
	const {start, items} = windowAround(rows, selected, layout.rows);
	const muted = theme.color.muted;
	const ages = items.map(row => age(row, now));
	const ageWidth = ageWidthFor(ages);
	const images = historyImages(items, layout.width - 4, ageWidth);
	// The cause column's cells (less its gutter): too narrow for its full name, it is just CAUSE.
	const causeWidth = layout.width - 4 - revWidth - images.width - podsWidth - ageWidth - 1;
	return (
		<Pane title="History" focused={focused} width={layout.width} height={layout.height}>
			<Box>
				<Box width={revWidth} flexShrink={0}><Text color={muted}>REV</Text></Box>
				<Box width={images.width} flexShrink={0}><Text color={muted}>IMAGE</Text></Box>
				<Box width={podsWidth} flexShrink={0}><Text color={muted}>PODS</Text></Box>
				<Box flexGrow={1} flexShrink={1} flexBasis={0} paddingRight={1}><Text color={muted} wrap="truncate-end">{causeWidth >= cells('CHANGE-CAUSE') ? 'CHANGE-CAUSE' : 'CAUSE'}</Text></Box>
				<Box width={ageWidth} flexShrink={0}><Text color={muted}>AGE</Text></Box>
			</Box>
			{items.map((row, index) => {
				const color = theme.color[row.current ? 'rev.new' : 'rev.old'];
				return (
					<Box key={row.revision}>
						<Box width={revWidth} flexShrink={0}>
							<Text inverse={focused && start + index === selected} color={color}>{row.current ? theme.glyph.current : ' '} {row.revision}</Text>
						</Box>
						<Box width={images.width} flexShrink={0}><Text color={color} wrap="truncate-end">{images.texts[index]}</Text></Box>
						<Box width={podsWidth} flexShrink={0}><Text>{row.pods}</Text></Box>
						{/* The end of a cause is often the command's argument (the image): keep both ends. */}
						<Box flexGrow={1} flexShrink={1} flexBasis={0} paddingRight={1}><Text color={muted} wrap="truncate-middle">{row.changeCause ?? '<none>'}</Text></Box>
						<Box width={ageWidth} flexShrink={0}><Text color={muted}>{ages[index]}</Text></Box>
					</Box>
				);
			})}
		</Pane>
	);
});
