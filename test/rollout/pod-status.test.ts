import {describe, expect, test} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {humanDuration, podReadyText, podRestarts, podStatusText} from '../../source/rollout/index.js';
import {loadPairs, loadStream, scenarios, wallTime} from './recordings.js';

const rows = scenarios.flatMap(scenario => loadPairs(scenario).pods.map(row => ({scenario, ...row, object: loadStream(scenario)[row.index]!.object as Pod})));

describe('pod cells match the rows real `kubectl get pods -w` printed for the same pod objects', () => {
	test('every STATUS value the recordings show is covered', () => {
		expect(new Set(rows.map(row => row.status))).toEqual(new Set(['Running', 'Pending', 'ContainerCreating', 'Terminating', 'Error', 'CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff']));
		expect(rows.length).toBeGreaterThanOrEqual(300);
	});

	test.each(rows.map(row => [`${row.scenario} +${row.t}ms ${row.pod} ${row.status}`, row] as const))('%s', (_name, row) => {
		expect(podStatusText(row.object)).toBe(row.status);
		expect(podReadyText(row.object)).toBe(row.ready);
		expect(podRestarts(row.object)).toBe(row.restarts);
		// The server computed AGE on its own clock when it printed the row; allow one second either way.
		const age = wallTime(row.scenario, row.t) - Date.parse(row.object.metadata.creationTimestamp!);
		expect([humanDuration(age - 1000), humanDuration(age), humanDuration(age + 1000)]).toContain(row.age);
	});
});

const pod = (status: Pod['status'], extra: Partial<Pod> = {}): Pod => ({
	metadata: {name: 'p', uid: 'u'},
	spec: {containers: [{name: 'app'}], ...extra.spec},
	status,
	...('metadata' in extra ? {metadata: {name: 'p', ...extra.metadata}} : {}),
});
const container = (state: object, more: object = {}) => ({name: 'app', image: 'i', imageID: '', ready: false, restartCount: 0, state, ...more});

describe('podStatusText follows printPod for states the recordings do not show', () => {
	test.each([
		['Init:0/1', pod({phase: 'Pending', initContainerStatuses: [container({running: {}})]}, {spec: {containers: [{name: 'app'}], initContainers: [{name: 'init'}]}})],
		['Init:CrashLoopBackOff', pod({phase: 'Pending', initContainerStatuses: [container({waiting: {reason: 'CrashLoopBackOff'}})]}, {spec: {containers: [{name: 'app'}], initContainers: [{name: 'init'}]}})],
		['Init:Error', pod({phase: 'Pending', initContainerStatuses: [container({terminated: {exitCode: 1, reason: 'Error'}})]}, {spec: {containers: [{name: 'app'}], initContainers: [{name: 'init'}]}})],
		['Init:ExitCode:2', pod({phase: 'Pending', initContainerStatuses: [container({terminated: {exitCode: 2}})]}, {spec: {containers: [{name: 'app'}], initContainers: [{name: 'init'}]}})],
		['Init:1/2', pod({phase: 'Pending', initContainerStatuses: [container({terminated: {exitCode: 0, reason: 'Completed'}}), container({waiting: {reason: 'PodInitializing'}})]}, {spec: {containers: [{name: 'app'}], initContainers: [{name: 'a'}, {name: 'b'}]}})],
		['Completed', pod({phase: 'Succeeded', containerStatuses: [container({terminated: {exitCode: 0, reason: 'Completed'}})]})],
		['Signal:9', pod({phase: 'Failed', containerStatuses: [container({terminated: {exitCode: 137, signal: 9}})]})],
		['ExitCode:3', pod({phase: 'Failed', containerStatuses: [container({terminated: {exitCode: 3}})]})],
		['Evicted', pod({phase: 'Failed', reason: 'Evicted'})],
		['NodeLost', pod({phase: 'Running', reason: 'NodeLost'})],
		['Unknown', pod({phase: 'Running', reason: 'NodeLost'}, {metadata: {deletionTimestamp: '2026-01-01T00:00:00Z'}})],
		['Terminating', pod({phase: 'Running', containerStatuses: [container({running: {}}, {ready: true})]}, {metadata: {deletionTimestamp: '2026-01-01T00:00:00Z'}})],
		['Pending', pod({phase: 'Pending'})],
		['Running', pod({phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [container({running: {}}, {ready: true}), {...container({terminated: {exitCode: 0, reason: 'Completed'}}), name: 'sidecar'}]}, {spec: {containers: [{name: 'app'}, {name: 'sidecar'}]}})],
		['NotReady', pod({phase: 'Running', containerStatuses: [container({running: {}}, {ready: true}), {...container({terminated: {exitCode: 0, reason: 'Completed'}}), name: 'sidecar'}]}, {spec: {containers: [{name: 'app'}, {name: 'sidecar'}]}})],
	])('%s', (expected, object) => {
		expect(podStatusText(object)).toBe(expected);
	});

	test('the first container\'s problem is the one shown', () => {
		const object = pod({phase: 'Running', containerStatuses: [container({waiting: {reason: 'ImagePullBackOff'}}), {...container({waiting: {reason: 'CrashLoopBackOff'}}), name: 'b'}]}, {spec: {containers: [{name: 'app'}, {name: 'b'}]}});
		expect(podStatusText(object)).toBe('ImagePullBackOff');
	});

	test('READY counts running-and-ready containers, RESTARTS sums them', () => {
		const object = pod({phase: 'Running', containerStatuses: [container({running: {}}, {ready: true, restartCount: 2}), {...container({running: {}}, {restartCount: 1}), name: 'b'}]}, {spec: {containers: [{name: 'app'}, {name: 'b'}]}});
		expect(podReadyText(object)).toBe('1/2');
		expect(podRestarts(object)).toBe(3);
	});
});

describe('humanDuration matches apimachinery duration.HumanDuration', () => {
	const s = 1000;
	const m = 60 * s;
	const h = 60 * m;
	const d = 24 * h;
	test.each([
		[-5 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [999, '0s'], [5 * s, '5s'], [119 * s, '119s'], [2 * m, '2m'],
		[2 * m + 10 * s, '2m10s'], [9 * m + 59 * s, '9m59s'], [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'],
		[3 * h + 4 * m, '3h4m'], [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [47 * h, '47h'], [2 * d, '2d'], [2 * d + 3 * h, '2d3h'],
		[8 * d, '8d'], [400 * d, '400d'], [729 * d, '729d'], [730 * d, '2y'], [800 * d, '2y70d'], [3000 * d, '8y'],
	])('%d ms → %s', (ms, text) => {
		expect(humanDuration(ms)).toBe(text);
	});
});
