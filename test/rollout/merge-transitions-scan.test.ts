// mergeTransitions answers a handful of new entries by scanning the log instead of indexing it (a
// per-event cost the bench measured); both paths must agree with the indexed definition.
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {mergeTransitions} from '../../source/rollout/transitions.js';
import type {PodTransition} from '../../source/store/types.js';

/** The definition: index the log, skip logged ids and repeats of a pod's last state, sort, trim. */
function reference(log: readonly PodTransition[], added: readonly PodTransition[], limit: number): PodTransition[] {
	const ids = new Set(log.map(entry => entry.id));
	const last = new Map(log.map(entry => [entry.uid, entry.to]));
	const fresh = added.filter(entry => {
		if (ids.has(entry.id) || last.get(entry.uid) === entry.to) return false;
		ids.add(entry.id);
		last.set(entry.uid, entry.to);
		return true;
	});
	const merged = [...log, ...fresh].sort((a, b) => a.at - b.at);
	return merged.slice(Math.max(0, merged.length - limit));
}

const transition = fc.record({
	uid: fc.constantFrom('a', 'b', 'c'),
	seq: fc.integer({min: 0, max: 6}),
	to: fc.constantFrom('Pending', 'Running', 'Ready', 'Terminating'),
	at: fc.integer({min: 0, max: 20}),
}).map(({uid, seq, to, at}): PodTransition => ({id: `${uid}:${seq}`, uid, pod: `web-${uid}`, to, at}));

const sortedLog = fc.array(transition, {maxLength: 12}).map(entries => reference([], entries, 100));

describe('mergeTransitions', () => {
	test('a few new entries (scan) and many (index) give the indexed definition\'s log', () => {
		fc.assert(fc.property(sortedLog, fc.array(transition, {maxLength: 20}), fc.integer({min: 1, max: 15}), (log, added, limit) => {
			expect(mergeTransitions(log, added, limit)).toEqual(reference(log, added, limit));
		}), {numRuns: 2000});
	});

	test('a repeat of the state a pod was last logged in is not news', () => {
		const log: PodTransition[] = [{id: 'a:1', uid: 'a', pod: 'web-a', to: 'Running', at: 1}];
		expect(mergeTransitions(log, [{id: 'a:2', uid: 'a', pod: 'web-a', to: 'Running', at: 2}], 10)).toBe(log);
		expect(mergeTransitions(log, [{id: 'a:2', uid: 'a', pod: 'web-a', to: 'Ready', at: 2}], 10).map(entry => entry.to)).toEqual(['Running', 'Ready']);
	});
});
