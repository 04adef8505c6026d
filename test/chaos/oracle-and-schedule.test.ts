// The instruments of the chaos test must be able to fail: the gap rule flags a lost or duplicated
// transition, and the fault schedule injects every kind at the rate asked for.
import {describe, expect, it} from 'vitest';
import {CHAOS_KINDS, pickFault, startChaos, type ChaosFault} from '../../source/demo/chaos.js';
import type {Fault} from '../../source/demo/server.js';
import type {PodTransition} from '../../source/store/types.js';
import {compareTransitions, type ExpectedState} from './support/transitions-oracle.js';
import {seeded} from './support/process-errors.js';
import {waitUntil} from './support/cluster.js';

const lifecycle: ExpectedState[] = [
	{to: 'Pending', enteredRv: 10, leftRv: 12},
	{to: 'ContainerCreating', enteredRv: 12, leftRv: 15},
	{to: 'Running', enteredRv: 15, leftRv: 18},
	{to: 'Ready', enteredRv: 18},
];
const entry = (to: string, n: number): PodTransition => ({id: `u1:${to}:${n}`, at: n, pod: 'web-1', uid: 'u1', to});
const watched = (...states: string[]) => states.map((to, index) => entry(to, index));

describe('gap rule', () => {
	it('accepts a log that saw every state', () => {
		const report = compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'ContainerCreating', 'Running', 'Ready'), []);
		expect(report.problems).toEqual([]);
	});

	it('flags a state lost without a relist to excuse it', () => {
		const report = compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'Running', 'Ready'), []);
		expect(report.problems).toHaveLength(1);
		expect(report.problems[0]).toContain('ContainerCreating@12');
	});

	it('excuses states that began and ended between the last delivered event and a relist', () => {
		const relists = [{deliveredRv: 11, atMostRv: 16}];
		expect(compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'Running', 'Ready'), relists).problems).toEqual([]);
		// Running outlived the relist (left at 18 > 16): the relist must have shown it.
		expect(compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'Ready'), relists).problems).toHaveLength(1);
	});

	it('never excuses the final state', () => {
		const report = compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'ContainerCreating', 'Running'), [{deliveredRv: 0, atMostRv: 100}]);
		expect(report.problems).toHaveLength(1);
	});

	it('flags duplicate ids, repeated or invented states', () => {
		const log = watched('Pending', 'ContainerCreating', 'Running', 'Ready');
		expect(compareTransitions(new Map([['u1', lifecycle]]), [...log, log[3]!], []).problems.some(p => p.includes('duplicate'))).toBe(true);
		expect(compareTransitions(new Map([['u1', lifecycle]]), watched('Pending', 'ContainerCreating', 'Running', 'Ready', 'Ready'), []).problems).toHaveLength(1);
		expect(compareTransitions(new Map(), watched('Pending'), []).problems[0]).toContain('never had');
	});

	it('allows a pod born and deleted inside one outage to be absent', () => {
		const gone: ExpectedState[] = [{to: 'Pending', enteredRv: 20, leftRv: 22}, {to: 'gone', enteredRv: 22}];
		expect(compareTransitions(new Map([['u2', gone]]), [], [{deliveredRv: 19, atMostRv: 25}]).problems).toEqual([]);
		expect(compareTransitions(new Map([['u2', gone]]), [], [{deliveredRv: 21, atMostRv: 25}]).problems).toHaveLength(1);
	});
});

describe('fault schedule', () => {
	it('draws every kind and every status code, with Retry-After on 429 and 503', () => {
		const random = seeded(1);
		const faults = Array.from({length: 400}, () => pickFault(random));
		for (const kind of CHAOS_KINDS) expect(faults.some(fault => fault.kind === kind)).toBe(true);
		const statuses = faults.filter((fault): fault is Extract<Fault, {kind: 'status'}> => fault.kind === 'status');
		expect(new Set(statuses.map(fault => fault.code))).toEqual(new Set([410, 429, 500, 503]));
		for (const fault of statuses) expect(fault.retryAfterSeconds !== undefined).toBe(fault.code === 429 || fault.code === 503);
		expect(faults.every(fault => !('count' in fault) || (fault.count >= 1 && fault.count <= 2))).toBe(true);
	});

	it('only draws the kinds asked for', () => {
		const random = seeded(2);
		expect(Array.from({length: 50}, () => pickFault(random, ['stall']).kind)).toEqual(Array.from({length: 50}, () => 'stall'));
		expect(() => pickFault(random, [])).toThrow(RangeError);
	});

	it('keeps injecting, never overlaps restarts, and stops', async () => {
		const injected: ChaosFault[] = [];
		let restarts = 0;
		let open = 0;
		let overlapped = false;
		const server = {
			inject: (fault: Fault) => void injected.push(fault),
			async restart() {
				open++;
				overlapped ||= open > 1;
				restarts++;
				await new Promise(resolve => setTimeout(resolve, 30));
				open--;
			},
		};
		const chaos = startChaos({server, rate: 200, random: seeded(3)});
		await waitUntil('60 faults', () => chaos.injected >= 60, 10_000);
		await chaos.stop();
		const total = chaos.injected;
		expect(overlapped).toBe(false);
		expect(restarts).toBe(chaos.counts.restart);
		expect(injected.length + restarts).toBe(total);
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(chaos.injected).toBe(total);
		expect(() => startChaos({server, rate: 0})).toThrow(RangeError);
	});
});
