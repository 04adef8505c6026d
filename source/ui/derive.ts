// The one place the UI asks source/rollout about a snapshot. Called once per published snapshot,
// never per watch event; ages are formatted at render time from a 1 s clock. The deployment screen's
// view is derived incrementally (deployment-view.ts), its pod rows in pod-rows.ts.
import {type DeploymentSummary, type ServiceTraffic, deploymentSummary} from '../rollout/index.js';
import type {ClusterSnapshot} from '../store/types.js';

export {type DeploymentDeriver, type DeploymentView, createDeploymentDeriver, deploymentView} from './deployment-view.js';
export {type PodHealth, type PodRow, podHealth} from './pod-rows.js';

/** The list view: deployments in the namespace (only the targets, when several were named). */
export function deploymentList(snapshot: ClusterSnapshot, namespace: string, targets: readonly string[], now: number): DeploymentSummary[] {
	return [...snapshot.deployments.values()]
		.filter(deployment => deployment.metadata.namespace === namespace && (targets.length === 0 || targets.includes(deployment.metadata.name ?? '')))
		.map(deployment => deploymentSummary(deployment, now))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Lines the Traffic pane wants: a row per version, a title per service when several, the prober's line. */
export function trafficLines(traffic: readonly ServiceTraffic[], probe: boolean): number {
	if (traffic.length === 0) return 0;
	const groups = traffic.reduce((total, service) => total + service.groups.length, 0);
	return groups + (traffic.length > 1 ? traffic.length : 0) + (probe ? 1 : 0);
}
