// Objects put straight into the store for tests of the API server without controllers: a Deployment,
// its ReplicaSets (revision annotations, ownerReferences) and pods shaped like the recordings.
import {readFileSync} from 'node:fs';
import type {ObjectStore} from '../../source/demo/objects.js';
import {applyDefaults} from '../../source/demo/server.js';
import type {Deployment, KubeObject, Pod, ReplicaSet} from '../../source/k8s/types.js';

const recordedPods = JSON.parse(readFileSync(new URL('../fixtures/demo-api/pods.json', import.meta.url), 'utf8')) as Record<string, Pod>;

export function ensureNamespace(store: ObjectStore, name: string) {
	if (!store.get('namespaces', undefined, name)) store.create('namespaces', applyDefaults('namespaces', {metadata: {name}}, store));
}

export function seedDeployment(store: ObjectStore, namespace: string, name: string, options: {replicas?: number; image?: string; annotations?: Record<string, string>} = {}): Deployment {
	ensureNamespace(store, namespace);
	const deployment: Deployment = {
		metadata: {name, namespace, labels: {app: name}, annotations: {'deployment.kubernetes.io/revision': '1', ...options.annotations}},
		spec: {replicas: options.replicas ?? 2, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: options.image ?? `${name}:1`}]}}},
	};
	return store.create('deployments', applyDefaults('deployments', deployment, store) as Deployment);
}

export function seedReplicaSet(store: ObjectStore, owner: Deployment, revision: number, image: string, replicas: number, changeCause?: string): ReplicaSet {
	const hash = `h${revision}x${image.length}`;
	const name = `${owner.metadata.name}-${hash}`;
	const template = structuredClone(owner.spec.template);
	template.metadata = {...template.metadata, labels: {...template.metadata?.labels, 'pod-template-hash': hash}};
	template.spec.containers = [{...template.spec.containers[0]!, image}];
	const rs: ReplicaSet = {
		metadata: {
			name,
			namespace: owner.metadata.namespace,
			labels: {...owner.spec.selector.matchLabels, 'pod-template-hash': hash},
			annotations: {'deployment.kubernetes.io/revision': String(revision), ...(changeCause ? {'kubernetes.io/change-cause': changeCause} : {})},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true}],
		},
		spec: {replicas, selector: {matchLabels: {...owner.spec.selector.matchLabels, 'pod-template-hash': hash}}, template},
	};
	const created = store.create('replicasets', applyDefaults('replicasets', rs, store) as ReplicaSet);
	return store.updateStatus('replicasets', {...created, status: {replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1}});
}

/** A pod of `rs` in a recorded state (`Running`, `ContainerCreating`, `CrashLoopBackOff`, `Pending-unscheduled`, …). */
export function seedPod(store: ObjectStore, rs: ReplicaSet, suffix: string, state: string): Pod {
	const recorded = structuredClone(recordedPods[state]!);
	const pod: Pod = {
		metadata: {
			name: `${rs.metadata.name}-${suffix}`,
			namespace: rs.metadata.namespace,
			labels: {...rs.spec.template.metadata?.labels},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true}],
		},
		spec: {...recorded.spec, containers: [{...recorded.spec.containers[0]!, name: 'app', image: rs.spec.template.spec.containers[0]!.image}]},
		status: recorded.status,
	};
	const created = store.create('pods', applyDefaults('pods', pod, store) as Pod);
	return store.updateStatus('pods', {...created, status: recorded.status});
}

export function setDeploymentStatus(store: ObjectStore, namespace: string, name: string, status: Deployment['status']): Deployment {
	const current = store.mustGet<Deployment>('deployments', namespace, name);
	return store.updateStatus('deployments', {...current, status});
}

export function stored<T extends KubeObject>(store: ObjectStore, resource: Parameters<ObjectStore['get']>[0], namespace: string | undefined, name: string): T {
	return store.mustGet<T>(resource, namespace, name);
}
