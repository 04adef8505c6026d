// Where a rollout stands: counts against the surge/unavailable budget, conditions, phase, elapsed
// time and an ETA. Counts come from the controller's own status (what kubectl reports); pods only
// add what status cannot say (terminating pods, when the new pods started).
import type {Deployment, Pod, ReplicaSet} from '../k8s/types.js';
import {type Budget, resolveBudget} from './budget.js';
import {byCreation, ownedReplicaSets, revisionOf, templateImages, timeOf} from './ownership.js';
import {type PodTally, earliestCreation, sumOf, tallyOf} from './pod-tally.js';
import {rolloutStatus} from './status-message.js';
import {findNewReplicaSet} from './template-equal.js';

export type RolloutPhase = 'progressing' | 'complete' | 'failed' | 'paused' | 'waiting';

export type ConditionView = {
	type: string;
	status: string;
	reason?: string;
	message?: string;
	/** ms since lastTransitionTime (undefined when the condition has none). */
	age?: number;
	/** ms since lastUpdateTime: the controller refreshes it each time it sees progress. */
	sinceUpdate?: number;
};

export type ReplicaSetView = {
	name: string;
	revision?: number;
	images: string[];
	desired: number;
	current: number;
	ready: number;
	available: number;
	isNew: boolean;
};

export type RolloutProgress = {
	/** The Deployment's revision annotation (what it last rolled to). */
	revision?: number;
	newReplicaSet?: ReplicaSetView;
	/** Every other owned ReplicaSet, newest revision first. */
	oldReplicaSets: ReplicaSetView[];
	desired: number;
	/** status.updatedReplicas: pods of the new template that are not terminating. */
	updated: number;
	ready: number;
	available: number;
	/** status.replicas − updatedReplicas: old pods kubectl says are "pending termination". */
	oldPendingTermination: number;
	/** Pods of this Deployment with a deletionTimestamp (status.replicas does not count them). */
	terminating: number;
	fractions: {updated: number; ready: number; available: number};
	budget: Budget;
	/** Σ ReplicaSet spec.replicas above the desired count. */
	surgeUsed: number;
	/** Desired pods that are not available. */
	unavailableUsed: number;
	paused: boolean;
	conditions: ConditionView[];
	phase: RolloutPhase;
	/** ms since the rollout began (undefined when unknown); for a complete rollout, how long it took. */
	elapsed?: number;
	/** ms until every new pod should be available, from the pace so far; 0 when complete. */
	eta?: number;
};

function view(rs: ReplicaSet, isNew: boolean): ReplicaSetView {
	const revision = revisionOf(rs);
	return {
		name: rs.metadata.name ?? '',
		...(revision === undefined ? {} : {revision}),
		images: templateImages(rs.spec.template),
		desired: rs.spec.replicas ?? 0,
		current: rs.status?.replicas ?? 0,
		ready: rs.status?.readyReplicas ?? 0,
		available: rs.status?.availableReplicas ?? 0,
		isNew,
	};
}

const fraction = (part: number, whole: number) => whole <= 0 ? 1 : Math.min(1, Math.max(0, part / whole));

export function rolloutPhase(deployment: Deployment): RolloutPhase {
	const status = rolloutStatus(deployment);
	if (status.message === 'Waiting for deployment spec update to be observed...') {
		return 'waiting';
	}

	if (status.error !== undefined) {
		return 'failed';
	}

	if (deployment.spec.paused) {
		return 'paused';
	}

	return status.done ? 'complete' : 'progressing';
}

/**
 * When the current rollout began: the new ReplicaSet's creation, or — when a rollback revived an
 * older ReplicaSet — the creation of its oldest live pod, since the RS itself is older than the rollout.
 */
function rolloutStart(newRs: ReplicaSet | undefined, tally: PodTally): number | undefined {
	if (newRs === undefined) {
		return undefined;
	}

	const revived = Boolean(newRs.metadata.annotations?.['deployment.kubernetes.io/revision-history']);
	if (revived) {
		return earliestCreation(tally, newRs.metadata.uid);
	}

	return timeOf(newRs.metadata.creationTimestamp);
}

