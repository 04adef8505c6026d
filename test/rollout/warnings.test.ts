import {describe, expect, test} from 'vitest';
import type {Deployment, Pod} from '../../source/k8s/types.js';
import {rolloutWarnings, stuckReason} from '../../source/rollout/index.js';
import {indexAt, loadStream, type Scenario, stateAt, wallTime} from './recordings.js';

function at(scenario: Scenario, t: number, name: string) {
	const state = stateAt(scenario, indexAt(scenario, t));
	const deployment = state.deployments.find(object => object.metadata.name === name)!;
	const now = wallTime(scenario, t);
	return {
		codes: rolloutWarnings(deployment, state.replicaSets, state.pods, now).map(warning => warning.code),
		warnings: rolloutWarnings(deployment, state.replicaSets, state.pods, now),
		stuck: stuckReason(deployment, state.replicaSets, state.pods, now),
		state,
		deployment,
	};
}

describe('rolloutWarnings on real rollouts', () => {
	test('rolling without a readiness probe warns that requests can be dropped, and is otherwise quiet', () => {
		const {codes, stuck} = at('rolling', 30_000, 'app-rolling');
		expect(codes).toEqual(['no-readiness-probe']);
		expect(stuck).toBeUndefined();
	});

	test('recreate says downtime is by design, nothing about probes', () => {
		expect(at('recreate', 30_000, 'app-recreate').codes).toEqual(['recreate-downtime']);
	});

	test('pause (with a readiness probe): the paused state, with the key to resume', () => {
		const {deployment} = at('pause', 60_000, 'web');
		expect(deployment.spec.paused).toBeFalsy();
		const paused = loadStream('pause').find(entry => entry.resource === 'deployments' && (entry.object as Deployment).spec.paused)!;
		const during = at('pause', paused.t + 2000, 'web');
		expect(during.warnings).toEqual([{level: 'info', code: 'paused', text: expect.stringContaining('press r to resume')}]);
	});

	test('broken while stuck: deadline exceeded with the controller\'s message, and the crashing pod', () => {
		const {warnings, stuck} = at('broken', 30_000, 'api');
		expect(warnings).toEqual([
			{level: 'warn', code: 'no-readiness-probe', text: expect.any(String)},
			{level: 'error', code: 'progress-deadline-exceeded', text: 'Progress deadline (20s) exceeded: ReplicaSet "api-7fdf4c6694" has timed out progressing.'},
			{level: 'error', code: 'crash-loop', text: expect.stringMatching(/^1 pod crashing \((CrashLoopBackOff|Error)\)/)},
		]);
		expect(stuck).toMatch(/^New pods keep crashing \((CrashLoopBackOff|Error)\), so api-7fdf4c6694 never becomes available\.$/);
	});

	test('broken before the deadline: the crash is already the reason it is stuck', () => {
		const {codes, stuck} = at('broken', 15_000, 'api');
		expect(codes).toContain('crash-loop');
		expect(codes).not.toContain('progress-deadline-exceeded');
		expect(stuck).toContain('keep crashing');
	});

	test('missing image: image pull failure names the image', () => {
		const {warnings, stuck} = at('missing', 30_000, 'api');
		expect(warnings.find(warning => warning.code === 'image-pull')?.text).toMatch(/^1 pod cannot pull example\/api:v3-missing \((ErrImagePull|ImagePullBackOff)\)\.$/);
		expect(stuck).toMatch(/cannot pull their image/);
	});

	test('after the undo the broken Deployment is healthy again', () => {
		const {codes, stuck} = at('broken', 60_000, 'api');
		expect(codes).toEqual(['no-readiness-probe']);
		expect(stuck).toBeUndefined();
	});
});

describe('rolloutWarnings for settings the recordings do not show', () => {
	const base: Deployment = {
		metadata: {name: 'web', uid: 'd1'},
		spec: {
			replicas: 2, selector: {}, strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 0, maxUnavailable: '100%'}},
			template: {spec: {containers: [{name: 'app', readinessProbe: {httpGet: {port: 80}}}]}},
		},
	};

	test('a budget that lets every pod go unavailable', () => {
		expect(rolloutWarnings(base, [], [], 0)).toEqual([{level: 'warn', code: 'zero-min-available', text: 'maxUnavailable 2 of 2 replicas lets every pod be unavailable at once.'}]);
	});

	test('ReplicaFailure and unschedulable pods', () => {
		const failing: Deployment = {...base, spec: {...base.spec, strategy: {type: 'RollingUpdate'}}, status: {conditions: [
			{type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-1" is forbidden: exceeded quota'},
		]}};
		const rs = {metadata: {name: 'web-1', uid: 'r1', ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true}]}, spec: {replicas: 2, selector: {}, template: base.spec.template}};
		const pod: Pod = {
			metadata: {name: 'web-1-a', uid: 'p1', ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'r1', controller: true}]},
			spec: {containers: [{name: 'app'}]},
			status: {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.'}]},
		};
		const warnings = rolloutWarnings(failing, [rs], [pod], 0);
		expect(warnings).toEqual([
			{level: 'error', code: 'replica-failure', text: 'Cannot create pods (FailedCreate): pods "web-1" is forbidden: exceeded quota'},
			{level: 'error', code: 'unschedulable', text: '1 pod cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.'},
		]);
		expect(stuckReason(failing, [rs], [pod], 0)).toBe('web-1 cannot create pods: pods "web-1" is forbidden: exceeded quota.');
		expect(stuckReason({...failing, status: {}}, [rs], [pod], 0)).toBe('New pods cannot be scheduled, so web-1 cannot scale up.');
	});
});
