import {describe, expect, test} from 'vitest';
import type {KubeEvent} from '../../source/k8s/types.js';
import {EVENT_WARNING_WINDOW_MS, eventWarning, ownedReplicaSets} from '../../source/rollout/index.js';
import {indexAt, loadStream, stateAt, wallTime, warningEventsAt} from './recordings.js';

type WithEvents = 'broken' | 'canary' | 'missing' | 'pause';

/**
 * eventWarning as the deployment screen asks it, `t` ms into a recording: `late` ms after that, with the
 * objects (Deployment, ReplicaSets, pods) as at `objectsAt` and the events as at `t` unless given.
 */
function at(scenario: WithEvents, t: number, name: string, options: {late?: number; events?: KubeEvent[]; objectsAt?: number} = {}) {
	const state = stateAt(scenario, indexAt(scenario, options.objectsAt ?? t));
	const deployment = state.deployments.find(object => object.metadata.name === name)!;
	const pods = new Set(state.pods.map(pod => pod.metadata.name));
	const events = options.events ?? warningEventsAt(scenario, t);
	return eventWarning(deployment, ownedReplicaSets(deployment, state.replicaSets), events, name => pods.has(name), wallTime(scenario, t) + (options.late ?? 0));
}

describe('eventWarning on real clusters\' Warning events', () => {
	test('a crashing pod: the kubelet\'s BackOff, with how often and since when, as kubectl describe counts them', () => {
		expect(at('broken', 40_000, 'api')).toEqual({
			level: 'warn',
			code: 'event',
			text: 'BackOff pod/api-7fdf4c6694-g7z7v, x7 over 33s, last 3s ago: Back-off restarting failed container',
		});
	});

	test('a missing image: why the pull failed, not the kubelet\'s "Error: ImagePullBackOff" echo of the pod state', () => {
		const warning = at('missing', 20_000, 'api');
		expect(warning?.text).toMatch(/^Failed pod\/api-7b4769cfdb-mdvz4, x2 over \d+s, last \d+s ago: Failed to pull image "example\/api:v3-missing": .*manifest for example\/api:v3-missing not found/);
		expect(warningEventsAt('missing', 20_000).map(event => event.message)).toContain('Error: ImagePullBackOff');
	});

	test('nothing before the first warning, and nothing once the pod it was about is gone', () => {
		expect(at('broken', 5000, 'api')).toBeUndefined();
		// The rollback at the end of the recording replaced the crashing pod: the same warnings, read
		// against the final objects, concern nothing that still exists.
		const end = loadStream('broken').at(-1)!.t;
		expect(stateAt('broken', indexAt('broken', end)).pods.map(pod => pod.metadata.name)).not.toContain('api-7fdf4c6694-g7z7v');
		expect(at('broken', 40_000, 'api', {objectsAt: end})).toBeUndefined();
	});

	test('old news is not shown: a warning last seen more than ten minutes ago', () => {
		expect(at('broken', 40_000, 'api', {late: EVENT_WARNING_WINDOW_MS - 5000})).toBeDefined();
		expect(at('broken', 40_000, 'api', {late: EVENT_WARNING_WINDOW_MS + 1000})).toBeUndefined();
	});

	test('warnings about other objects (an Endpoints, a Service) are not the Deployment\'s', () => {
		expect(warningEventsAt('canary', 1e9)).toHaveLength(1);
		expect(warningEventsAt('pause', 1e9)).toHaveLength(1);
		expect(at('canary', 10_000, 'app-v1')).toBeUndefined();
		expect(at('pause', 45_000, 'web')).toBeUndefined();
	});

	test('Normal events are not warnings; an events.k8s.io series counts like count and lastTimestamp', () => {
		const [backOff] = warningEventsAt('broken', 40_000);
		expect(at('broken', 40_000, 'api', {events: [{...backOff!, type: 'Normal'}]})).toBeUndefined();
		const series: KubeEvent = {...backOff!, count: undefined, lastTimestamp: null, series: {count: 9, lastObservedTime: '2026-11-21T23:22:13.000000Z'}};
		expect(at('broken', 40_000, 'api', {events: [series]})?.text).toMatch(/^BackOff pod\/api-7fdf4c6694-g7z7v, x9 over 33s, last 2s ago: /);
	});
});