/** A finished rollout's clock stops when the controller declared the new ReplicaSet available. */
function completedAt(deployment: Deployment): number | undefined {
	const progressing = deployment.status?.conditions?.find(condition => condition.type === 'Progressing');
	return progressing?.reason === 'NewReplicaSetAvailable' ? timeOf(progressing.lastUpdateTime) : undefined;
}

function conditionViews(deployment: Deployment, now: number): ConditionView[] {
	return (deployment.status?.conditions ?? []).map(condition => {
		const transition = timeOf(condition.lastTransitionTime);
		const update = timeOf(condition.lastUpdateTime);
		return {
			type: condition.type,
			status: condition.status,
			...(condition.reason === undefined ? {} : {reason: condition.reason}),
			...(condition.message === undefined ? {} : {message: condition.message}),
			...(transition === undefined ? {} : {age: Math.max(0, now - transition)}),
			...(update === undefined ? {} : {sinceUpdate: Math.max(0, now - update)}),
		};
	});
}

function estimate(phase: RolloutPhase, newRs: ReplicaSetView | undefined, desired: number, elapsed: number | undefined): number | undefined {
	if (phase === 'complete') {
		return 0;
	}

	if (phase !== 'progressing' || newRs === undefined || elapsed === undefined || newRs.available < 1) {
		return undefined;
	}

	const remaining = Math.max(0, desired - newRs.available);
	return Math.max(0, Math.round((remaining * elapsed) / newRs.available));
}

export function rolloutProgress(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>, now: number): RolloutProgress {
	return rolloutProgressFrom(deployment, ownedReplicaSets(deployment, replicaSets), tallyOf(pods), now);
}

/** rolloutProgress from the Deployment's own ReplicaSets and a tally of (at least) their pods. */
export function rolloutProgressFrom(deployment: Deployment, owned: readonly ReplicaSet[], tally: PodTally, now: number): RolloutProgress {
	const newRs = findNewReplicaSet(deployment, owned);
	const status = deployment.status ?? {};
	const budget = resolveBudget(deployment);
	const desired = budget.replicas;
	const updated = status.updatedReplicas ?? 0;
	const available = status.availableReplicas ?? 0;
	const specTotal = owned.reduce((total, rs) => total + (rs.spec.replicas ?? 0), 0);
	const phase = rolloutPhase(deployment);
	const start = rolloutStart(newRs, tally);
	const end = phase === 'complete' ? completedAt(deployment) ?? now : now;
	const elapsed = start === undefined ? undefined : Math.max(0, end - start);
	const newView = newRs === undefined ? undefined : view(newRs, true);
	const revision = revisionOf(deployment);
	const eta = estimate(phase, newView, desired, elapsed);
	return {
		...(revision === undefined ? {} : {revision}),
		...(newView === undefined ? {} : {newReplicaSet: newView}),
		oldReplicaSets: owned.filter(rs => rs !== newRs).sort(byCreation).reverse()
			.map(rs => view(rs, false))
			.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0)),
		desired,
		updated,
		ready: status.readyReplicas ?? 0,
		available,
		oldPendingTermination: Math.max(0, (status.replicas ?? 0) - updated),
		terminating: sumOf(tally, owned.map(rs => rs.metadata.uid), 'terminating'),
		fractions: {updated: fraction(updated, desired), ready: fraction(status.readyReplicas ?? 0, desired), available: fraction(available, desired)},
		budget,
		surgeUsed: Math.max(0, specTotal - desired),
		unavailableUsed: Math.max(0, desired - available),
		paused: deployment.spec.paused === true,
		conditions: conditionViews(deployment, now),
		phase,
		...(elapsed === undefined ? {} : {elapsed}),
		...(eta === undefined ? {} : {eta}),
	};
}
