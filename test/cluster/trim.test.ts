// The watch layer's trim (source/cluster/trim.ts): what it drops, what it keeps, and that nothing
// rollwatch shows changes because of it.
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {trimObject} from '../../source/cluster/trim.js';
import type {Deployment, KubeObject, Pod, ReplicaSet} from '../../source/k8s/types.js';
import {podStatusSummary} from '../../source/rollout/pod-status.js';
import type {ClusterSnapshot} from '../../source/store/types.js';
import {deploymentView} from '../../source/ui/derive.js';
import {type FixtureName, loadFixture} from '../ui/fixtures.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
// Real objects from a real control plane, managedFields included (test/fixtures/trim/README.md says where from).
const real = JSON.parse(readFileSync(new URL('../fixtures/trim/rolling-objects.json', import.meta.url), 'utf8')) as {pod: Pod; deployment: Deployment; replicaSet: ReplicaSet};

describe('trimObject', () => {
	it('keeps of a pod its metadata whole, and only the spec and status fields rollwatch reads', () => {
		const pod: Pod = {...real.pod, metadata: {...real.pod.metadata, annotations: {keep: 'me', [lastApplied]: '{"kind":"Pod"}'}}};
		const before = structuredClone(pod);
		const trimmed = trimObject('pods', pod);
		expect(pod).toEqual(before);
		expect(pod.metadata).toHaveProperty('managedFields');
		expect(trimmed.metadata).not.toHaveProperty('managedFields');
		const {managedFields: _dropped, ...metadata} = before.metadata as Record<string, unknown>;
		expect(trimmed.metadata).toEqual({...metadata, annotations: {keep: 'me'}});
		const status = pod.status!;
		expect(trimmed.status).toEqual({
			phase: status.phase,
			conditions: status.conditions!.map(({lastProbeTime: _never, ...condition}) => condition),
			containerStatuses: status.containerStatuses!.map(({image: _image, imageID: _imageID, ...kept}) => kept),
		});
		expect(trimmed.status!.conditions![1]).toEqual({type: 'Ready', status: 'False', lastTransitionTime: '2026-11-21T23:16:31Z', reason: 'ContainersNotReady', message: 'containers with unready status: [app-rolling]'});
		expect(trimmed.spec).toEqual({
			nodeName: pod.spec.nodeName,
			containers: pod.spec.containers.map(container => ({name: container.name, image: container.image})),
		});
		expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(pod).length / 2);
		expect(podStatusSummary(trimmed)).toEqual(podStatusSummary(pod));
	});

	it('keeps what a sidecar, a readiness probe and readiness gates need', () => {
		const probe = {httpGet: {path: '/ready', port: 8080}};
		const pod: Pod = {
			...real.pod,
			spec: {
				...real.pod.spec,
				readinessGates: [{conditionType: 'example.com/ready'}],
				containers: real.pod.spec.containers.map(container => ({...container, readinessProbe: probe})),
				initContainers: [{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', command: ['envoy']}],
			},
			status: {...real.pod.status, initContainerStatuses: [{name: 'proxy', image: 'envoy:1', imageID: '', ready: true, started: true, restartCount: 2, state: {running: {}}}]},
		};
		const trimmed = trimObject('pods', pod);
		expect(trimmed.spec.initContainers).toEqual([{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always'}]);
		expect(trimmed.spec.containers[0]!.readinessProbe).toBe(probe);
		expect(trimmed.spec.readinessGates).toEqual([{conditionType: 'example.com/ready'}]);
		expect(podStatusSummary(trimmed)).toEqual(podStatusSummary(pod));
		expect(podStatusSummary(trimmed).total).toBe(pod.spec.containers.length + 1);
	});

	it('keeps a Deployment whole but for managedFields (undo carries its last-applied annotation over), and a ReplicaSet\'s template whole', () => {
		const deployment = trimObject('deployments', real.deployment);
		const {managedFields: _d, ...deploymentMeta} = real.deployment.metadata as Record<string, unknown>;
		expect(deployment).toEqual({...real.deployment, metadata: deploymentMeta});
		expect(deployment.metadata.annotations?.[lastApplied]).toBeDefined();
		const replicaSet = trimObject('replicasets', real.replicaSet);
		expect(replicaSet.metadata).not.toHaveProperty('managedFields');
		expect(real.replicaSet.metadata).toHaveProperty('managedFields');
		expect(replicaSet.spec).toBe(real.replicaSet.spec);
	});

	it('shares equal parts between pods, and never gives a pod another pod\'s values, whatever order the versions come in', () => {
		const base = real.pod;
		const conditionsOf = (ready: boolean, at: string) => base.status!.conditions!.map(condition => (condition.type === 'Ready' ? {...condition, status: ready ? ('True' as const) : ('False' as const), lastTransitionTime: at} : condition));
		const variant = fc.record({
			name: fc.constantFrom('a', 'b', 'c'),
			app: fc.constantFrom('web', 'api'),
			image: fc.constantFrom('app:v1', 'app:v2'),
			ready: fc.boolean(),
			at: fc.constantFrom('2026-11-21T23:16:31Z', '2026-11-21T23:17:00Z'),
			restarts: fc.integer({min: 0, max: 2}),
			terminated: fc.boolean(),
		});
		fc.assert(fc.property(fc.array(variant, {minLength: 2, maxLength: 12}), variants => {
			const pods = variants.map(({name, app, image, ready, at, restarts, terminated}): Pod => ({
				...base,
				metadata: {...base.metadata, name, uid: `uid-${name}`, labels: {app}},
				spec: {...base.spec, containers: base.spec.containers.map(container => ({...container, image}))},
				status: {
					...base.status,
					conditions: conditionsOf(ready, at),
					containerStatuses: [{name: 'app', image, imageID: '', ready, started: ready, restartCount: restarts, state: terminated ? {terminated: {exitCode: 1, containerID: `containerd://${name}`}} : {running: {startedAt: at}}}],
				},
			}));
			const trimmed = pods.map(pod => trimObject('pods', structuredClone(pod)));
			trimmed.forEach((pod, index) => {
				const source = pods[index]!;
				expect(pod.metadata.name).toBe(source.metadata.name);
				expect(pod.metadata.labels).toEqual(source.metadata.labels);
				expect(pod.spec.containers.map(container => container.image)).toEqual(source.spec.containers.map(container => container.image));
				expect(pod.status!.conditions).toEqual(source.status!.conditions!.map(({lastProbeTime: _never, ...condition}) => condition));
				expect(pod.status!.containerStatuses).toEqual(source.status!.containerStatuses!.map(({image: _image, imageID: _imageID, ...kept}) => kept));
			});
			for (const a of trimmed) {
				for (const b of trimmed) {
					if (JSON.stringify(a.metadata.labels) === JSON.stringify(b.metadata.labels)) expect(a.metadata.labels).toBe(b.metadata.labels);
					if (JSON.stringify(a.status!.conditions) === JSON.stringify(b.status!.conditions)) expect(a.status!.conditions).toBe(b.status!.conditions);
					// A terminated container names its container ID: one pod's own, never shared with another pod.
					if (a.metadata.name !== b.metadata.name && a.status!.containerStatuses![0]!.state?.terminated) expect(a.status!.containerStatuses![0]).not.toBe(b.status!.containerStatuses![0]);
				}
			}
		}), {numRuns: 200});
	});

	it('returns what is not shaped like an API object as it came, for the store gate to judge', () => {
		const broken = [
			{metadata: {name: 'a'}, spec: null},
			{metadata: {name: 'b'}, spec: {containers: 'not a list'}},
			{metadata: {name: 'c'}},
			{spec: {containers: []}},
			{metadata: null},
		] as unknown as KubeObject[];
		for (const object of broken) expect(trimObject('pods', object)).toEqual(object);
		expect(trimObject('pods', {metadata: {name: 'd'}, spec: {containers: [null, 3]}} as unknown as KubeObject)).toEqual({metadata: {name: 'd'}, spec: {containers: [null, 3]}});
		const badStatus = {metadata: {name: 'e'}, spec: {containers: []}, status: {phase: 'Running', conditions: 'none', containerStatuses: [null, 'x']}};
		expect(trimObject('pods', badStatus as unknown as KubeObject)).toEqual(badStatus);
	});

	it.each<FixtureName>(['rolling-mid', 'history-3-revisions', 'canary-split', 'broken-crashloop'])('changes nothing in the view of %s', name => {
		const {snapshot, now, namespace} = loadFixture(name);
		const trimAll = <T extends KubeObject>(resource: Parameters<typeof trimObject>[0], map: ReadonlyMap<string, T>) =>
			new Map([...map].map(([key, object]) => [key, trimObject(resource, object)]));
		const trimmed: ClusterSnapshot = {
			...snapshot,
			deployments: trimAll('deployments', snapshot.deployments),
			replicaSets: trimAll('replicasets', snapshot.replicaSets),
			pods: trimAll('pods', snapshot.pods),
			services: trimAll('services', snapshot.services),
			endpointSlices: trimAll('endpointslices', snapshot.endpointSlices),
		};
		const [deployment] = snapshot.deployments.values();
		const full = deploymentView(snapshot, namespace, deployment!.metadata.name!, now);
		expect(full?.pods.length).toBeGreaterThan(0);
		expect(deploymentView(trimmed, namespace, deployment!.metadata.name!, now)).toEqual(full);
	});
});
