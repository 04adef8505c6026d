// No target given: every Deployment in the namespace, as `kubectl get deploy -o wide` would list
// them, with a state glyph. Enter opens one.
import {Box, Text} from 'ink';
import type {DeploymentState, DeploymentSummary} from '../../rollout/index.js';
import {Pane} from '../components/Pane.js';
import {windowAround} from '../format.js';
import type {Glyphs, Token} from '../theme.js';
import {useTheme} from '../theme-context.js';
import {cells, fitImages} from './short-image.js';

type Props = {deployments: readonly DeploymentSummary[]; selected: number; rows: number; width: number; namespace: string};

export const stateStyle: Record<DeploymentState, {glyph: keyof Glyphs; token: Token}> = {
	progressing: {glyph: 'pending', token: 'status.progressing'},
	complete: {glyph: 'ok', token: 'status.complete'},
	failed: {glyph: 'failed', token: 'status.failed'},
	paused: {glyph: 'paused', token: 'status.paused'},
};

/** Column widths from what is listed, kubectl-style; IMAGE takes what is left, short names when full ones do not fit. */
export function listColumns(deployments: readonly DeploymentSummary[], innerWidth: number) {
	const widest = (header: string, values: string[]) => Math.max(cells(header), ...values.map(value => cells(value))) + 2;
	const columns = {
		state: widest('STATE', deployments.map(deployment => `● ${deployment.state}`)),
		name: widest('NAME', deployments.map(deployment => deployment.name)),
		ready: widest('READY', deployments.map(deployment => deployment.ready)),
		upToDate: widest('UP-TO-DATE', deployments.map(deployment => String(deployment.upToDate))),
		available: widest('AVAILABLE', deployments.map(deployment => String(deployment.available))),
		age: 6,
	};
	const room = innerWidth - Object.values(columns).reduce((total, width) => total + width, 0) - 2;
	return {...columns, images: deployments.map(deployment => fitImages(deployment.images, room))};
}

type Columns = ReturnType<typeof listColumns>;

function Row({columns, cells: texts, muted}: {columns: Columns; cells: [string, string, string, string, string, string, string]; muted?: string}) {
	const [state, name, ready, upToDate, available, image, age] = texts;
	return (
		<Box>
			<Box width={columns.state} flexShrink={0}><Text color={muted}>{state}</Text></Box>
			<Box width={columns.name} flexShrink={1} minWidth={8}><Text color={muted} wrap="truncate-end">{name}</Text></Box>
			<Box width={columns.ready} flexShrink={0}><Text color={muted}>{ready}</Text></Box>
			<Box width={columns.upToDate} flexShrink={0}><Text color={muted}>{upToDate}</Text></Box>
			<Box width={columns.available} flexShrink={0}><Text color={muted}>{available}</Text></Box>
			<Box flexGrow={1} flexShrink={1} flexBasis={0} paddingRight={1}><Text color={muted} wrap="truncate-end">{image}</Text></Box>
			<Box width={columns.age} flexShrink={0}><Text color={muted}>{age}</Text></Box>
		</Box>
	);
}

export function DeploymentList({deployments, selected, rows, width, namespace}: Props) {
	const theme = useTheme();
	const {start, items} = windowAround(deployments, selected, rows);
	const columns = listColumns(deployments, width - 4);
	return (
		<Pane title="Deployments" detail={`ns ${namespace}  ${deployments.length}`} focused width={width} flexGrow={1}>
			<Row columns={columns} cells={['STATE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'IMAGE', 'AGE']} muted={theme.color.muted} />
			{deployments.length === 0 ? <Text color={theme.color.muted}>no deployments in namespace {namespace}</Text> : null}
			{items.map((deployment, index) => {
				const style = stateStyle[deployment.state];
				const isSelected = start + index === selected;
				return (
					<Box key={deployment.name}>
						<Box width={columns.state} flexShrink={0}><Text color={theme.color[style.token]}>{theme.glyph[style.glyph]} {deployment.state}</Text></Box>
						<Box width={columns.name} flexShrink={1} minWidth={8}><Text inverse={isSelected} bold={isSelected} wrap="truncate-end">{deployment.name}</Text></Box>
						<Box width={columns.ready} flexShrink={0}><Text>{deployment.ready}</Text></Box>
						<Box width={columns.upToDate} flexShrink={0}><Text>{deployment.upToDate}</Text></Box>
						<Box width={columns.available} flexShrink={0}><Text>{deployment.available}</Text></Box>
						<Box flexGrow={1} flexShrink={1} flexBasis={0} paddingRight={1}><Text wrap="truncate-end">{columns.images[start + index]}</Text></Box>
						<Box width={columns.age} flexShrink={0}><Text color={theme.color.muted}>{deployment.age}</Text></Box>
					</Box>
				);
			})}
		</Pane>
	);
}
