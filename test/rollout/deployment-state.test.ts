import {describe, expect, test} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {deploymentState, deploymentSummary} from '../../source/rollout/index.js';
import {loadStream, type Scenario} from './recordings.js';

const states = (scenario: Scenario, name: string) => loadStream(scenario)
	.filter(entry => entry.resource === 'deployments' && entry.object.metadata.name === name)
	.map(entry => deploymentState(entry.object as Deployment))
	.filter((state, index, all) => state !== all[index - 1]);

describe('deploymentState over real rollouts', () => {
	test('broken: progressing, complete, progressing, failed, then complete after the undo', () => {
		expect(states('broken', 'api')).toEqual(['progressing', 'complete', 'progressing', 'failed', 'progressing', 'complete']);
	});

	test('pause shows paused, and never failed', () => {
		expect(states('pause', 'web')).toContain('paused');
		expect(states('pause', 'web')).not.toContain('failed');
		expect(states('pause', 'web').at(-1)).toBe('complete');
	});
});

describe('deploymentSummary', () => {
	test('the cells kubectl get deploy shows, for the settled canary v2', () => {
		const entry = loadStream('canary').findLast(item => item.resource === 'deployments' && item.object.metadata.name === 'app-v2')!;
		const deployment = entry.object as Deployment;
		const summary = deploymentSummary(deployment, Date.parse(deployment.metadata.creationTimestamp!) + 65_400);
		expect(summary).toMatchObject({name: 'app-v2', namespace: 'demo-canary', state: 'complete', ready: '4/4', upToDate: 4, available: 4, images: ['arungupta/app-upgrade:v2'], age: '65s'});
		expect(summary.text).toBe('app-v2  4/4 ready  4 up-to-date  4 available  arungupta/app-upgrade:v2  65s');
	});
});
