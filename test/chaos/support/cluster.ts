// A demo cluster for chaos runs: object store + controllers + API server on a free loopback port, with
// one Deployment and its Service, and a server-side record of every store change (the ground truth the
// watcher is compared against). Built from the demo's parts so the test owns the server's lifecycle.
import type {Deployment, KubeObject, Service} from '../../../source/k8s/types.js';
import {createClock} from '../../../source/demo/clock.js';
import {ObjectStore, type Resource, type StoreEvent} from '../../../source/demo/objects.js';
import {applyDefaults} from '../../../source/demo/api/defaults.js';
import {startControllers, type Controllers} from '../../../source/demo/controllers/manager.js';
import {startApiServer, type ApiServer} from '../../../source/demo/server.js';
import {demoKubeConfig, type LoadedKubeConfig} from '../../../source/cluster/kubeconfig.js';

export const NAMESPACE = 'chaos';
export const APP = 'web';

export type ChaosCluster = {
	store: ObjectStore;
	server: ApiServer;
	controllers: Controllers;
	token: string;
	config: LoadedKubeConfig;
	/** Every change the store committed, in resourceVersion order (the server's own history). */
	history: StoreEvent[];
	stop(): Promise<void>;
};

export async function startChaosCluster(options: {speed: number; token?: string; replicas?: number}): Promise<ChaosCluster> {
	const clock = createClock(options.speed);
	const store = new ObjectStore({clock});
	const history: StoreEvent[] = [];
	// Subscribed before anything exists, so the record is complete from resourceVersion 1.
	store.subscribe(event => history.push({...event, object: structuredClone(event.object)}));
	const controllers = startControllers(store);
	const token = options.token ?? `chaos-token-${Math.random().toString(36).slice(2)}`;
	const server = await startApiServer({store, token, bookmarkIntervalMs: 2000});
	create(store, 'namespaces', {metadata: {name: NAMESPACE}});
	create(store, 'deployments', deploymentManifest(options.replicas ?? 3));
	create(store, 'services', serviceManifest());
	return {
		store,
		server,
		controllers,
		token,
		config: demoKubeConfig(server.url, token, NAMESPACE),
		history,
		async stop() {
			controllers.stop();
			await server.close();
			clock.stopAll();
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
