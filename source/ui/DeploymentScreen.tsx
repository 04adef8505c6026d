// The deployment view's panes, arranged as layout() says: Rollout beside History/Traffic when wide,
// stacked when narrow, Pods below with whatever rows are left.
import {Box} from 'ink';
import {Warnings} from './components/Warnings.js';
import type {DeploymentView} from './derive.js';
import type {Layout} from './layout.js';
import {HistoryPane} from './panes/HistoryPane.js';
import {PodsPane} from './panes/PodsPane.js';
import {RolloutPane} from './panes/RolloutPane.js';
import {TrafficPane} from './panes/TrafficPane.js';
import type {ProbeSnapshot} from './types.js';
import type {UiState} from './ui-state.js';

type Props = {view: DeploymentView; layout: Layout; ui: UiState; probe?: ProbeSnapshot; now: number};

export function DeploymentScreen({view, layout, ui, probe, now}: Props) {
	const focused = (pane: UiState['focus']) => ui.focus === pane && ui.dialog === undefined;
	const rollout = <RolloutPane view={view} width={layout.rollout.width} height={layout.rollout.height} compact={layout.rollout.compact} focused={focused('rollout')} now={now} />;
	const history = <HistoryPane rows={view.history} layout={layout.history} focused={focused('history')} selected={ui.selection.history} now={now} />;
	const traffic = <TrafficPane traffic={view.traffic} probe={probe} layout={layout.traffic} focused={focused('traffic')} />;
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Warnings warnings={view.warnings} rows={layout.warnings} />
			{layout.top === 'side-by-side' ? (
				<Box flexDirection="row" flexShrink={0}>
					{rollout}
					<Box flexDirection="column" width={layout.history.width} flexShrink={0}>
						{history}
						{traffic}
					</Box>
				</Box>
			) : (
				<Box flexDirection="column" flexShrink={0}>
					{rollout}
					{history}
					{traffic}
				</Box>
			)}
			<PodsPane pods={view.pods} transitions={view.transitions} layout={layout.pods} focused={focused('pods')} selected={ui.selection.pods} filter={ui.filter} now={now} />
		</Box>
	);
}
