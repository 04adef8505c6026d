// What an operator should know about a rollout before it bites: risky settings, failure signals
// from the controller, and pods that cannot start. Each warning is one short line.
import type {Deployment, Pod, ReplicaSet} from '../k8s/types.js';
import {resolveBudget} from './budget.js';
import {ownedReplicaSets, podsOf} from './ownership.js';
import {podStatusText} from './pod-status.js';
import {findCondition} from './status-message.js';
import {findNewReplicaSet} from './template-equal.js';

export type WarningLevel = 'info' | 'warn' | 'error';

export type WarningCode =
	| 'no-readiness-probe'
	| 'recreate-downtime'
	| 'zero-min-available'
	| 'progress-deadline-exceeded'
	| 'paused'
	| 'crash-loop'
	| 'image-pull'
	| 'unschedulable'
	| 'replica-failure';

export type RolloutWarning = {level: WarningLevel; code: WarningCode; text: string};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

// Warnings are derived every frame over every pod of the Deployment; a pod that has not changed is
// the same object (watch objects are never changed in place), so its STATUS is worked out once per
// version — with 10,000 pods this was the costliest part of a frame (bench/RESULTS.md).
const statusCache = new WeakMap<Pod, {status: string; from: Pod['status']}>();

function statusOf(pod: Pod): string {
	const cached = statusCache.get(pod);
	// A cheap guard for callers that swap a pod's status object in place; deeper edits are not expected.
	if (cached && cached.from === pod.status) return cached.status;
	const status = podStatusText(pod);
	statusCache.set(pod, {status, from: pod.status});
	return status;
}

/** Pods of the Deployment that are failing, grouped by why (the STATUS kubectl would show). */
function failingPods(pods: readonly Pod[]): {crashing: Pod[]; pulling: Pod[]; unschedulable: Pod[]} {
	// One pass, no per-frame map of every pod (10,000 pods: a large allocation every frame).
	const crashing: Pod[] = [];
	const pulling: Pod[] = [];
	const unschedulable: Pod[] = [];
	for (const pod of pods) {
		if (pod.metadata.deletionTimestamp) continue;
		const status = statusOf(pod);
		if (status === 'CrashLoopBackOff' || status === 'Error' || status.startsWith('Init:CrashLoopBackOff')) crashing.push(pod);
		if (/ImagePullBackOff|ErrImagePull|InvalidImageName/.test(status)) pulling.push(pod);
		if ((pod.status?.conditions ?? []).some(condition => condition.type === 'PodScheduled' && condition.status === 'False')) unschedulable.push(pod);
	}
	return {crashing, pulling, unschedulable};
}

function configurationWarnings(deployment: Deployment): RolloutWarning[] {
	const warnings: RolloutWarning[] = [];
	const budget = resolveBudget(deployment);
	if (budget.strategy === 'Recreate') {
		warnings.push({level: 'info', code: 'recreate-downtime', text: 'Recreate strategy: every old pod stops before new ones start, so the app is down during each rollout.'});
	} else {
		const containers = deployment.spec.template.spec.containers;
		if (containers.some(container => container.readinessProbe === undefined)) {
			warnings.push({level: 'warn', code: 'no-readiness-probe', text: 'No readiness probe: pods get traffic as soon as they start, so a rolling update can drop requests.'});
		}

		if (budget.replicas > 0 && budget.minAvailable <= 0) {
			warnings.push({level: 'warn', code: 'zero-min-available', text: `maxUnavailable ${budget.maxUnavailable} of ${budget.replicas} replicas lets every pod be unavailable at once.`});
		}
	}

	if (deployment.spec.paused) {
		warnings.push({level: 'info', code: 'paused', text: 'Rollout is paused: template changes wait until it resumes (press r to resume).'});
	}

	return warnings;
}

export function rolloutWarnings(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>, _now: number): RolloutWarning[] {
	const warnings = configurationWarnings(deployment);
	const conditions = deployment.status?.conditions;
	const progressing = findCondition(conditions, 'Progressing');
	if (progressing?.reason === 'ProgressDeadlineExceeded') {
		const deadline = deployment.spec.progressDeadlineSeconds ?? 600;
		warnings.push({level: 'error', code: 'progress-deadline-exceeded', text: `Progress deadline (${deadline}s) exceeded: ${progressing.message ?? 'the rollout made no progress.'}`});
	}

	const replicaFailure = findCondition(conditions, 'ReplicaFailure');
	if (replicaFailure?.status === 'True') {
		warnings.push({level: 'error', code: 'replica-failure', text: `Cannot create pods (${replicaFailure.reason ?? 'ReplicaFailure'}): ${replicaFailure.message ?? ''}`.trimEnd()});
	}

	const owned = ownedReplicaSets(deployment, replicaSets);
	const {crashing, pulling, unschedulable} = failingPods(podsOf(owned, pods));
	if (crashing.length > 0) {
		warnings.push({level: 'error', code: 'crash-loop', text: `${plural(crashing.length, 'pod')} crashing (${podStatusText(crashing[0]!)}): check the container's logs.`});
	}

	if (pulling.length > 0) {
		const image = pulling[0]!.spec.containers.map(container => container.image).join(', ');
		warnings.push({level: 'error', code: 'image-pull', text: `${plural(pulling.length, 'pod')} cannot pull ${image} (${podStatusText(pulling[0]!)}).`});
	}

	if (unschedulable.length > 0) {
		const message = findCondition(unschedulable[0]!.status?.conditions, 'PodScheduled')?.message;
		warnings.push({level: 'error', code: 'unschedulable', text: `${plural(unschedulable.length, 'pod')} cannot be scheduled${message ? `: ${message}` : '.'}`});
	}

	return warnings;
}

/** One sentence saying why the rollout is not moving, or undefined when nothing blocks it. */
export function stuckReason(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>, _now: number): string | undefined {
	const owned = ownedReplicaSets(deployment, replicaSets);
	const newRs = findNewReplicaSet(deployment, owned);
	const newPods = newRs === undefined ? [] : podsOf([newRs], pods);
	const {crashing, pulling, unschedulable} = failingPods(newPods);
	const name = newRs?.metadata.name ?? 'the new ReplicaSet';
	const conditions = deployment.status?.conditions;
	if (findCondition(conditions, 'ReplicaFailure')?.status === 'True') {
		return `${name} cannot create pods: ${findCondition(conditions, 'ReplicaFailure')?.message ?? 'ReplicaFailure'}.`;
	}

	if (pulling.length > 0) {
		return `New pods cannot pull their image (${podStatusText(pulling[0]!)}), so ${name} never becomes available.`;
	}

	if (crashing.length > 0) {
		return `New pods keep crashing (${podStatusText(crashing[0]!)}), so ${name} never becomes available.`;
	}

	if (unschedulable.length > 0) {
		return `New pods cannot be scheduled, so ${name} cannot scale up.`;
	}

	if (findCondition(conditions, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
		return `The rollout made no progress for ${deployment.spec.progressDeadlineSeconds ?? 600}s and the controller gave up waiting.`;
	}

	const status = deployment.status;
	if (deployment.spec.paused && (status?.updatedReplicas ?? 0) < (deployment.spec.replicas ?? 1)) {
		return 'The rollout is paused; press r to resume it.';
	}

	return undefined;
}
