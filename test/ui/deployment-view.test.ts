// The deployment view derived frame after frame from what changed (the App's way) must equal the view
// derived from scratch, after any sequence of pod, ReplicaSet and Deployment changes.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Pod, ReplicaSet} from '../../source/k8s/types.js';
import type {ClusterSnapshot} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import {createDeploymentDeriver, deploymentView} from '../../source/ui/derive.js';
import {type FixtureName, loadFixture} from './fixtures.js';

type Op = {kind: number; index: number; variant: number};
const reasons = ['CrashLoopBackOff', 'ErrImagePull', 'ContainerCreating', undefined];

function pick<T>(map: ReadonlyMap<string, T>, index: number): [string, T] | undefined {
	const entries = [...map];
	return entries.length === 0 ? undefined : entries[index % entries.length];
}

/** One change to the snapshot, chosen by `op` among what it holds. */
function apply(snapshot: ClusterSnapshot, {kind, index, variant}: Op, step: number): ClusterSnapshot {
	const pods = new Map(snapshot.pods);
	const replicaSets = new Map(snapshot.replicaSets);
	const deployments = new Map(snapshot.deployments);
	const pod = pick(pods, index);
	const rs = pick(replicaSets, variant);
	switch (kind % 7) {
		case 0: case 1: { // a pod's status: ready or not, a waiting reason, or a crash
			if (!pod) break;
			const [key, was] = pod;
			const ready = variant % 2 === 0;
			const reason = reasons[variant % reasons.length];
			pods.set(key, {...was, metadata: {...was.metadata, resourceVersion: `s${step}`}, status: {
				...was.status, phase: 'Running',
				conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}, ...(variant % 5 === 0 ? [{type: 'PodScheduled', status: 'False' as const, message: 'no room'}] : [])],
				containerStatuses: (was.spec.containers ?? []).map(container => ({name: container.name, ready, restartCount: variant % 3, image: container.image ?? '', imageID: '', state: reason ? {waiting: {reason}} : {running: {}}})),
			}});
			break;
		}
		case 2: // a pod starts terminating
			if (pod) pods.set(pod[0], {...pod[1], metadata: {...pod[1].metadata, deletionTimestamp: '2026-01-01T00:00:00Z', resourceVersion: `t${step}`}});
			break;
		case 3: // a pod is gone
			if (pod) pods.delete(pod[0]);
			break;
		case 4: { // a new pod, controlled by some ReplicaSet
			if (!pod) break;
			const owner = rs?.[1];
			const added: Pod = {...pod[1], metadata: {
				...pod[1].metadata, name: `${owner?.metadata.name ?? 'x'}-n${step}`, uid: `n${step}`, creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, variant % 60)).toISOString(),
				...(owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true}]} : {}),
			}};
			pods.set(objectKey(added), added);
			break;
		}
		case 5: { // a ReplicaSet gets another revision, or goes
			if (!rs) break;
			const [key, was] = rs;
			if (variant % 4 === 0) replicaSets.delete(key);
			else replicaSets.set(key, {...was, metadata: {...was.metadata, annotations: {...was.metadata.annotations, 'deployment.kubernetes.io/revision': String(10 + step)}}} as ReplicaSet);
			break;
		}
		default: { // the Deployment's template changes (another new ReplicaSet), or it pauses
			const deployment = pick(deployments, 0);
			if (!deployment) break;
			const [key, was] = deployment;
			const containers = was.spec.template.spec.containers.map(container => ({...container, image: `${container.image}-${variant % 3}`}));
			deployments.set(key, {...was, spec: {...was.spec, paused: variant % 2 === 0, template: {...was.spec.template, spec: {...was.spec.template.spec, containers}}}});
		}
	}
	return {...snapshot, version: snapshot.version + 1, pods, replicaSets, deployments};
}

const fixtures: FixtureName[] = ['rolling-mid', 'history-3-revisions', 'canary-split', 'broken-crashloop'];
const op = fc.record({kind: fc.nat(), index: fc.nat(), variant: fc.nat()});

describe('deployment view, derived from what changed', () => {
	it('equals the view derived from scratch after every change', () => {
		fc.assert(fc.property(fc.constantFrom(...fixtures), fc.array(fc.array(op, {minLength: 1, maxLength: 4}), {maxLength: 25}), (fixture, frames) => {
			const {snapshot: first, now, namespace} = loadFixture(fixture);
			const name = [...first.deployments.values()][0]!.metadata.name!;
			const deriver = createDeploymentDeriver();
			let snapshot = first;
			expect(deriver.derive(snapshot, namespace, name, now)).toEqual(deploymentView(snapshot, namespace, name, now));
			for (const [step, changes] of frames.entries()) {
				snapshot = changes.reduce((current, change, at) => apply(current, change, step * 10 + at), snapshot);
				expect(deriver.derive(snapshot, namespace, name, now)).toEqual(deploymentView(snapshot, namespace, name, now));
			}
		}), {numRuns: 60});
	});

	it.each([true, false])('returns the same view object when nothing it shows changed (Services: %s)', withServices => {
		const {snapshot: loaded, now, namespace} = loadFixture('rolling-mid');
		const snapshot = withServices ? loaded : {...loaded, services: new Map(), endpointSlices: new Map()};
		const name = [...snapshot.deployments.values()][0]!.metadata.name!;
		const deriver = createDeploymentDeriver();
		const view = deriver.derive(snapshot, namespace, name, now);
		// Another namespace's pod, and the same pods in a new map: nothing on this screen moves.
		const elsewhere = {...[...snapshot.pods.values()][0]!, metadata: {name: 'other', namespace: 'elsewhere', uid: 'o1'}} as Pod;
		const next = {...snapshot, version: 2, pods: new Map([...snapshot.pods, ['elsewhere/other', elsewhere]])};
		expect(deriver.derive(next, namespace, name, now)).toBe(view);
		const [key, pod] = [...snapshot.pods][0]!;
		const failed = {...next, version: 3, pods: new Map([...next.pods, [key, {...pod, status: {...pod.status, phase: 'Failed'}} as Pod]])};
		expect(deriver.derive(failed, namespace, name, now)).not.toBe(view);
	});
});
