// No target given: every Deployment in the namespace, as `kubectl get deploy -o wide` would list
// them, with a state glyph. Enter opens one.
import {Box, Text} from 'ink';
import type {DeploymentState, DeploymentSummary} from '../../rollout/index.js';
import {Pane} from '../components/Pane.js';
import {windowAround} from '../format.js';
import type {Glyphs, Token} from '../theme.js';
import {useTheme} from '../theme-context.js';

type Props = {deployments: readonly DeploymentSummary[]; selected: number; rows: number; width: number; namespace: string};

export const stateStyle: Record<DeploymentState, {glyph: keyof Glyphs; token: Token}> = {
	progressing: {glyph: 'pending', token: 'status.progressing'},
	complete: {glyph: 'ok', token: 'status.complete'},
	failed: {glyph: 'failed', token: 'status.failed'},
	paused: {glyph: 'paused', token: 'status.paused'},
};

function Row({cells, muted}: {cells: [string, string, string, string, string, string, string]; muted?: string}) {
	const [state, name, ready, upToDate, available, image, age] = cells;
	return (
		<Box>
			<Box width={14} flexShrink={0}><Text color={muted}>{state}</Text></Box>
			<Box flexGrow={1} flexShrink={1} flexBasis={0} minWidth={8}><Text color={muted} wrap="truncate-end">{name}</Text></Box>
			<Box width={7} flexShrink={0}><Text color={muted}>{ready}</Text></Box>
			<Box width={11} flexShrink={0}><Text color={muted}>{upToDate}</Text></Box>
			<Box width={10} flexShrink={0}><Text color={muted}>{available}</Text></Box>
			<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text color={muted} wrap="truncate-end">{image}</Text></Box>
			<Box width={6} flexShrink={0}><Text color={muted}> {age}</Text></Box>
		</Box>
	);
}

export function DeploymentList({deployments, selected, rows, width, namespace}: Props) {
	const theme = useTheme();
	const {start, items} = windowAround(deployments, selected, rows);
	return (
		<Pane title="Deployments" detail={`ns ${namespace}  ${deployments.length}`} focused width={width} flexGrow={1}>
			<Row cells={['STATE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'IMAGE', 'AGE']} muted={theme.color.muted} />
			{deployments.length === 0 ? <Text color={theme.color.muted}>no deployments in namespace {namespace}</Text> : null}
			{items.map((deployment, index) => {
				const style = stateStyle[deployment.state];
				const isSelected = start + index === selected;
				return (
					<Box key={deployment.name}>
						<Box width={14} flexShrink={0}><Text color={theme.color[style.token]}>{theme.glyph[style.glyph]} {deployment.state}</Text></Box>
						<Box flexGrow={1} flexShrink={1} flexBasis={0} minWidth={8}><Text inverse={isSelected} bold={isSelected} wrap="truncate-end">{deployment.name}</Text></Box>
						<Box width={7} flexShrink={0}><Text>{deployment.ready}</Text></Box>
						<Box width={11} flexShrink={0}><Text>{deployment.upToDate}</Text></Box>
						<Box width={10} flexShrink={0}><Text>{deployment.available}</Text></Box>
						<Box flexGrow={1} flexShrink={1} flexBasis={0}><Text wrap="truncate-end">{deployment.images.join(',')}</Text></Box>
						<Box width={6} flexShrink={0}><Text color={theme.color.muted}> {deployment.age}</Text></Box>
					</Box>
				);
			})}
		</Pane>
	);
}
