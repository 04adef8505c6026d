// The pod transition log: one entry each time a pod's lifecycle state changes. Ids are derived from
// the pod's own state (not a counter) so a relist or reconnect that re-delivers a state adds nothing.
import type {Pod} from '../k8s/types.js';
import type {PodTransition} from '../store/types.js';
import {podRestarts, podStatusText} from './pod-status.js';

/** The state name shown in the log when a pod has vanished from the API. */
export const goneState = 'gone';

function isReady(pod: Pod): boolean {
	return (pod.status?.conditions ?? []).some(condition => condition.type === 'Ready' && condition.status === 'True');
}

/**
 * The lifecycle state of a pod as the log names it: kubectl's STATUS text, except that a Running pod
 * whose Ready condition is True is `Ready` (the moment it starts taking traffic matters most here).
 */
export function podLifecycle(pod: Pod): string {
	const status = podStatusText(pod);
	if (status === 'Running' && isReady(pod)) {
		return 'Ready';
	}

	return status || 'Unknown';
}

/** Changes on every readiness flip, so returning to a state later gets a new id. */
function latestConditionChange(pod: Pod): string {
	let latest = '';
	for (const condition of pod.status?.conditions ?? []) {
		const at = condition.lastTransitionTime ?? '';
		if (at > latest) {
			latest = at;
		}
	}

	return latest;
}

function transitionId(pod: Pod, to: string): string {
	return `${pod.metadata.uid ?? pod.metadata.name ?? ''}:${to}:${podRestarts(pod)}:${latestConditionChange(pod)}`;
}

/**
 * What changed between two versions of one pod. `previous` undefined: the pod is new to us;
 * `next` undefined: the pod is gone. Returns [] when the lifecycle state did not change.
 * `revision` (the pod's ReplicaSet revision) is copied into the entry when the caller knows it.
 */
export function nextTransitions(previous: Pod | undefined, next: Pod | undefined, at: number, revision?: string): PodTransition[] {
	const pod = next ?? previous;
	if (pod === undefined) {
		return [];
	}

	const from = previous === undefined ? undefined : podLifecycle(previous);
	const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
	const base = {at, pod: pod.metadata.name ?? '', uid, ...(revision === undefined ? {} : {revision})};
	if (next === undefined) {
		return [{...base, id: `${uid}:${goneState}`, ...(from === undefined ? {} : {from}), to: goneState}];
	}

	const to = podLifecycle(next);
	if (from === to) {
		return [];
	}

	return [{...base, id: transitionId(next, to), ...(from === undefined ? {} : {from}), to}];
}

/**
 * Appends `added` to `log`: skips ids already present and entries that would repeat the state the
 * log last recorded for that pod (a re-delivery after the old entry was trimmed), keeps the log in
 * chronological order, and keeps only the newest `limit` entries.
 */
export function mergeTransitions(log: readonly PodTransition[], added: readonly PodTransition[], limit: number): PodTransition[] {
	if (added.length === 0 && log.length <= limit) {
		return log as PodTransition[];
	}

	const fresh = added.length <= FEW ? freshByScan(log, added) : freshByIndex(log, added);
	if (fresh.length === 0 && log.length <= limit) {
		return log as PodTransition[];
	}

	const merged = [...log, ...fresh];

	if (merged.some((entry, index) => index > 0 && entry.at < merged[index - 1]!.at)) {
		// A stable sort keeps same-millisecond entries in the order they were produced.
		merged.sort((a, b) => a.at - b.at);
	}

	return merged.length > limit ? merged.slice(merged.length - Math.max(0, limit)) : merged;
}

/**
 * Below this many new entries, scanning the log beats indexing it: a watch event usually adds one
 * transition, and building a Set and a Map of the whole log for it cost ~0.2 ms per pod event.
 */
const FEW = 8;

/** The entries of `added` that are news: not already logged, and not a repeat of the pod's last state. */
function freshByIndex(log: readonly PodTransition[], added: readonly PodTransition[]): PodTransition[] {
	const ids = new Set(log.map(entry => entry.id));
	const lastState = new Map(log.map(entry => [entry.uid, entry.to]));
	const fresh: PodTransition[] = [];
	for (const entry of added) {
		if (ids.has(entry.id) || lastState.get(entry.uid) === entry.to) {
			continue;
		}

		ids.add(entry.id);
		lastState.set(entry.uid, entry.to);
		fresh.push(entry);
	}

	return fresh;
}

/** freshByIndex without the index: the same answer for a handful of entries, without allocating. */
function freshByScan(log: readonly PodTransition[], added: readonly PodTransition[]): PodTransition[] {
	const fresh: PodTransition[] = [];
	const lastStateOf = (uid: string) => {
		for (let index = fresh.length - 1; index >= 0; index--) {
			if (fresh[index]!.uid === uid) return fresh[index]!.to;
		}

		for (let index = log.length - 1; index >= 0; index--) {
			if (log[index]!.uid === uid) return log[index]!.to;
		}

		return undefined;
	};

	for (const entry of added) {
		if (fresh.some(other => other.id === entry.id) || log.some(other => other.id === entry.id) || lastStateOf(entry.uid) === entry.to) {
			continue;
		}

		fresh.push(entry);
	}

	return fresh;
}
