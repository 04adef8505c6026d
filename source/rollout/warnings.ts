// What an operator should know about a rollout before it bites: risky settings, failure signals
// from the controller, and pods that cannot start. Each warning is one short line.
import type {Deployment, Pod, ReplicaSet} from '../k8s/types.js';
import {resolveBudget} from './budget.js';
import {ownedReplicaSets} from './ownership.js';
import {podStatusText} from './pod-status.js';
import {type PodTally, failingPods, tallyOf} from './pod-tally.js';
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
	| 'replica-failure'
	/** The newest Warning event about the Deployment, its ReplicaSets or pods (warning-events.ts). */
	| 'event';

export type RolloutWarning = {level: WarningLevel; code: WarningCode; text: string};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

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

export function rolloutWarnings(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>, now: number): RolloutWarning[] {
	return rolloutWarningsFrom(deployment, ownedReplicaSets(deployment, replicaSets), tallyOf(pods), now);
}

/** rolloutWarnings from the Deployment's own ReplicaSets and a tally of (at least) their pods. */
export function rolloutWarningsFrom(deployment: Deployment, owned: readonly ReplicaSet[], tally: PodTally, _now: number): RolloutWarning[] {
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

	const uids = owned.map(rs => rs.metadata.uid);
	const crashing = failingPods(tally, uids, 'crashing');
	if (crashing.first) {
		warnings.push({level: 'error', code: 'crash-loop', text: `${plural(crashing.count, 'pod')} crashing (${podStatusText(crashing.first)}): check the container's logs.`});
	}

	const pulling = failingPods(tally, uids, 'pulling');
	if (pulling.first) {
		const image = pulling.first.spec.containers.map(container => container.image).join(', ');
		warnings.push({level: 'error', code: 'image-pull', text: `${plural(pulling.count, 'pod')} cannot pull ${image} (${podStatusText(pulling.first)}).`});
	}

	const unschedulable = failingPods(tally, uids, 'unschedulable');
	if (unschedulable.first) {
		const message = findCondition(unschedulable.first.status?.conditions, 'PodScheduled')?.message;
		warnings.push({level: 'error', code: 'unschedulable', text: `${plural(unschedulable.count, 'pod')} cannot be scheduled${message ? `: ${message}` : '.'}`});
	}

	return warnings;
}

/** One sentence saying why the rollout is not moving, or undefined when nothing blocks it. */
export function stuckReason(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>, _now: number): string | undefined {
	const owned = ownedReplicaSets(deployment, replicaSets);
	const newRs = findNewReplicaSet(deployment, owned);
	const tally = tallyOf(pods);
	const uids = [newRs?.metadata.uid];
	const crashing = failingPods(tally, uids, 'crashing');
	const pulling = failingPods(tally, uids, 'pulling');
	const unschedulable = failingPods(tally, uids, 'unschedulable');
	const name = newRs?.metadata.name ?? 'the new ReplicaSet';
	const conditions = deployment.status?.conditions;
	if (findCondition(conditions, 'ReplicaFailure')?.status === 'True') {
		return `${name} cannot create pods: ${findCondition(conditions, 'ReplicaFailure')?.message ?? 'ReplicaFailure'}.`;
	}

	if (pulling.first) {
		return `New pods cannot pull their image (${podStatusText(pulling.first)}), so ${name} never becomes available.`;
	}

	if (crashing.first) {
		return `New pods keep crashing (${podStatusText(crashing.first)}), so ${name} never becomes available.`;
	}

	if (unschedulable.first) {
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
