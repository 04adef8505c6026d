import {describe, expect, test} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import type {PodTransition} from '../../source/store/types.js';
import {mergeTransitions, nextTransitions, podLifecycle} from '../../source/rollout/index.js';
import {loadStream, type Scenario} from './recordings.js';

/** Feeds a recording's pod events through the two functions the store calls, as the store does. */
function replay(scenario: Scenario, limit = 10_000): PodTransition[] {
	const pods = new Map<string, Pod>();
	let log: PodTransition[] = [];
	for (const entry of loadStream(scenario)) {
		if (entry.resource !== 'pods') {
			continue;
		}

		const pod = entry.object as Pod;
		const uid = pod.metadata.uid!;
		const next = entry.type === 'DELETED' ? undefined : pod;
		log = mergeTransitions(log, nextTransitions(pods.get(uid), next, entry.t), limit);
		if (next === undefined) {
			pods.delete(uid);
		} else {
			pods.set(uid, next);
		}
	}

	return log;
}

const story = (log: PodTransition[], name: string) => log.filter(entry => entry.pod === name).map(entry => entry.to);

describe('pod transition log on real rollouts', () => {
	test('a healthy pod: appears Pending, is created, becomes Ready, terminates, is gone', () => {
		const log = replay('rolling');
		expect(story(log, 'app-rolling-745f994fb-29rxh')).toEqual(['Pending', 'ContainerCreating', 'Ready', 'Terminating', 'gone']);
		const first = log.find(entry => entry.pod === 'app-rolling-745f994fb-29rxh')!;
		expect(first.from).toBeUndefined();
		expect(log.find(entry => entry.pod === 'app-rolling-745f994fb-29rxh' && entry.to === 'Ready')!.from).toBe('ContainerCreating');
	});

	test('the broken pod cycles Error and CrashLoopBackOff, each crash a separate entry', () => {
		const log = replay('broken');
		const name = log.find(entry => entry.pod.startsWith('api-7fdf4c6694'))!.pod;
		const states = story(log, name);
		expect(states.slice(0, 3)).toEqual(['Pending', 'ContainerCreating', 'Error']);
		expect(states.filter(state => state === 'CrashLoopBackOff').length).toBeGreaterThanOrEqual(3);
		expect(states.filter(state => state === 'Error').length).toBeGreaterThanOrEqual(3);
		expect(states.at(-1)).toBe('gone');
	});

	test('the missing image shows ErrImagePull and ImagePullBackOff', () => {
		const log = replay('missing');
		const name = log.find(entry => entry.pod.startsWith('api-7b4769cfdb'))!.pod;
		expect(story(log, name)).toEqual(expect.arrayContaining(['ErrImagePull', 'ImagePullBackOff', 'gone']));
	});

	test('the log is chronological and every id is unique', () => {
		for (const scenario of ['rolling', 'broken', 'history'] as const) {
			const log = replay(scenario);
			expect(log.map(entry => entry.at)).toEqual([...log.map(entry => entry.at)].sort((a, b) => a - b));
			expect(new Set(log.map(entry => entry.id)).size).toBe(log.length);
		}
	});

	test('a relist that re-delivers every pod adds nothing, even when the store lost the previous objects', () => {
		const stream = loadStream('broken').filter(entry => entry.resource === 'pods');
		const log = replay('broken');
		const latest = new Map<string, Pod>();
		for (const entry of stream) {
			if (entry.type === 'DELETED') {
				latest.delete(entry.object.metadata.uid!);
			} else {
				latest.set(entry.object.metadata.uid!, entry.object as Pod);
			}
		}

		const relisted = [...latest.values()].flatMap(pod => nextTransitions(undefined, pod, 999_999));
		expect(relisted.length).toBeGreaterThan(0);
		expect(mergeTransitions(log, relisted, 10_000)).toEqual(log);
		const again = [...latest.values()].flatMap(pod => nextTransitions(pod, pod, 999_999));
		expect(again).toEqual([]);
	});

	test('the log keeps only the newest entries', () => {
		const full = replay('rolling');
		const bounded = replay('rolling', 20);
		expect(bounded).toHaveLength(20);
		expect(bounded.at(-1)).toEqual(full.at(-1));
	});
});

describe('nextTransitions and mergeTransitions contracts', () => {
	const pod = (ready: boolean, restartCount = 0, at = '2026-01-01T00:00:00Z'): Pod => ({
		metadata: {name: 'web-1', uid: 'u1'},
		spec: {containers: [{name: 'app'}]},
		status: {
			phase: 'Running',
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at}],
			containerStatuses: [{name: 'app', image: 'i', imageID: '', ready, restartCount, state: {running: {}}}],
		},
	});

	test('podLifecycle names a Running pod Ready once its Ready condition is True', () => {
		expect(podLifecycle(pod(false))).toBe('Running');
		expect(podLifecycle(pod(true))).toBe('Ready');
	});

	test('the revision is carried when the caller knows it', () => {
		expect(nextTransitions(undefined, pod(true), 5, '3')).toEqual([{id: expect.any(String), at: 5, pod: 'web-1', uid: 'u1', revision: '3', to: 'Ready'}]);
	});

	test('a gone pod logs its last state', () => {
		expect(nextTransitions(pod(true), undefined, 7)).toEqual([{id: 'u1:gone', at: 7, pod: 'web-1', uid: 'u1', from: 'Ready', to: 'gone'}]);
	});

	test('a readiness flap back to an earlier state is logged again', () => {
		const t1 = '2026-01-01T00:00:01Z';
		const t2 = '2026-01-01T00:00:02Z';
		let log = mergeTransitions([], nextTransitions(pod(false), pod(true, 0, t1), 1), 100);
		log = mergeTransitions(log, nextTransitions(pod(true, 0, t1), pod(false, 0, t2), 2), 100);
		log = mergeTransitions(log, nextTransitions(pod(false, 0, t2), pod(true, 0, '2026-01-01T00:00:03Z'), 3), 100);
		expect(log.map(entry => entry.to)).toEqual(['Ready', 'Running', 'Ready']);
	});

	test('late entries are sorted into place; an unchanged log is returned as is', () => {
		const a = {id: 'a', at: 10, pod: 'p', uid: 'x', to: 'Ready'};
		const b = {id: 'b', at: 5, pod: 'q', uid: 'y', to: 'Ready'};
		const log = mergeTransitions([a], [b], 10);
		expect(log.map(entry => entry.id)).toEqual(['b', 'a']);
		expect(mergeTransitions(log, [], 10)).toBe(log);
		expect(mergeTransitions(log, [a], 10)).toBe(log);
	});
});
