// End-to-end harness: the embedded demo cluster, the CLI's own demo wiring (source/cli/demo-session.ts:
// openSession, the ship-next / ship-broken keys, the prober that follows the shipped or opened Deployment,
// the cluster's clock for ages), the real <App/> at a fixed size, the API read back over loopback HTTPS,
// and real kubectl.
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createElement} from 'react';
import {openDemoSession} from '../../source/cli/demo-session.js';
import type {Session} from '../../source/cli/session.js';
import type {SwitchableProbe} from '../../source/cli/switchable-probe.js';
import {kubeJson} from '../../source/cluster/http.js';
import type {LoadedKubeConfig} from '../../source/cluster/kubeconfig.js';
import {collectionPath} from '../../source/cluster/resources.js';
import {startDemoCluster, SCENARIOS, type DemoCluster, type ScenarioName} from '../../source/demo/cluster.js';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import type {WatchedResource} from '../../source/store/types.js';
import {App} from '../../source/ui/App.js';
import {ensureKubectl} from './kubectl.js';
import {render, type Rendered} from './render.js';

export type E2EOptions = {
	scenario: ScenarioName;
	speed: number;
	/** Deployments to watch; default: the scenario's first (one target opens its dashboard). */
	targets?: string[];
	readOnly?: boolean;
	/** Requests per second of the prober that follows the shipped Deployment's Service (demo wiring). */
	probeRate?: number;
	/**
	 * The prober's own deadline per request (the demo's 1 s by default). Tests that count failures raise
	 * it: on a busy shared machine a slow answer is not the dropped request they look for.
	 */
	probeTimeoutMs?: number;
	columns?: number;
	rows?: number;
};

export type KubectlResult = {code: number | null; stdout: string; stderr: string};

export type E2E = {
	cluster: DemoCluster;
	loaded: LoadedKubeConfig;
	session: Session;
	screen: Rendered;
	probe: SwitchableProbe;
	/** GET one object or a collection through the API server, as any client would. */
	get<T>(resource: WatchedResource, name: string): Promise<T>;
	list<T>(resource: WatchedResource, labelSelector?: string): Promise<T[]>;
	/** The Deployment's ReplicaSets by revision annotation, newest first. */
	replicaSets(deployment: string): Promise<ReplicaSet[]>;
	/** Real kubectl 1.35 with this cluster's kubeconfig (own HOME and cache), bounded by a timeout. */
	kubectl(args: string[]): Promise<KubectlResult>;
	/** Presses a dangerous key, waits for its question, answers y and waits for the ✓/✗ result line (containing `result`). */
	confirm(key: string, question: string, result?: string): Promise<string>;
	stop(): Promise<void>;
};

const live = new Set<E2E>();

/** Stops every harness still running (call from afterEach: a failed test must not leak a cluster). */
export async function stopAll(): Promise<void> {
	await Promise.all([...live].map(async e2e => e2e.stop()));
}

