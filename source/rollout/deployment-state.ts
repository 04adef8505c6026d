// One Deployment as a row of the Deployment list: a coarse state plus the cells `kubectl get deploy
// -o wide` shows (READY, UP-TO-DATE, AVAILABLE, AGE, IMAGES).
import type {Deployment} from '../k8s/types.js';
import {templateImages, timeOf} from './ownership.js';
import {humanDuration} from './pod-status.js';
import {rolloutPhase} from './progress.js';

export type DeploymentState = 'progressing' | 'complete' | 'failed' | 'paused';

export type DeploymentSummary = {
	name: string;
	namespace?: string;
	state: DeploymentState;
	/** "ready/desired", as kubectl's READY column. */
	ready: string;
	upToDate: number;
	available: number;
	images: string[];
	/** kubectl's AGE cell, e.g. "5m". */
	age: string;
	/** One line for the list: "web  2/3 ready  1 up-to-date  2 available  nginx:1.20  5m". */
	text: string;
};

export function deploymentState(deployment: Deployment): DeploymentState {
	const phase = rolloutPhase(deployment);
	// A spec change the controller has not seen yet is, to the operator, a rollout under way.
	return phase === 'waiting' ? 'progressing' : phase;
}

export function deploymentSummary(deployment: Deployment, now: number): DeploymentSummary {
	const status = deployment.status ?? {};
	const name = deployment.metadata.name ?? '';
	const ready = `${status.readyReplicas ?? 0}/${deployment.spec.replicas ?? 1}`;
	const upToDate = status.updatedReplicas ?? 0;
	const available = status.availableReplicas ?? 0;
	const images = templateImages(deployment.spec.template);
	const created = timeOf(deployment.metadata.creationTimestamp);
	const age = created === undefined ? '<unknown>' : humanDuration(now - created);
	return {
		name,
		...(deployment.metadata.namespace === undefined ? {} : {namespace: deployment.metadata.namespace}),
		state: deploymentState(deployment),
		ready,
		upToDate,
		available,
		images,
		age,
		text: `${name}  ${ready} ready  ${upToDate} up-to-date  ${available} available  ${images.join(',')}  ${age}`,
	};
}
