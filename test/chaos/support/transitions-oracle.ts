// The server-side truth for the pod transition log, and the rule that says when the watcher's log has
// a gap.
//
// Expected log: fold the ObjectStore's own change history, pod by pod, through the same rollout
// functions the store uses (nextTransitions, then mergeTransitions with no limit). Each entry gets the
// resourceVersion at which the pod entered that state (r_i) and at which it left it (r_{i+1}).
//
// Gap rule. A watcher can only miss what it never had a chance to see: a resumed watch replays every
// change since the last resourceVersion it delivered, so nothing is lost across drops, restarts, 5xx,
// stalls or bad lines; only a relist (after 410 Gone) jumps from the last delivered RV to the list's RV.
// So server state s_i of a pod is EXCUSABLE iff some pods relist j has
//     deliveredRv_j < r_i   and   r_{i+1} <= atMostRv_j
// (it began after the watcher's last delivered pod event and was already superseded when the list was
// taken; atMostRv_j is an upper bound of the list's RV, so the rule errs towards excusing). A pod whose
// whole life, deletion included, lies inside one such window may be absent altogether. A final state
// (no r_{i+1}) is never excusable. The watcher's log for a pod is GAP-FREE iff it equals the expected
// sequence of states with only excusable entries removed (same order, nothing extra, nothing repeated).
import type {Pod} from '../../../source/k8s/types.js';
import type {StoreEvent} from '../../../source/demo/objects.js';
import {mergeTransitions, nextTransitions} from '../../../source/rollout/index.js';
import type {PodTransition} from '../../../source/store/types.js';
import type {Relist} from './monitor.js';

export type ExpectedState = {to: string; enteredRv: number; leftRv?: number};

/** Per pod uid: the states the server-side log records, oldest first. */
export function expectedTransitions(history: readonly StoreEvent[], namespace: string): Map<string, ExpectedState[]> {
	const current = new Map<string, Pod>();
	let log: PodTransition[] = [];
	for (const event of history) {
		if (event.resource !== 'pods' || event.object.metadata.namespace !== namespace) continue;
		const uid = event.object.metadata.uid!;
		const next = event.type === 'DELETED' ? undefined : (event.object as Pod);
		// `at` carries the resourceVersion so each entry says when it happened on the server.
		log = mergeTransitions(log, nextTransitions(current.get(uid), next, event.rv), Number.MAX_SAFE_INTEGER);
		if (next) current.set(uid, next);
		else current.delete(uid);
	}
	const perPod = new Map<string, ExpectedState[]>();
	for (const entry of log) {
		const states = perPod.get(entry.uid) ?? [];
		const previous = states.at(-1);
		if (previous) previous.leftRv = entry.at;
		states.push({to: entry.to, enteredRv: entry.at});
		perPod.set(entry.uid, states);
	}
	return perPod;
}

function excusable(state: ExpectedState, relists: readonly Relist[]): boolean {
	if (state.leftRv === undefined) return false;
	return relists.some(relist => relist.deliveredRv < state.enteredRv && state.leftRv! <= relist.atMostRv);
}

function wholeLifeMissable(states: readonly ExpectedState[], relists: readonly Relist[]): boolean {
	const born = states[0]!.enteredRv;
	const last = states.at(-1)!;
	return last.to === 'gone' && relists.some(relist => relist.deliveredRv < born && last.enteredRv <= relist.atMostRv);
}

/** Can `seen` be obtained from `expected` by removing excusable entries only? */
function alignable(expected: readonly ExpectedState[], seen: readonly string[], relists: readonly Relist[]): boolean {
	const memo = new Map<string, boolean>();
	const go = (i: number, j: number): boolean => {
		if (i === expected.length) return j === seen.length;
		const key = `${i}:${j}`;
		const cached = memo.get(key);
		if (cached !== undefined) return cached;
		const state = expected[i]!;
		const result = (j < seen.length && seen[j] === state.to && go(i + 1, j + 1)) || (excusable(state, relists) && go(i + 1, j));
		memo.set(key, result);
		return result;
	};
	return go(0, 0);
}

export type GapReport = {pods: number; compared: number; excused: number; problems: string[]};

/** Compares the watcher's log with the server's, pod by pod, under the gap rule above. */
export function compareTransitions(expected: Map<string, ExpectedState[]>, log: readonly PodTransition[], relists: readonly Relist[]): GapReport {
	const problems: string[] = [];
	const seen = new Map<string, string[]>();
	const ids = new Set<string>();
	for (const entry of log) {
		if (ids.has(entry.id)) problems.push(`duplicate transition id ${entry.id}`);
		ids.add(entry.id);
		seen.set(entry.uid, [...(seen.get(entry.uid) ?? []), entry.to]);
	}
	let compared = 0;
	let excused = 0;
	for (const [uid, states] of expected) {
		const watched = seen.get(uid) ?? [];
		seen.delete(uid);
		if (watched.length === 0 && wholeLifeMissable(states, relists)) {
			excused += states.length;
			continue;
		}
		compared++;
		excused += states.filter(state => excusable(state, relists)).length;
		if (!alignable(states, watched, relists)) {
			problems.push(`pod ${uid}: server ${states.map(s => `${s.to}@${s.enteredRv}`).join(' → ')}; watcher ${watched.join(' → ') || '(nothing)'}`);
		}
	}
	for (const [uid, watched] of seen) problems.push(`pod ${uid}: watcher logged ${watched.join(' → ')} for a pod the server never had`);
	return {pods: expected.size, compared, excused, problems};
}
