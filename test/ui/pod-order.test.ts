// Pods of one revision and health are listed by name in the order a collator gives (what localeCompare
// showed before), for every name Kubernetes allows: DNS subdomains, lowercase letters, digits, '-' and '.'.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {rowOrder} from '../../source/ui/pod-rows.js';
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
});
