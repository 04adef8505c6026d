import {describe, expect, test} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {type RolloutProgress, rolloutProgress} from '../../source/rollout/index.js';
import {loadStream, type Scenario, stateAt, wallTime} from './recordings.js';

/** rolloutProgress after every Deployment or ReplicaSet event of a recording, for one Deployment. */
function progressTimeline(scenario: Scenario, name: string): Array<{t: number; progress: RolloutProgress}> {
	const points: Array<{t: number; progress: RolloutProgress}> = [];
	for (const [index, entry] of loadStream(scenario).entries()) {
		if (entry.resource !== 'deployments' && entry.resource !== 'replicasets') {
			continue;
		}

		const state = stateAt(scenario, index);
		const deployment = state.deployments.find(object => object.metadata.name === name);
		if (deployment !== undefined) {
			points.push({t: entry.t, progress: rolloutProgress(deployment, state.replicaSets, state.pods, wallTime(scenario, entry.t))});
		}
	}

	return points;
}

const phases = (points: Array<{progress: RolloutProgress}>) => points.map(point => point.progress.phase).filter((phase, index, all) => phase !== all[index - 1]);

describe('rolloutProgress on the rolling recording (maxSurge 1, maxUnavailable 1, 5 replicas)', () => {
	const points = progressTimeline('rolling', 'app-rolling');

	test('the real controller never exceeds the surge budget we resolve', () => {
		expect(points.length).toBeGreaterThan(100);
		for (const {progress} of points) {
			expect(progress.surgeUsed).toBeLessThanOrEqual(progress.budget.maxSurge);
		}

		expect(points.some(point => point.progress.surgeUsed === 1)).toBe(true);
	});

	test('mid-rollout: revision 2 replacing revision 1, counts from the controller, budget in use', () => {
		const point = points.find(entry => entry.t >= 6976)!.progress;
		expect(point).toMatchObject({
			phase: 'progressing', revision: 2, desired: 5, updated: 4, available: 4, oldPendingTermination: 2,
			surgeUsed: 1, unavailableUsed: 1,
			budget: {strategy: 'RollingUpdate', replicas: 5, maxSurge: 1, maxUnavailable: 1, minAvailable: 4, maxTotal: 6},
			newReplicaSet: {revision: 2, images: ['arungupta/app-upgrade:v2'], isNew: true},
		});
		expect(point.oldReplicaSets.map(rs => rs.revision)).toEqual([1]);
		expect(point.fractions.updated).toBeCloseTo(0.8);
		expect(point.terminating).toBe(2);
	});

	test('phases: waiting for the controller, progressing, complete — three times (create, update, undo)', () => {
		expect(phases(points)).toEqual(['waiting', 'progressing', 'complete', 'waiting', 'complete', 'waiting', 'progressing', 'waiting', 'progressing', 'complete', 'waiting', 'progressing', 'complete']);
	});

	test('ETA appears once a new pod is available, is never negative, and is 0 when complete', () => {
		for (const {progress} of points) {
			if (progress.eta !== undefined) {
				expect(progress.eta).toBeGreaterThanOrEqual(0);
				expect(progress.phase === 'complete' || (progress.newReplicaSet?.available ?? 0) >= 1).toBe(true);
			}

			if (progress.phase === 'complete') {
				expect(progress.eta).toBe(0);
			}
		}
	});

	test('a finished rollout reports how long it took (the update ran from +4.6s to +11.2s)', () => {
		const done = points.find(entry => entry.t >= 11181)!.progress;
		expect(done.phase).toBe('complete');
		expect(done.elapsed).toBeGreaterThanOrEqual(6000);
		expect(done.elapsed).toBeLessThanOrEqual(8000);
	});

	test('after the undo, the revived ReplicaSet is the new one at revision 3', () => {
		const last = points.at(-1)!.progress;
		expect(last.newReplicaSet).toMatchObject({revision: 3, images: ['arungupta/app-upgrade:v1']});
		expect(last.oldReplicaSets.map(rs => rs.revision)).toEqual([2]);
	});
});

describe('rolloutProgress on failing and paused rollouts', () => {
	test('broken: the progress deadline fails the rollout, the undo completes it', () => {
		const points = progressTimeline('broken', 'api');
		expect(phases(points)).toEqual(['waiting', 'progressing', 'complete', 'waiting', 'progressing', 'failed', 'waiting', 'progressing', 'complete']);
		const failed = points.find(point => point.progress.phase === 'failed')!.progress;
		expect(failed.conditions.find(condition => condition.type === 'Progressing')).toMatchObject({
			status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-7fdf4c6694" has timed out progressing.',
		});
		expect(failed.eta).toBeUndefined();
		expect(failed.budget).toMatchObject({maxSurge: 1, maxUnavailable: 0, minAvailable: 3});
	});

	test('pause: paused while the template change waits, no new ReplicaSet until resumed', () => {
		const points = progressTimeline('pause', 'web');
		const paused = points.filter(point => point.progress.phase === 'paused');
		expect(paused.length).toBeGreaterThan(0);
		expect(paused.every(point => point.progress.paused)).toBe(true);
		expect(paused.some(point => point.progress.newReplicaSet === undefined)).toBe(true);
		expect(phases(points).at(-1)).toBe('complete');
	});

	test('recreate: no surge, all pods required, old pods all go before new ones come', () => {
		const points = progressTimeline('recreate', 'app-recreate');
		expect(points.every(point => point.progress.surgeUsed === 0)).toBe(true);
		expect(points[0]!.progress.budget).toEqual({strategy: 'Recreate', replicas: 5, maxSurge: 0, maxUnavailable: 0, minAvailable: 5, maxTotal: 5});
		expect(points.some(point => point.progress.unavailableUsed === 5 && point.progress.oldReplicaSets.length === 1)).toBe(true);
	});
});

describe('rolloutProgress without ReplicaSets', () => {
	test('a brand-new Deployment has no revision, no new ReplicaSet and no ETA', () => {
		const deployment: Deployment = {metadata: {name: 'x', uid: 'u', generation: 1}, spec: {replicas: 0, selector: {}, template: {spec: {containers: []}}}};
		const progress = rolloutProgress(deployment, [], [], 0);
		expect(progress).toMatchObject({phase: 'waiting', desired: 0, fractions: {updated: 1, ready: 1, available: 1}});
		expect(progress.newReplicaSet).toBeUndefined();
		expect(progress.eta).toBeUndefined();
		expect(progress.elapsed).toBeUndefined();
	});
});
