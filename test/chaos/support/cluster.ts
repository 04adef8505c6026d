// A demo cluster for chaos runs: the embedded demo cluster (startDemoCluster) with one Deployment and
// its Service, reached through the kubeconfig it writes (TLS with its CA, bearer token), as a user
// would. The server's own change history is the ground truth the watcher is compared against.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Deployment, KubeObject, Service} from '../../../source/k8s/types.js';
import {startDemoCluster, type DemoCluster} from '../../../source/demo/cluster.js';
import type {ObjectStore, Resource, StoreEvent} from '../../../source/demo/objects.js';
import {applyDefaults} from '../../../source/demo/api/defaults.js';
import {loadKubeConfig, type LoadedKubeConfig} from '../../../source/cluster/kubeconfig.js';

export const NAMESPACE = 'chaos';
export const APP = 'web';

export type ChaosCluster = DemoCluster & {
	config: LoadedKubeConfig;
	kubeconfigPath: string;
	/** Every change the store committed, in resourceVersion order (the server's own history). */
	history(): StoreEvent[];
};

export async function startChaosCluster(options: {speed: number; replicas?: number}): Promise<ChaosCluster> {
	const demo = await startDemoCluster({scenario: 'empty', namespace: NAMESPACE, speed: options.speed});
	const {store} = demo;
	create(store, 'deployments', deploymentManifest(options.replicas ?? 3));
	create(store, 'services', serviceManifest());
	const dir = mkdtempSync(join(tmpdir(), 'rollwatch-chaos-'));
	const kubeconfigPath = await demo.writeKubeconfig(join(dir, 'kubeconfig'));
	const config = loadKubeConfig({kubeconfig: kubeconfigPath, env: {}});
	return {
		...demo,
		config,
		kubeconfigPath,
		history() {
			// The store keeps 20,000 changes; a chaos run makes far fewer, so this is the whole record.
			if (store.oldestResumable > 1) throw new Error('the store history window was exceeded: the oracle would be incomplete');
			return store.eventsSince(1) ?? [];
		},
		async stop() {
			await demo.stop();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

function create<T extends KubeObject>(store: ObjectStore, resource: Resource, object: T): T {
	return store.create(resource, applyDefaults(resource, object, store) as T);
}

function deploymentManifest(replicas: number): Deployment {
	const labels = {app: APP};
	return {
		metadata: {name: APP, namespace: NAMESPACE, labels, annotations: {'kubernetes.io/change-cause': 'chaos: create'}},
		spec: {
			replicas,
			selector: {matchLabels: labels},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 1}},
			template: {
				metadata: {labels, annotations: {'demo.rollwatch.dev/startup-seconds': '2'}},
				spec: {
					containers: [{name: APP, image: 'example/web:v1', ports: [{containerPort: 8080}], readinessProbe: {httpGet: {path: '/', port: 8080}, initialDelaySeconds: 1, periodSeconds: 1}}],
				},
			},
		},
	};
}

function serviceManifest(): Service {
	return {metadata: {name: APP, namespace: NAMESPACE}, spec: {selector: {app: APP}, ports: [{port: 80, targetPort: 8080}]}};
}

/** Waits for a condition with a deadline; never sleeps longer than needed. */
export async function waitUntil<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** Whether the Deployment's rollout is complete by the controller's own status (what `rollout status` checks). */
export function rolloutComplete(store: ObjectStore): boolean {
	const d = store.get<Deployment>('deployments', NAMESPACE, APP);
	if (!d) return false;
	const replicas = d.spec.replicas ?? 1;
	const s = d.status ?? {};
	return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas;
}
