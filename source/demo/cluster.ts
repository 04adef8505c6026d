// The embedded demo cluster: object store + controllers + kubelet behind a real Kubernetes HTTP API on
// loopback, seeded with a scenario. kubectl and rollwatch reach it with the kubeconfig it writes.
import {randomBytes} from 'node:crypto';
import {writeFile, mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {stringify} from 'yaml';
import type {KubeObject} from '../k8s/types.js';
import {type Clock, createClock} from './clock.js';
import {ObjectStore} from './objects.js';
import {type ApiServer, startApiServer} from './server.js';
import {applyDefaults} from './api/defaults.js';
import {createAppProxy} from './app.js';
import {startControllers} from './controllers/manager.js';
import {type ScenarioName, SCENARIOS, createScenario} from './scenarios.js';

export {SCENARIOS, type ScenarioName} from './scenarios.js';

export type DemoClusterOptions = {
	port?: number; host?: string; speed?: number; scenario?: ScenarioName; token?: string; namespace?: string;
	/**
	 * false: a static cluster with no controllers or kubelet — objects change only when written (the
	 * bench seeds 10,000 running pods directly; the controllers sync per pod step, O(pods²) to get there).
	 */
	controllers?: boolean;
};

export type DemoCluster = {
	url: string;
	token: string;
	namespace: string;
	store: ObjectStore;
	clock: Clock;
	server: ApiServer;
	/** YAML: cluster `demo`, user `demo` with the token, context `rollwatch-demo` with the namespace. */
	kubeconfig(): string;
	/** Writes the kubeconfig (mode 0600) to `path`, or to a new file under os.tmpdir(); returns the path. */
	writeKubeconfig(path?: string): Promise<string>;
	/** Resolves when controllers have no pending work and no pod is mid-transition (for tests). */
	settled(): Promise<void>;
	stop(): Promise<void>;
};

export async function startDemoCluster(options: DemoClusterOptions = {}): Promise<DemoCluster> {
	const scenario = options.scenario ?? 'empty';
	if (!Object.hasOwn(SCENARIOS, scenario)) throw new Error(`unknown scenario "${scenario}"`);
	const namespace = options.namespace ?? 'default';
	const token = options.token ?? randomBytes(32).toString('hex');
	const clock = createClock(options.speed ?? 1);
	const store = new ObjectStore({clock});
	const controllers = options.controllers === false ? undefined : startControllers(store);
	let server: ApiServer;
	try {
		server = await startApiServer({
			store,
			host: options.host ?? '127.0.0.1',
			port: options.port ?? 0,
			token,
			proxy: createAppProxy({store, isServing: pod => controllers?.kubelet.isServing(pod) ?? false}),
		});
	} catch (error) {
		controllers?.stop();
		clock.stopAll();
		throw error;
	}
	if (!store.get('namespaces', undefined, namespace)) {
		store.create('namespaces', applyDefaults('namespaces', {metadata: {name: namespace}} as KubeObject, store));
	}
	createScenario(store, scenario, namespace);

	const kubeconfig = () =>
		stringify({
			apiVersion: 'v1',
			kind: 'Config',
			clusters: [{name: 'demo', cluster: {server: server.url, 'certificate-authority-data': Buffer.from(server.ca).toString('base64')}}],
			users: [{name: 'demo', user: {token}}],
			contexts: [{name: 'rollwatch-demo', context: {cluster: 'demo', user: 'demo', namespace}}],
			'current-context': 'rollwatch-demo',
			preferences: {},
		});
	let stopped = false;
	return {
		url: server.url,
		token,
		namespace,
		store,
		clock,
		server,
		kubeconfig,
		async writeKubeconfig(path) {
			const target = path ?? join(await mkdtemp(join(tmpdir(), 'rollwatch-demo-')), 'kubeconfig');
			await writeFile(target, kubeconfig(), {mode: 0o600});
			return target;
		},
		settled: async () => controllers?.settled(),
		async stop() {
			if (stopped) return;
			stopped = true;
			controllers?.stop();
			clock.stopAll();
			await server.close();
		},
	};
}
