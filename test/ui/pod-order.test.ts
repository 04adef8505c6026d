// Pods of one revision and health are listed by name in the order a collator gives (what localeCompare
// showed before), for every name Kubernetes allows: DNS subdomains, lowercase letters, digits, '-' and '.'.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {patchRows, rowOrder, sortRows} from '../../source/ui/pod-rows.js';
import type {PodRow} from '../../source/ui/pod-rows.js';

const row = (name: string): PodRow => ({name, status: 'Running', health: 'ready', ready: '1/1', restarts: 0, isNew: true, revision: 3});
const podName = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,20}[a-z0-9])?$/);
const collator = new Intl.Collator();

describe('pod order', () => {
	it('sorts names of one revision as a collator does', () => {
		fc.assert(fc.property(fc.array(podName, {maxLength: 30}), names => {
			const sorted = names.map(row).sort(rowOrder).map(pod => pod.name);
			expect(sorted).toEqual([...names].sort(collator.compare));
		}), {numRuns: 500});
	});

	it('puts "-" before "." before digits before letters, and a name before its longer variants', () => {
		const names = ['web-b', 'web.a', 'web-10', 'web-9', 'web', 'web-a', 'web0'];
		expect(names.map(row).sort(rowOrder).map(pod => pod.name)).toEqual([...names].sort(collator.compare));
	});

	it('patches sorted rows, taking out the gone and placing the arrived, to what a full sort gives', () => {
		const health = fc.constantFrom<PodRow['health']>('ready', 'starting', 'terminating');
		const someRow = fc.record({name: podName, revision: fc.option(fc.integer({min: 1, max: 4}), {nil: undefined}), health}).map(({name, revision, health}): PodRow => ({
			name, status: health, health, ready: '1/1', restarts: 0, isNew: revision === 4, ...(revision === undefined ? {} : {revision}),
		}));
		fc.assert(fc.property(fc.uniqueArray(someRow, {selector: pod => pod.name, maxLength: 60}), fc.array(fc.boolean(), {maxLength: 60}), fc.array(someRow, {maxLength: 30}), (start, goes, incoming) => {
			const rows = sortRows(start, start.length);
			const gone = rows.filter((_, index) => goes[index] === true);
			// Arrived rows are new pods, or new rows of pods whose old row is gone: one row per pod name.
			const present = new Set(rows.filter(pod => !gone.includes(pod)).map(pod => pod.name));
			const arrived = incoming.filter(pod => !present.has(pod.name) && (present.add(pod.name), true));
			const patched = patchRows(rows, gone, arrived);
			const expected = [...rows.filter(pod => !gone.includes(pod)), ...arrived].sort(rowOrder);
			expect(patched).toEqual(expected);
			// The rows themselves, not copies, and the input is left as it was.
			expect(patched.every(pod => rows.includes(pod) || arrived.includes(pod))).toBe(true);
			expect(rows).toEqual(sortRows(start, start.length));
		}), {numRuns: 500});
	});
});
