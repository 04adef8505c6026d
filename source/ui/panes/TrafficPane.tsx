// Per Service: the share of ready endpoints per version (the split a plain Service gives) and, when a
// prober runs, what it actually saw from each version — live (recent window) and in total — with the
// failures on their own line.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {ServiceTraffic} from '../../rollout/index.js';
import {Bar} from '../components/Bar.js';
import {Pane} from '../components/Pane.js';
import type {Layout} from '../layout.js';
import type {Theme, Token} from '../theme.js';
import type {ProbeSnapshot} from '../types.js';
import {useTheme} from '../theme-context.js';
import {cells} from './short-image.js';
import {compactCount, failureLevel, failureSummary, failuresText, probesThese, unmatchedVersions, versionRows, type FailureSummary, type VersionRow} from './traffic-rows.js';

type Props = {traffic: readonly ServiceTraffic[]; probe?: ProbeSnapshot; layout: Layout['traffic']; focused: boolean};

const levelStyle: Record<ReturnType<typeof failureLevel>, {token: Token; glyph: keyof Theme['glyph'] | 'warn'}> = {
	failing: {token: 'status.failed', glyph: 'failed'},
	recovered: {token: 'warn', glyph: 'warn'},
	clean: {token: 'muted', glyph: 'ok'},
};

function glyphOf(theme: Theme, failures: FailureSummary): string {
	const {glyph} = levelStyle[failureLevel(failures)];
	return glyph === 'warn' ? '!' : theme.glyph[glyph];
}

const observedText = (row: VersionRow) => (row.observed ? `seen ${row.observed.share}% (${compactCount(row.observed.total)})` : '');

/** Versions the prober saw that no endpoint group claims, e.g. "unknown 3%". */
function othersText(traffic: readonly ServiceTraffic[], probe: ProbeSnapshot): string {
	const others = unmatchedVersions(traffic, probe);
	const seen = others.map(version => `${version.version} ${version.share}%`).join(' ');
	if (!probesThese(traffic, probe)) return ` · seen ${seen || 'nothing'}`;
	return others.length === 0 ? '' : ` · also seen ${seen}`;
}

/** Names the prober's target when it is not a Service shown here, so its numbers are not read as theirs. */
const targetPrefix = (traffic: readonly ServiceTraffic[], probe: ProbeSnapshot) => (probesThese(traffic, probe) ? '' : `${probe.target}: `);

/** While failing, the reason leads (it is what to act on); once recovered, it trails as "last: …". */
function FailureLine({traffic, probe, empty}: {traffic: readonly ServiceTraffic[]; probe: ProbeSnapshot; empty: boolean}) {
	const theme = useTheme();
	const failures = failureSummary(probe);
	const level = failureLevel(failures);
	const {token} = levelStyle[level];
	const reason = failures.lastError ?? '';
	return (
		<Text wrap="truncate-end">
			{empty ? <Text color={theme.color.warn}>no ready endpoints · </Text> : null}
			<Text color={theme.color[token]}>
				{glyphOf(theme, failures)} {targetPrefix(traffic, probe)}{level === 'failing' && reason ? `${reason} · ` : ''}{failuresText(failures)}
				{level !== 'failing' && reason ? ` · last: ${reason}` : ''}
			</Text>
			<Text color={theme.color.muted}>{othersText(traffic, probe)}</Text>
		</Text>
	);
}