export async function startE2E(options: E2EOptions): Promise<E2E> {
	const cluster = await startDemoCluster({scenario: options.scenario, speed: options.speed});
	const home = await mkdtemp(join(tmpdir(), 'rollwatch-e2e-'));
	const kubeconfig = await cluster.writeKubeconfig(join(home, 'kubeconfig'));
	const targets = options.targets ?? SCENARIOS[options.scenario].deployments.slice(0, 1);
	// The demo's own wiring (source/cli/demo-session.ts), exactly as `rollwatch demo` runs it.
	const demo = await openDemoSession({
		cluster,
		scenario: options.scenario,
		names: targets,
		readOnly: options.readOnly ?? false,
		probeRate: options.probeRate,
		probeTimeoutMs: options.probeTimeoutMs,
		kubeconfigPath: kubeconfig,
	}).catch(async (error: unknown) => {
		await cluster.stop();
		await rm(home, {recursive: true, force: true});
		throw error;
	});
	const {loaded, session, probe} = demo;
	const screen = render(
		createElement(App, demo.props),
		{columns: options.columns ?? 120, rows: options.rows ?? 36},
	);

	// Every watch listed and live: the screen shows the whole cluster state, not the first resource to arrive.
	// (ReplicaSets, pods and the rest are watched once there are Deployments; EndpointSlices once a Service
	// selects their pods.)
	const watched: WatchedResource[] = SCENARIOS[options.scenario].deployments.length > 0 ? ['deployments', 'replicasets', 'pods', 'services', 'events'] : ['deployments'];
	await waitUntil('every watch to be live', () => {
		const {connections} = session.props.store.getSnapshot();
		const states = Object.values(connections);
		return watched.every(resource => connections[resource] !== undefined) && states.every(state => state?.status === 'live');
	}, 15_000).catch(async (error: unknown) => {
		screen.unmount();
		await demo.close();
		await cluster.stop();
		await rm(home, {recursive: true, force: true});
		throw error;
	});

	const path = (resource: WatchedResource) => collectionPath(resource, cluster.namespace);
	let stopped: Promise<void> | undefined;
	const e2e: E2E = {
		cluster,
		loaded,
		session,
		screen,
		probe,
		get: (resource, name) => kubeJson(loaded.kc, {path: `${path(resource)}/${name}`}),
		list: async <T>(resource: WatchedResource, labelSelector?: string) =>
			(await kubeJson<{items: T[]}>(loaded.kc, {path: path(resource), query: labelSelector ? {labelSelector} : {}})).items,
		async replicaSets(name) {
			const deployment = await e2e.get<Deployment>('deployments', name);
			const all = await e2e.list<ReplicaSet>('replicasets');
			return all
				.filter(rs => rs.metadata.ownerReferences?.some(owner => owner.uid === deployment.metadata.uid))
				.toSorted((a, b) => revision(b) - revision(a));
		},
		kubectl: args => runKubectl(args, {home, kubeconfig}),
		async confirm(key, question, result = '') {
			await screen.type(key);
			await screen.waitFor(frame => flat(frame).includes(question));
			await screen.type('y');
			// The status line (above the footer) shows the API's answer once it came back.
			return screen.waitFor(frame => {
				const status = frame.split('\n').at(-2) ?? '';
				return /^ [✓✗] /.test(status) && status.includes(result);
			}, {timeout: 10_000});
		},
		stop() {
			stopped ??= (async () => {
				live.delete(e2e);
				screen.unmount();
				await demo.close();
				await cluster.stop();
				await rm(home, {recursive: true, force: true});
			})();
			return stopped;
		},
	};
	live.add(e2e);
	return e2e;
}

const revision = (object: {metadata: {annotations?: Record<string, string>}}) => Number(object.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/**
 * The line `kubectl rollout status` prints, as the Rollout pane shows it (needs a Rollout pane wide
 * enough not to wrap it: ≥ 190 columns side by side).
 */
export function statusLine(frame: string): string | undefined {
	const match = /(Waiting for deployment[^│┃]*|Waiting for deployment spec update[^│┃]*|deployment "[^"]+" successfully rolled out|error: deployment "[^"]+" [^│┃]*)/.exec(frame);
	return match?.[1]?.trimEnd();
}

/** A frame's text with pane borders removed and lines joined, so a wrapped sentence reads as one. */
export function flat(frame: string): string {
	return frame.split('\n').map(line => line.replaceAll(/[│┃║╭╮╰╯┏┓┗┛╔╗╚╝─━═]/g, ' ').trim()).join(' ').replaceAll(/\s+/g, ' ');
}

/** A terminal wide enough that the Rollout pane never wraps kubectl's longest status line. */
export const wide = {columns: 200, rows: 40};

/** The status line on screen once it equals what kubectl prints now (both read the same cluster state). */
export async function screenMatchesKubectl(e2e: E2E, name: string): Promise<string> {
	let kubectl = '';
	await waitUntil('the screen to show kubectl\'s rollout status line', async () => {
		kubectl = kubectlStatusLine(await e2e.kubectl(['rollout', 'status', `deploy/${name}`, '--watch=false']));
		return statusLine(e2e.screen.lastFrame()) === kubectl;
	});
	return kubectl;
}

/** The line `kubectl rollout status --watch=false` prints (stdout, or stderr's error line). */
export function kubectlStatusLine(result: KubectlResult): string {
	return (result.stdout.trim() || result.stderr.trim()).split('\n').at(-1)!;
}

/** Polls `predicate` (sync or async) until true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await predicate())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

function runKubectl(args: string[], {home, kubeconfig}: {home: string; kubeconfig: string}): Promise<KubectlResult> {
	const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(home, 'cache'), TZ: 'UTC'};
	const child = spawn(ensureKubectl(), args, {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	return new Promise(resolve => {
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}
