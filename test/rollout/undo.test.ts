import {describe, expect, test} from 'vitest';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {undoPatch, undoTarget} from '../../source/rollout/index.js';
import {loadStream, stateAt} from './recordings.js';

// The history scenario once it settled: revisions 3 (1.2.0), 4 (1.1.0) and 5 (1.0.0, current).
const settled = stateAt('history', loadStream('history').length - 1);
const shop = settled.deployments[0]!;
const revision = (rs: ReplicaSet) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];

describe('undoTarget outcomes kubectl reports', () => {
	test('the default target is the second-highest revision', () => {
		const target = undoTarget(shop, settled.replicaSets);
		expect(target.ok && [revision(target.rs), target.skipped, target.message]).toEqual(['4', false, 'deployment.apps/shop rolled back']);
	});

	test('rolling back to the running template is skipped, naming the revision asked for', () => {
		expect(undoTarget(shop, settled.replicaSets, 5)).toMatchObject({ok: true, skipped: true, message: 'deployment.apps/shop skipped rollback (current template already matches revision 5)'});
	});

	test('a paused Deployment refuses, after the revision was found', () => {
		const paused: Deployment = {...shop, spec: {...shop.spec, paused: true}};
		expect(undoTarget(paused, settled.replicaSets)).toEqual({ok: false, error: 'you cannot rollback a paused deployment; resume it first with \'kubectl rollout resume\' and try again'});
		expect(undoTarget(paused, settled.replicaSets, 9)).toEqual({ok: false, error: 'unable to find specified revision 9 in history'});
	});

	test('fewer than two revisions: no history to go back to', () => {
		const current = settled.replicaSets.filter(rs => revision(rs) === '5');
		expect(undoTarget(shop, current)).toEqual({ok: false, error: 'no rollout history found for deployment "shop"'});
	});

	test('negative revisions are not found', () => {
		expect(undoTarget(shop, settled.replicaSets, -1)).toEqual({ok: false, error: 'unable to find specified revision -1 in history'});
	});

	test('ReplicaSets of another owner are never a target', () => {
		const foreign = settled.replicaSets.map(rs => ({...rs, metadata: {...rs.metadata, ownerReferences: []}}));
		expect(undoTarget(shop, foreign)).toEqual({ok: false, error: 'no rollout history found for deployment "shop"'});
	});

	test('template comparison ignores empty values and the hash label', () => {
		const target = settled.replicaSets.find(rs => revision(rs) === '4')!;
		const same: Deployment = {...shop, spec: {...shop.spec, template: {...target.spec.template, metadata: {labels: {app: 'shop'}, annotations: {}}}}};
		expect(undoTarget(same, settled.replicaSets, 4)).toMatchObject({ok: true, skipped: true});
	});
});

describe('undoPatch body', () => {
	test('keeps the Deployment\'s bookkeeping annotations, takes the rest from the ReplicaSet, keys sorted as Go does', () => {
		const deployment: Deployment = {...shop, metadata: {...shop.metadata, annotations: {
			'deployment.kubernetes.io/revision': '5', 'kubernetes.io/change-cause': 'now', zeta: 'dropped',
			'kubectl.kubernetes.io/last-applied-configuration': '{}',
		}}};
		const target = settled.replicaSets.find(rs => revision(rs) === '4')!;
		const rs: ReplicaSet = {...target, metadata: {...target.metadata, annotations: {...target.metadata.annotations, 'kubernetes.io/change-cause': 'then', alpha: 'a'}}};
		const patch = undoPatch(deployment, rs);
		expect(patch.map(({op, path}) => `${op} ${path}`)).toEqual(['replace /spec/template', 'replace /metadata/annotations']);
		expect(JSON.stringify(patch[1]!.value)).toBe(JSON.stringify({
			alpha: 'a',
			'deployment.kubernetes.io/revision': '5',
			'kubectl.kubernetes.io/last-applied-configuration': '{}',
			'kubernetes.io/change-cause': 'then',
		}));
		expect(JSON.stringify(patch[0]!.value)).not.toContain('pod-template-hash');
		expect(target.spec.template.metadata?.labels).toHaveProperty('pod-template-hash');
	});
});