function TrafficLine({traffic, probe, focused}: Omit<Props, 'layout'>) {
	const theme = useTheme();
	const failures = probe ? failureSummary(probe) : undefined;
	return (
		<Box width="100%" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color={focused ? theme.color.focus : undefined}>Traffic </Text>
				{traffic.map((service, serviceIndex) => (
					<Text key={service.service}>
						{serviceIndex > 0 ? '  ' : ''}
						{traffic.length > 1 ? `svc/${service.service} ` : ''}
						{service.groups.length === 0 ? <Text color={theme.color.warn}>no ready endpoints</Text> : null}
						{versionRows(traffic, service, probe).map((row, index) => (
							<Text key={row.key}>
								{index > 0 ? <Text color={theme.color.muted}> · </Text> : null}
								<Text color={theme.color[index === 0 ? 'rev.new' : 'rev.old']}>{row.label}</Text> {row.share}%
								{row.observed ? <Text color={theme.color.muted}> seen {row.observed.share}%</Text> : null}
							</Text>
						))}
					</Text>
				))}
				{failures && probe ? (
					<Text color={theme.color[levelStyle[failureLevel(failures)].token]}>
						{'  '}{glyphOf(theme, failures)} {targetPrefix(traffic, probe)}{failuresText(failures)}{failures.lastError ? ` · ${failures.lastError}` : ''}
					</Text>
				) : null}
			</Text>
		</Box>
	);
}

export const TrafficPane = memo(function TrafficPane({traffic, probe, layout, focused}: Props) {
	const theme = useTheme();
	if (layout.mode === 'hidden') return null;
	if (layout.mode === 'line') return <TrafficLine traffic={traffic} probe={probe} focused={focused} />;
	const rows = traffic.map(service => ({service, rows: versionRows(traffic, service, probe)}));
	const all = rows.flatMap(entry => entry.rows);
	// Columns from content; the bar takes what is left of the pane's inner width (border and padding 4).
	// A long tag ("v2-broken-build-1234") must not squeeze the bar away: labels past a quarter of the pane are cut.
	const labelWidth = Math.min(Math.max(0, ...all.map(row => cells(row.label))) + 1, Math.max(10, Math.floor((layout.width - 4) / 4)));
	// "3 ready" with a cell either side: the percent's column is right-aligned, "seen …" follows.
	const readyWidth = Math.max(0, ...all.map(row => cells(`${row.ready} ready`))) + 2;
	const observedWidth = probe ? Math.max(0, ...all.map(row => cells(observedText(row)))) : 0;
	const barWidth = Math.max(3, Math.min(30, layout.width - 4 - labelWidth - 5 - readyWidth - observedWidth));
	const empty = traffic.every(service => service.groups.length === 0);
	const services = traffic.map(service => `svc/${service.service}`).join(' ');
	// The legend only when the border has room for it whole.
	const legend = probe && cells(` Traffic ${services} · seen: live % (total) `) + 3 <= layout.width ? ' · seen: live % (total)' : '';
	return (
		<Pane title="Traffic" detail={`${services}${legend}`} focused={focused} width={layout.width} height={layout.height}>
			{rows.flatMap(({service, rows: versions}) => [
				traffic.length > 1 ? <Text key={service.service} bold wrap="truncate-end">svc/{service.service}  {service.totalReady} ready</Text> : null,
				...versions.map((row, index) => (
					<Box key={`${service.service}/${row.key}`}>
						<Box width={labelWidth} flexShrink={0}><Text color={theme.color[index === 0 ? 'rev.new' : 'rev.old']} wrap="truncate-end">{row.label}</Text></Box>
						<Bar fraction={row.share / 100} width={barWidth} token={index === 0 ? 'rev.new' : 'rev.old'} />
						<Box width={5} flexShrink={0} justifyContent="flex-end"><Text>{row.share}%</Text></Box>
						<Box width={readyWidth} flexShrink={0} paddingLeft={1}><Text>{row.ready} ready</Text></Box>
						{row.observed ? <Box flexShrink={1} minWidth={0}><Text color={theme.color.muted} wrap="truncate-end">{observedText(row)}</Text></Box> : null}
					</Box>
				)),
			])}
			{probe ? <FailureLine traffic={traffic} probe={probe} empty={empty} /> : empty ? <Text color={theme.color.warn}>no ready endpoints</Text> : null}
		</Pane>
	);
});
