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
 * chronological order, and keeps only the newest `limit` entries. `log` is in order, as this returns it.
 * Runs once per pod event (100s a second with 10,000 pods): one copy of the kept entries, no sort unless
 * an entry arrives older than the newest one logged.
 */
export function mergeTransitions(log: readonly PodTransition[], added: readonly PodTransition[], limit: number): PodTransition[] {
	if (added.length === 0 && log.length <= limit) {
		return log as PodTransition[];
	}

	const fresh = added.length <= FEW ? freshByScan(log, added) : freshByIndex(log, added);
	if (fresh.length === 0 && log.length <= limit) {
		return log as PodTransition[];
	}

	const total = log.length + fresh.length;
	const drop = total - Math.max(0, Math.min(limit, total));
	if (!inOrderAfter(log, fresh)) {
		// A stable sort keeps same-millisecond entries in the order they were produced.
		return log.concat(fresh).sort((a, b) => a.at - b.at).slice(drop);
	}

	const merged = log.slice(Math.min(drop, log.length));
	for (let index = Math.max(0, drop - log.length); index < fresh.length; index++) {
		merged.push(fresh[index]!);
	}

	return merged;
}

/** Whether `fresh`, appended to the ordered `log`, keeps it ordered. */
function inOrderAfter(log: readonly PodTransition[], fresh: readonly PodTransition[]): boolean {
	let previous = log.length > 0 ? log[log.length - 1]!.at : Number.NEGATIVE_INFINITY;
	for (const entry of fresh) {
		if (entry.at < previous) {
			return false;
		}

		previous = entry.at;
	}

	return true;
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
	for (const entry of added) {
		const againstFresh = scan(entry, fresh, false);
		if (againstFresh !== 'old' && scan(entry, log, againstFresh === 'state differs') !== 'old') {
			fresh.push(entry);
		}
	}

	return fresh;
}

/**
 * `entry` against `entries`, newest first: 'old' if its id is there or the pod's last state there
 * (the first entry of the same pod met, unless `stateKnown`) is its state; 'state differs' if that last
 * state was found and differs; else 'news'.
 */
function scan(entry: PodTransition, entries: readonly PodTransition[], stateKnown: boolean): 'old' | 'state differs' | 'news' {
	let stateFound = stateKnown;
	for (let index = entries.length - 1; index >= 0; index--) {
		const other = entries[index]!;
		if (other.id === entry.id) {
			return 'old';
		}

		if (!stateFound && other.uid === entry.uid) {
			if (other.to === entry.to) {
				return 'old';
			}

			stateFound = true;
		}
	}

	return stateFound && !stateKnown ? 'state differs' : 'news';
}
