import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment, KubeEvent, Pod} from '../../source/k8s/types.js';
import {type Harness, create, deploymentComplete, deploymentManifest, edit, ownedReplicaSets, podsOf, startHarness, waitFor} from './controllers-support.js';

let harness: Harness | undefined;
afterEach(() => {
	harness?.stop();
	harness = undefined;
});

describe('deployment controller', () => {
	it('creates a ReplicaSet with a hash name, revision annotations and ready pods', async () => {
		harness = startHarness(50);
		const {store} = harness;
		const d = create(store, 'deployments', deploymentManifest('web', {replicas: 3}));
		await waitFor('rollout', () => deploymentComplete(store, 'default', 'web'));
		const [rs] = ownedReplicaSets(store, d);
		expect(rs!.metadata.name).toMatch(/^web-[456789bcdf]{1,10}$/);
		expect(rs!.metadata.annotations).toMatchObject({'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4'});
		const hash = rs!.metadata.labels!['pod-template-hash'];
		expect(rs!.metadata.name).toBe(`web-${hash}`);
		const pods = podsOf(store, rs!);
		expect(pods).toHaveLength(3);
		for (const pod of pods) {
			expect(pod.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
			expect(pod.spec.nodeName).toBe('demo-node-1');
			expect(pod.status?.phase).toBe('Running');
			expect(pod.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
		}
		const current = store.mustGet<Deployment>('deployments', 'default', 'web');
		expect(current.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
		expect(current.status?.conditions?.map(c => `${c.type}=${c.status} ${c.reason}`)).toEqual(['Available=True MinimumReplicasAvailable', 'Progressing=True NewReplicaSetAvailable']);
		const events = store.list<KubeEvent>('events', 'default');
		expect(events.find(e => e.reason === 'ScalingReplicaSet')?.message).toBe(`Scaled up replica set ${rs!.metadata.name} to 3 from 0`);
		expect(events.filter(e => e.reason === 'SuccessfulCreate')).toHaveLength(3);
	});

	it('rolls a new image out and back, reusing the old ReplicaSet on undo', async () => {
		harness = startHarness(50);
		const {store} = harness;
		const d = create(store, 'deployments', deploymentManifest('web', {replicas: 4}));
		await waitFor('first rollout', () => deploymentComplete(store, 'default', 'web'));
		const [first] = ownedReplicaSets(store, d);
		edit(store, 'default', 'web', next => {
			next.spec.template.spec.containers[0]!.image = 'example/app:v2';
		});
		await waitFor('second rollout', () => deploymentComplete(store, 'default', 'web') && ownedReplicaSets(store, d).length === 2);
		await waitFor('old pods gone', () => podsOf(store, first!).length === 0);
		// undo: the template kubectl sends back is the old RS's, Go-serialised (empty structs, null timestamp)
		const template = structuredClone(first!.spec.template);
		delete template.metadata!.labels!['pod-template-hash'];
		edit(store, 'default', 'web', next => {
			next.spec.template = template;
		});
		await waitFor('undo', () => deploymentComplete(store, 'default', 'web') && store.mustGet<Deployment>('deployments', 'default', 'web').metadata.annotations?.['deployment.kubernetes.io/revision'] === '3');
		const sets = ownedReplicaSets(store, d);
		expect(sets).toHaveLength(2);
		const reused = sets.find(rs => rs.metadata.uid === first!.metadata.uid)!;
		expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
		expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
		expect(reused.spec.replicas).toBe(4);
	});

	it('times out with ProgressDeadlineExceeded when the new pods crash', async () => {
		harness = startHarness(50);
		const {store} = harness;
		create(store, 'deployments', deploymentManifest('api', {replicas: 3, progressDeadlineSeconds: 20}));
		await waitFor('first rollout', () => deploymentComplete(store, 'default', 'api'));
		edit(store, 'default', 'api', next => {
			next.spec.template.spec.containers[0]!.image = 'example/api:v2-broken';
		});
		const d = await waitFor('deadline', () => {
			const current = store.mustGet<Deployment>('deployments', 'default', 'api');
			return current.status?.conditions?.some(c => c.reason === 'ProgressDeadlineExceeded') && current;
		});
		const progressing = d.status!.conditions!.find(c => c.type === 'Progressing')!;
		expect(progressing.status).toBe('False');
		expect(progressing.message).toMatch(/^ReplicaSet "api-[456789bcdf]+" has timed out progressing\.$/);
		expect(d.status!.conditions!.find(c => c.type === 'Available')!.status).toBe('True');
		const sizes = ownedReplicaSets(store, d).map(rs => rs.spec.replicas).sort();
		expect(sizes).toEqual([1, 3]);
		const broken = store.list<Pod>('pods', 'default').find(pod => pod.spec.containers[0]!.image!.includes('broken'))!;
		expect(broken.status?.containerStatuses?.[0]?.ready).toBe(false);
	});

	it('stalls a crashing rollout at old 8 / new 5, then scales proportionally to 12 / 7 (A.4, A.5)', async () => {
		harness = startHarness(50);
		const {store} = harness;
		const d = create(store, 'deployments', deploymentManifest('big', {replicas: 10}));
		await waitFor('first rollout', () => deploymentComplete(store, 'default', 'big'));
		edit(store, 'default', 'big', next => {
			next.spec.template.spec.containers[0]!.image = 'example/app:v2-broken';
		});
		const sizes = () => ownedReplicaSets(store, d).sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision'])).map(rs => rs.spec.replicas);
		await waitFor('stall', () => sizes().join() === '8,5');
		await harness.controllers.settled();
		expect(sizes()).toEqual([8, 5]);
		edit(store, 'default', 'big', next => {
			next.spec.replicas = 15;
		});
		await waitFor('proportional scale', () => sizes().join() === '12,7');
		const rs = ownedReplicaSets(store, d);
		expect(rs.map(r => r.metadata.annotations!['deployment.kubernetes.io/max-replicas'])).toEqual(['19', '19']);
	});

	it('garbage-collects ReplicaSets and pods when their owner is removed from the store', async () => {
		harness = startHarness(50);
		const {store} = harness;
		const d = create(store, 'deployments', deploymentManifest('gone', {replicas: 2}));
		await waitFor('rollout', () => deploymentComplete(store, 'default', 'gone'));
		store.remove('deployments', 'default', 'gone');
		await waitFor('dependents gone', () => store.list('replicasets', 'default').length === 0 && store.list<Pod>('pods', 'default').length === 0);
		expect(ownedReplicaSets(store, d)).toEqual([]);
	});
});

