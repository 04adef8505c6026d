// Rollout invariants under random sizes, budgets and timings, checked on every store change while the
// controllers run at high speed.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Deployment, IntOrString, Pod, ReplicaSet} from '../../source/k8s/types.js';
import type {ObjectStore} from '../../source/demo/objects.js';
import {maxSurge, maxUnavailable} from '../../source/demo/controllers/util.js';
import {create, deploymentComplete, deploymentManifest, edit, startHarness, waitFor} from './controllers-support.js';

const intOrPercent = fc.oneof(fc.integer({min: 0, max: 5}), fc.integer({min: 0, max: 100}).map(n => `${n}%`));
const isZero = (value: IntOrString) => value === 0 || value === '0%';

function owned(store: ObjectStore, d: Deployment) {
	const sets = store.list<ReplicaSet>('replicasets', 'default').filter(rs => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
	const uids = new Set(sets.map(rs => rs.metadata.uid));
	const pods = store.list<Pod>('pods', 'default').filter(pod => uids.has(pod.metadata.ownerReferences?.[0]?.uid));
	return {sets, pods};
}

function availablePods(pods: Pod[], minReadySeconds: number, now: number): number {
	return pods.filter(pod => {
		if (pod.metadata.deletionTimestamp) return false;
		const ready = pod.status?.conditions?.find(c => c.type === 'Ready');
		if (ready?.status !== 'True') return false;
		return minReadySeconds === 0 || Date.parse(ready.lastTransitionTime!) + minReadySeconds * 1000 < now;
	}).length;
}

describe('rolling update invariants', () => {
	it('stays within maxSurge and maxUnavailable on every change and completes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					replicas: fc.integer({min: 1, max: 50}),
					surge: intOrPercent,
					unavailable: intOrPercent,
					startup: fc.double({min: 0.2, max: 2, noNaN: true}),
					newStartup: fc.double({min: 0.2, max: 2, noNaN: true}),
					minReadySeconds: fc.constantFrom(0, 0, 1),
					probe: fc.option(fc.integer({min: 0, max: 2}), {nil: undefined}),
				}),
				async input => {
					fc.pre(!(isZero(input.surge) && isZero(input.unavailable)));
					const harness = startHarness(100);
					const {store} = harness;
					try {
						const strategy = {type: 'RollingUpdate' as const, rollingUpdate: {maxSurge: input.surge, maxUnavailable: input.unavailable}};
						const d = create(
							store,
							'deployments',
							deploymentManifest('prop', {replicas: input.replicas, strategy, minReadySeconds: input.minReadySeconds, readinessDelay: input.probe, annotations: {'demo.rollwatch.dev/startup-seconds': String(input.startup)}}),
						);
						await waitFor('first rollout', () => deploymentComplete(store, 'default', 'prop'), 30_000);
						const surge = maxSurge(d);
						const minAvailable = input.replicas - maxUnavailable(d);
						const violations: string[] = [];
						const unsubscribe = store.subscribe(event => {
							if (event.resource !== 'replicasets' && event.resource !== 'pods') return;
							const {sets, pods} = owned(store, d);
							const total = sets.reduce((sum, rs) => sum + (rs.spec.replicas ?? 0), 0);
							if (total > input.replicas + surge) violations.push(`Σ spec.replicas ${total} > ${input.replicas} + ${surge}`);
							const available = availablePods(pods, input.minReadySeconds, store.clock.now());
							if (available < minAvailable) violations.push(`available ${available} < ${minAvailable}`);
						});
						edit(store, 'default', 'prop', next => {
							next.spec.template.spec.containers[0]!.image = 'example/app:v2';
							next.spec.template.metadata!.annotations = {'demo.rollwatch.dev/startup-seconds': String(input.newStartup)};
						});
						await waitFor(
							'second rollout',
							() => deploymentComplete(store, 'default', 'prop') && owned(store, d).sets.every(rs => rs.spec.template.spec.containers[0]!.image === 'example/app:v2' || rs.spec.replicas === 0),
							30_000,
						);
						unsubscribe();
						expect(violations.slice(0, 3)).toEqual([]);
					} finally {
						harness.stop();
					}
				},
			),
			{numRuns: 20},
		);
	// Many simulated rollouts: generous on a shared 2-core machine (measured ≈ 5–20 s).
	}, 150_000);

	it('Recreate never runs old and new pods at once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({min: 1, max: 50}), fc.double({min: 0.2, max: 2, noNaN: true}), async (replicas, startup) => {
				const harness = startHarness(100);
				const {store} = harness;
				try {
					const d = create(store, 'deployments', deploymentManifest('re', {replicas, strategy: {type: 'Recreate'}, annotations: {'demo.rollwatch.dev/startup-seconds': String(startup)}}));
					await waitFor('first rollout', () => deploymentComplete(store, 'default', 're'), 30_000);
					const overlaps: string[] = [];
					const unsubscribe = store.subscribe(event => {
						if (event.resource !== 'pods') return;
						const images = new Set(owned(store, d).pods.map(pod => pod.spec.containers[0]!.image));
						if (images.size > 1) overlaps.push([...images].join(' + '));
					});
					edit(store, 'default', 're', next => {
						next.spec.template.spec.containers[0]!.image = 'example/app:v2';
					});
					await waitFor('second rollout', () => deploymentComplete(store, 'default', 're') && owned(store, d).pods.every(pod => pod.spec.containers[0]!.image === 'example/app:v2'), 30_000);
					unsubscribe();
					expect(overlaps.slice(0, 3)).toEqual([]);
				} finally {
					harness.stop();
				}
			}),
			{numRuns: 20},
		);
	// Many simulated rollouts: generous on a shared 2-core machine (measured ≈ 5–20 s).
	}, 150_000);
});
