// Per Service: the share of ready endpoints per version (the split a plain Service gives), and when
// a prober runs, what it actually observed — live (recent window) and since it started.
import {Box, Text} from 'ink';
import type {ServiceTraffic} from '../../rollout/index.js';
import {Bar} from '../components/Bar.js';
import {Pane} from '../components/Pane.js';
import type {Layout} from '../layout.js';
import type {ProbeSnapshot} from '../types.js';
import {useTheme} from '../theme-context.js';

type Props = {traffic: readonly ServiceTraffic[]; probe?: ProbeSnapshot; layout: Layout['traffic']; focused: boolean};

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/** "observed v2 58% v1 42%": the prober's live split over its recent window. */
export function observedText(probe: ProbeSnapshot): string {
	const live = probe.perVersion.map(version => `${version.version} ${percent(version.recent, probe.requests.recent)}%`).join(' ');
	return `observed ${live || 'no responses'}`;
}

/** "1 failed of 10 (total 3 of 100)": live window first, then since the prober started. */
export function failuresText(probe: ProbeSnapshot): string {
	return `${probe.failures.recent} failed of ${probe.requests.recent} (total ${probe.failures.total} of ${probe.requests.total})`;
}

/** The observed share of one version, when the prober names versions the way the Service's pods do. */
function observedShare(probe: ProbeSnapshot | undefined, label: string): number | undefined {
	const version = probe?.perVersion.find(candidate => candidate.version === label);
	return version && probe ? percent(version.recent, probe.requests.recent) : undefined;
}

function matchesGroups(traffic: readonly ServiceTraffic[], probe: ProbeSnapshot): boolean {
	return traffic.some(service => service.groups.some(group => observedShare(probe, group.label) !== undefined));
}

function TrafficLine({traffic, probe, focused}: Omit<Props, 'layout'>) {
	const theme = useTheme();
	return (
		<Box width="100%" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color={focused ? theme.color.focus : undefined}>Traffic </Text>
				{traffic.map(service => `svc/${service.service} ${service.groups.map(group => `${group.label} ${Math.round(group.share)}%`).join(' · ')}`).join('  ')}
				{probe ? <Text color={theme.color.muted}>  {observedText(probe)} · {failuresText(probe)}</Text> : null}
			</Text>
		</Box>
	);
}

export function TrafficPane({traffic, probe, layout, focused}: Props) {
	const theme = useTheme();
	if (layout.mode === 'hidden') return null;
	if (layout.mode === 'line') return <TrafficLine traffic={traffic} probe={probe} focused={focused} />;
	// Border and padding 4, label 8, " 100%  12 ready  seen 100%" 26: the bar takes what is left.
	const barWidth = Math.max(4, Math.min(30, layout.width - 4 - 8 - (probe ? 26 : 16)));
	return (
		<Pane title="Traffic" detail={traffic.map(service => `svc/${service.service}`).join(' ')} focused={focused} width={layout.width} height={layout.height}>
			{traffic.flatMap(service => [
				traffic.length > 1 ? <Text key={service.service} bold wrap="truncate-end">svc/{service.service}  {service.totalReady} ready</Text> : null,
				...service.groups.map((group, index) => (
					<Box key={`${service.service}/${group.key}`}>
						<Box width={8} flexShrink={0}><Text color={theme.color[index === 0 ? 'rev.new' : 'rev.old']} wrap="truncate-end">{group.label}</Text></Box>
						<Bar fraction={group.share / 100} width={barWidth} token={index === 0 ? 'rev.new' : 'rev.old'} />
						<Text wrap="truncate-end">
							{' '}{String(Math.round(group.share)).padStart(3)}%  {group.ready} ready
							{observedShare(probe, group.label) === undefined ? null : <Text color={theme.color.muted}>  seen {observedShare(probe, group.label)}%</Text>}
						</Text>
					</Box>
				)),
			])}
			{probe ? (
				<Text color={probe.failures.recent > 0 ? theme.color.warn : theme.color.muted} wrap="truncate-end">
					probe {failuresText(probe)}{matchesGroups(traffic, probe) ? '' : ` · ${observedText(probe)}`}{probe.lastError ? ` · ${probe.lastError}` : ''}
				</Text>
			) : null}
		</Pane>
	);
}
