// What the rollout derivations need from pods, kept per controlling ReplicaSet (by uid): how many are
// live, ready and terminating, which are failing and why, when the earliest was created. A tally is
// built from a list of pods (tallyOf) or kept up to date pod by pod (tallyAdd / tallyRemove), so a
// frame with 10,000 pods costs work for the pods that changed, not for all of them. Both ways give
// the same tally: test/rollout/pod-tally.test.ts checks it on random sequences of changes.
import type {Pod} from '../k8s/types.js';
import {controllerRef, timeOf} from './ownership.js';
import {isPodReady, podStatusText} from './pod-status.js';

export type FailingKind = 'crashing' | 'pulling' | 'unschedulable';

export type OwnerTally = {
	/** Every pod the ReplicaSet controls, terminating or not, by `namespace/name`. */
	readonly pods: Map<string, Pod>;
	/** Pods not terminating. */
	live: number;
	/** Pods not terminating and Ready. */
	ready: number;
	/** Pods with a deletionTimestamp. */
	terminating: number;
	/** Pods not terminating that cannot start, by why (the STATUS kubectl would show). */
	readonly failing: Record<FailingKind, Map<string, Pod>>;
	/** Creation time of the oldest pod; null when not worked out since the last change. */
	earliest: number | undefined | null;
};

/** Controller uid → its pods' tally. Pods without a controller are not counted. */
export type PodTally = Map<string, OwnerTally>;

type Signals = {readonly owner?: string; readonly live: boolean; readonly ready: boolean; readonly failing: readonly FailingKind[]};

// Watch objects are never changed in place and an unchanged pod keeps its identity in the store, so a
// pod's signals are worked out once per pod version; removing a pod reads them back from the same object.
const signalCache = new WeakMap<Pod, Signals>();
const pullFailure = /ImagePullBackOff|ErrImagePull|InvalidImageName/;
// Most pods of a ReplicaSet have the same signals (live, ready, not failing): one frozen object for each
// combination seen, not one per pod (10,000 pods held 10,000 equal objects and empty lists).
const sharedSignals = new Map<string, Signals>();
const SHARED_SIGNALS_MAX = 1024;

function share(signals: Signals): Signals {
	const key = `${signals.owner ?? ''}|${signals.live}|${signals.ready}|${signals.failing.join(',')}`;
	const known = sharedSignals.get(key);
	if (known) return known;
	if (sharedSignals.size >= SHARED_SIGNALS_MAX) sharedSignals.clear();
	Object.freeze(signals.failing);
	sharedSignals.set(key, Object.freeze(signals));
	return signals;
}

function signalsOf(pod: Pod): Signals {
	let signals = signalCache.get(pod);
	if (signals) return signals;
	const live = !pod.metadata.deletionTimestamp;
	const failing: FailingKind[] = [];
	if (live) {
		const status = podStatusText(pod);
		if (status === 'CrashLoopBackOff' || status === 'Error' || status.startsWith('Init:CrashLoopBackOff')) failing.push('crashing');
		if (pullFailure.test(status)) failing.push('pulling');
		if ((pod.status?.conditions ?? []).some(condition => condition.type === 'PodScheduled' && condition.status === 'False')) failing.push('unschedulable');
	}
	signals = share({owner: controllerRef(pod)?.uid, live, ready: live && isPodReady(pod), failing});
	signalCache.set(pod, signals);
	return signals;
}

const emptyOwner = (): OwnerTally => ({
	pods: new Map(), live: 0, ready: 0, terminating: 0, failing: {crashing: new Map(), pulling: new Map(), unschedulable: new Map()}, earliest: undefined,
});

/** Counts `pod` (stored under `key`, its `namespace/name`). */
export function tallyAdd(tally: PodTally, key: string, pod: Pod): void {
	const signals = signalsOf(pod);
	if (signals.owner === undefined) return;
	let owner = tally.get(signals.owner);
	if (!owner) tally.set(signals.owner, owner = emptyOwner());
	owner.pods.set(key, pod);
	if (signals.live) owner.live++;
	else owner.terminating++;
	if (signals.ready) owner.ready++;
	for (const kind of signals.failing) owner.failing[kind].set(key, pod);
	const created = timeOf(pod.metadata.creationTimestamp);
	if (owner.earliest !== null && created !== undefined && (owner.earliest === undefined || created < owner.earliest)) owner.earliest = created;
}

/** Stops counting `pod`: the same object tallyAdd was given for `key`. */
export function tallyRemove(tally: PodTally, key: string, pod: Pod): void {
	const signals = signalsOf(pod);
	if (signals.owner === undefined) return;
	const owner = tally.get(signals.owner);
	if (!owner || owner.pods.get(key) !== pod) return;
	owner.pods.delete(key);
	if (signals.live) owner.live--;
	else owner.terminating--;
	if (signals.ready) owner.ready--;
	for (const kind of signals.failing) owner.failing[kind].delete(key);
	// The oldest may be the one that left: worked out again when asked (earliestCreation).
	owner.earliest = null;
	if (owner.pods.size === 0) tally.delete(signals.owner);
}

export function tallyOf(pods: Iterable<Pod>): PodTally {
	const tally: PodTally = new Map();
	for (const pod of pods) tallyAdd(tally, `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, pod);
	return tally;
}

/** Creation time of the oldest pod the ReplicaSet controls, terminating ones included. */
export function earliestCreation(tally: PodTally, uid: string | undefined): number | undefined {
	const owner = uid === undefined ? undefined : tally.get(uid);
	if (!owner) return undefined;
	if (owner.earliest === null) {
		let earliest: number | undefined;
		for (const pod of owner.pods.values()) {
			const created = timeOf(pod.metadata.creationTimestamp);
			if (created !== undefined && (earliest === undefined || created < earliest)) earliest = created;
		}
		owner.earliest = earliest;
	}
	return owner.earliest;
}

/**
 * The failing pods of these ReplicaSets: how many, and one to quote — the first by `namespace/name`
 * (bytewise), so the same pods always quote the same one however they arrived.
 */
export function failingPods(tally: PodTally, uids: Iterable<string | undefined>, kind: FailingKind): {count: number; first?: Pod} {
	let count = 0;
	let firstKey: string | undefined;
	let first: Pod | undefined;
	for (const uid of uids) {
		const group = uid === undefined ? undefined : tally.get(uid)?.failing[kind];
		if (!group) continue;
		count += group.size;
		for (const [key, pod] of group) {
			if (firstKey === undefined || key < firstKey) {
				firstKey = key;
				first = pod;
			}
		}
	}
	return first === undefined ? {count} : {count, first};
}

/** Σ of one count over these ReplicaSets. */
export function sumOf(tally: PodTally, uids: Iterable<string | undefined>, count: 'live' | 'ready' | 'terminating'): number {
	let total = 0;
	for (const uid of uids) total += (uid === undefined ? undefined : tally.get(uid)?.[count]) ?? 0;
	return total;
}
