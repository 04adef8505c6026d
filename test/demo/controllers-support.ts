// Helpers for driving the demo controllers through the ObjectStore (no HTTP): a fast clock, kubectl-like
// creates and edits, and waits with deadlines instead of sleeps.
import type {Deployment, KubeObject, Pod, ReplicaSet} from '../../source/k8s/types.js';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore, type Resource} from '../../source/demo/objects.js';
import {applyDefaults} from '../../source/demo/api/defaults.js';
import {startControllers, type Controllers} from '../../source/demo/controllers/manager.js';

export type Harness = {store: ObjectStore; controllers: Controllers; stop(): void};

export function startHarness(speed = 50): Harness {
	const clock = createClock(speed);
	const store = new ObjectStore({clock});
	const controllers = startControllers(store);
	return {
		store,
		controllers,
		stop() {
			controllers.stop();
			clock.stopAll();
		},
	};
}

export function create<T extends KubeObject>(store: ObjectStore, resource: Resource, object: T): T {
	return store.create(resource, applyDefaults(resource, structuredClone(object), store) as T);
}

/** A read-modify-write of the main resource, as `kubectl edit` / `set image` would do. */
export function edit(store: ObjectStore, namespace: string, name: string, change: (d: Deployment) => void): Deployment {
	for (let attempt = 0; ; attempt++) {
		const d = store.mustGet<Deployment>('deployments', namespace, name);
		change(d);
		applyDefaults('deployments', d, store);
		try {
			return store.update('deployments', d);
		} catch (error) {
			if (attempt > 5) throw error;
		}
	}
}

export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

export function deploymentComplete(store: ObjectStore, namespace: string, name: string): boolean {
	const d = store.get<Deployment>('deployments', namespace, name);
	if (!d) return false;
	const replicas = d.spec.replicas ?? 1;
	const s = d.status ?? {};
	return (
		(s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
		(s.updatedReplicas ?? 0) === replicas &&
		(s.replicas ?? 0) === replicas &&
		(s.availableReplicas ?? 0) === replicas &&
		(replicas === 0 || s.conditions?.some(c => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') === true)
	);
}

export function ownedReplicaSets(store: ObjectStore, d: Deployment): ReplicaSet[] {
	return store.list<ReplicaSet>('replicasets', d.metadata.namespace).filter(rs => rs.metadata.ownerReferences?.some(r => r.uid === d.metadata.uid));
}

export function podsOf(store: ObjectStore, rs: ReplicaSet): Pod[] {
	return store.list<Pod>('pods', rs.metadata.namespace).filter(pod => pod.metadata.ownerReferences?.some(r => r.uid === rs.metadata.uid));
}

export function deploymentManifest(name: string, options: {replicas?: number; image?: string; strategy?: Deployment['spec']['strategy']; labels?: Record<string, string>; annotations?: Record<string, string>; progressDeadlineSeconds?: number; minReadySeconds?: number; readinessDelay?: number}): Deployment {
	const labels = options.labels ?? {app: name};
	return {
		metadata: {name, namespace: 'default', labels},
		spec: {
			replicas: options.replicas ?? 3,
			selector: {matchLabels: labels},
			...(options.strategy ? {strategy: options.strategy} : {}),
			...(options.progressDeadlineSeconds ? {progressDeadlineSeconds: options.progressDeadlineSeconds} : {}),
			...(options.minReadySeconds ? {minReadySeconds: options.minReadySeconds} : {}),
			template: {
				metadata: {labels, ...(options.annotations ? {annotations: options.annotations} : {})},
				spec: {
					containers: [
						{
							name,
							image: options.image ?? 'example/app:v1',
							ports: [{containerPort: 8080}],
							...(options.readinessDelay === undefined ? {} : {readinessProbe: {httpGet: {path: '/', port: 8080}, initialDelaySeconds: options.readinessDelay, periodSeconds: 1}}),
						},
					],
				},
			},
		},
	};
}
