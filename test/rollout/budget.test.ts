import {describe, expect, test} from 'vitest';
import type {Deployment, DeploymentStrategy} from '../../source/k8s/types.js';
import {resolveBudget} from '../../source/rollout/index.js';
import {loadStream, scenarios} from './recordings.js';

const deployment = (replicas: number | undefined, strategy?: DeploymentStrategy): Deployment => ({
	metadata: {name: 'd'},
	spec: {...(replicas === undefined ? {} : {replicas}), selector: {}, template: {spec: {containers: []}}, ...(strategy ? {strategy} : {})},
});
const rolling = (maxSurge?: number | string, maxUnavailable?: number | string): DeploymentStrategy => ({type: 'RollingUpdate', rollingUpdate: {
	...(maxSurge === undefined ? {} : {maxSurge}), ...(maxUnavailable === undefined ? {} : {maxUnavailable}),
}});

describe('resolveBudget rounds as the controller does (surge up, unavailable down)', () => {
	test.each([
		['25%/25% of 10', 10, rolling('25%', '25%'), 3, 2],
		['25%/25% of 4', 4, rolling('25%', '25%'), 1, 1],
		['25%/25% of 3', 3, rolling('25%', '25%'), 1, 0],
		['25%/25% of 1', 1, rolling('25%', '25%'), 1, 0],
		['defaults (25%/25%) of 2', 2, {type: 'RollingUpdate'} as DeploymentStrategy, 1, 0],
		['no strategy at all of 8', 8, undefined, 2, 2],
		['0 and 1% of 2: both zero, one unavailable allowed', 2, rolling(0, '1%'), 0, 1],
		['1%/1% of 2 is not a fallback case', 2, rolling('1%', '1%'), 1, 0],
		['absolute counts', 5, rolling(1, 1), 1, 1],
		['maxUnavailable capped at replicas', 2, rolling(0, 5), 0, 2],
		['zero replicas: nothing may be unavailable', 0, rolling('25%', '25%'), 0, 0],
		['100% surge', 4, rolling('100%', 0), 4, 0],
	])('%s', (_name, replicas, strategy, maxSurge, maxUnavailable) => {
		const budget = resolveBudget(deployment(replicas, strategy));
		expect(budget).toEqual({strategy: 'RollingUpdate', replicas, maxSurge, maxUnavailable, minAvailable: replicas - maxUnavailable, maxTotal: replicas + maxSurge});
	});

	test('Recreate is 0/0 with no fallback: every pod must be available', () => {
		expect(resolveBudget(deployment(3, {type: 'Recreate'}))).toEqual({strategy: 'Recreate', replicas: 3, maxSurge: 0, maxUnavailable: 0, minAvailable: 3, maxTotal: 3});
	});

	test('replicas default to 1', () => {
		expect(resolveBudget(deployment(undefined)).replicas).toBe(1);
	});
});

describe('the Available condition of every real Deployment agrees with the budget', () => {
	const objects = scenarios.flatMap(scenario => loadStream(scenario)
		.filter(entry => entry.resource === 'deployments')
		.map(entry => entry.object as Deployment)
		.filter(object => object.status?.observedGeneration === object.metadata.generation && object.status?.conditions));

	test('Available=True exactly when availableReplicas ≥ minAvailable', () => {
		expect(objects.length).toBeGreaterThan(100);
		for (const object of objects) {
			const available = object.status!.conditions!.find(condition => condition.type === 'Available');
			if (available === undefined) {
				continue;
			}

			const enough = (object.status!.availableReplicas ?? 0) >= resolveBudget(object).minAvailable;
			expect(available.status).toBe(enough ? 'True' : 'False');
		}
	});
});
