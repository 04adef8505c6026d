import {describe, expect, test} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {rolloutStatus} from '../../source/rollout/index.js';
import {loadPairs, loadStream, scenarios} from './recordings.js';

const pairs = scenarios.flatMap(scenario => loadPairs(scenario).status.flatMap(({command, lines}) => lines.map(line => ({
	scenario,
	command,
	...line,
	deployment: loadStream(scenario)[line.index]!.object as Deployment,
}))));

describe('rolloutStatus matches what real kubectl printed for the same Deployment object', () => {
	test('the recordings give enough pairs to mean something', () => {
		expect(pairs.length).toBeGreaterThanOrEqual(140);
		expect(new Set(pairs.map(pair => pair.line.replace(/\d+/g, 'N'))).size).toBeGreaterThanOrEqual(6);
	});

	test.each(pairs.map(pair => [`${pair.scenario} +${pair.t}ms ${pair.line}`, pair] as const))('%s', (_name, pair) => {
		const status = rolloutStatus(pair.deployment);
		if (pair.stderr) {
			expect(`error: ${status.error}`).toBe(pair.line);
			expect(status.done).toBe(false);
		} else {
			expect(status.message).toBe(pair.line);
			expect(status.error).toBeUndefined();
			expect(status.done).toBe(pair.line.endsWith('successfully rolled out'));
		}
	});
});

describe('rolloutStatus edge cases from kubectl\'s viewer', () => {
	const base: Deployment = {
		metadata: {name: 'web', generation: 2, annotations: {'deployment.kubernetes.io/revision': '3'}},
		spec: {replicas: 3, selector: {}, template: {spec: {containers: []}}},
		status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3},
	};

	test('--revision pins the running revision', () => {
		expect(rolloutStatus(base, {revision: 3}).done).toBe(true);
		expect(rolloutStatus(base, {revision: 2})).toEqual({done: false, error: 'desired revision (2) is different from the running revision (3)', message: 'desired revision (2) is different from the running revision (3)'});
		// As kubectl: no revision annotation reads as revision 0, an unparsable one is an error.
		const unannotated = {...base, metadata: {name: 'web', generation: 2}};
		expect(rolloutStatus(unannotated, {revision: 1}).error).toBe('desired revision (1) is different from the running revision (0)');
		const garbled = {...base, metadata: {name: 'web', generation: 2, annotations: {'deployment.kubernetes.io/revision': 'x'}}};
		expect(rolloutStatus(garbled, {revision: 1}).error).toBe('cannot get the revision of deployment "web": strconv.ParseInt: parsing "x": invalid syntax');
	});

	test('a paused mid-rollout Deployment keeps waiting (kubectl has no paused check)', () => {
		const paused = {...base, spec: {...base.spec, paused: true}, status: {...base.status, updatedReplicas: 1}};
		expect(rolloutStatus(paused).message).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
	});

	test('an unobserved generation wins over everything else', () => {
		const stale = {...base, metadata: {...base.metadata, generation: 3}};
		expect(rolloutStatus(stale)).toEqual({done: false, message: 'Waiting for deployment spec update to be observed...'});
	});

	test('a Deployment without status is waiting for its spec to be observed', () => {
		expect(rolloutStatus({...base, status: undefined}).message).toBe('Waiting for deployment spec update to be observed...');
	});
});
