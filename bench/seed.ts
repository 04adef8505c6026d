// Seeds a static demo cluster (no controllers) with a Deployment whose pods are all Running and Ready,
// written straight into the store: what the controllers would have produced, without the O(pods²)
// per-step syncs it takes them to get there for 10,000 pods.
import {applyDefaults} from '../source/demo/api/defaults.js';
import {rfc3339} from '../source/demo/clock.js';
import {computeHash} from '../source/demo/controllers/hash.js';
import {ownerReferenceTo} from '../source/demo/controllers/labels.js';
import {podFromTemplate} from '../source/demo/controllers/pods.js';
import {imageId, setContainers, setPodCondition} from '../source/demo/controllers/pod-status.js';
import type {ObjectStore} from '../source/demo/objects.js';
import {deployment as deploymentManifest} from '../source/demo/scenarios/manifests.js';
import type {Deployment, KubeObject, Pod, ReplicaSet} from '../source/k8s/types.js';

export function seedRunningDeployment(store: ObjectStore, namespace: string, name: string, replicas: number): void {
	const now = store.clock.now();
	const manifest = deploymentManifest({name, labels: {app: name}, replicas, image: 'registry.example/bench:v1'});
	manifest.metadata.namespace = namespace;
	const deployment = store.create('deployments', applyDefaults('deployments', manifest as KubeObject, store)) as Deployment;

	const hash = computeHash(deployment.spec.template);
	const template = structuredClone(deployment.spec.template);
	template.metadata = {...template.metadata, labels: {...template.metadata?.labels, 'pod-template-hash': hash}};
	const replicaSet = store.create('replicasets', applyDefaults('replicasets', {
		metadata: {
			name: `${name}-${hash}`, namespace, labels: template.metadata.labels, ownerReferences: [ownerReferenceTo(deployment)],
			annotations: {'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas)},
		},
		spec: {replicas, selector: {matchLabels: {...deployment.spec.selector.matchLabels, 'pod-template-hash': hash}}, template},
	} as KubeObject, store)) as ReplicaSet;

	for (let i = 0; i < replicas; i++) {
		const pod = podFromTemplate(template, namespace, `${replicaSet.metadata.name}-`);
		pod.metadata.ownerReferences = [ownerReferenceTo(replicaSet)];
		pod.spec.nodeName = 'demo-node';
		pod.status = {phase: 'Running', hostIP: '10.0.0.1', podIP: `10.244.${(i >> 8) & 255}.${i & 255}`, startTime: rfc3339(now), qosClass: 'BestEffort'};
		for (const type of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']) setPodCondition(pod, type, 'True', now);
		setContainers(pod, (status, _name, image) => {
			Object.assign(status, {ready: true, started: true, imageID: imageId(image), state: {running: {startedAt: rfc3339(now)}}});
		});
		store.create('pods', pod as Pod);
	}

	const counts = {replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1};
	store.updateStatus('replicasets', {...replicaSet, status: counts});
	const condition = (type: string, reason: string, message: string) => ({type, status: 'True', lastUpdateTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message});
	store.updateStatus('deployments', {...deployment, status: {
		observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
		conditions: [
			condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
			condition('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${replicaSet.metadata.name}" has successfully progressed.`),
		],
	}} as Deployment);
}
