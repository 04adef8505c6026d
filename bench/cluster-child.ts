// The benchmark's cluster process: the embedded demo cluster plus the load generators that need the
// object store (stamped pod updates, bulk pods, rollouts). It runs apart from rollwatch and kubectl so
// their CPU and memory are their own. bench/lib/cluster.mjs bundles this file and talks to it over IPC.
import {performance} from 'node:perf_hooks';
import {startDemoCluster} from '../source/demo/cluster.js';
import type {DemoCluster} from '../source/demo/cluster.js';
import {applyDefaults} from '../source/demo/api/defaults.js';
import {deployment as deploymentManifest} from '../source/demo/scenarios/manifests.js';
import type {Deployment, KubeObject, Pod} from '../source/k8s/types.js';
import {seedRunningDeployment} from './seed.js';

type Request =
	| {id: number; cmd: 'start'; speed: number; controllers: boolean}
	| {id: number; cmd: 'seed'; name: string; replicas: number}
	| {id: number; cmd: 'deploy'; name: string; replicas: number; timeoutMs: number}
	| {id: number; cmd: 'stamp'; name: string; rate: number; durationMs: number}
	| {id: number; cmd: 'rollout'; name: string; image: string; timeoutMs: number}
	| {id: number; cmd: 'stop'};

let cluster: DemoCluster | undefined;
let nextSeq = 0;
const namespace = 'default';
// Epoch milliseconds with sub-millisecond resolution, comparable across processes on one machine.
const wallNow = () => performance.timeOrigin + performance.now();

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function need(): DemoCluster {
	if (!cluster) throw new Error('cluster not started');
	return cluster;
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(50);
	}
}

function rolledOut(name: string): boolean {
	const current = need().store.get<Deployment>('deployments', namespace, name);
	const status = current?.status;
	const replicas = current?.spec.replicas ?? 0;
	return Boolean(current && status && (status.observedGeneration ?? 0) >= (current.metadata.generation ?? 0)
		&& status.updatedReplicas === replicas && status.availableReplicas === replicas && (status.replicas ?? 0) === replicas);
}

function podsOf(name: string): Pod[] {
	return need().store.list<Pod>('pods', namespace).filter(pod => pod.metadata.labels?.app === name && !pod.metadata.deletionTimestamp);
}

/** Counts pod changes (every ADDED/MODIFIED/DELETED a pod watch would carry) while `work` runs. */
async function countingPodEvents<T>(work: () => Promise<T>): Promise<{result: T; events: number}> {
	let events = 0;
	const unsubscribe = need().store.subscribe(event => {
		if (event.resource === 'pods') events++;
	});
	try {
		return {result: await work(), events};
	} finally {
		unsubscribe();
	}
}

async function deploy(name: string, replicas: number, timeoutMs: number) {
	const {store} = need();
	// Pods start at once (no simulated image pull) so big Deployments settle quickly.
	const manifest = deploymentManifest({
		name, labels: {app: name}, replicas, image: 'registry.example/bench:v1',
		strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
		templateAnnotations: {'demo.rollwatch.dev/startup-seconds': '0'},
	});
	manifest.metadata.namespace = namespace;
	store.create('deployments', applyDefaults('deployments', manifest as KubeObject, store));
	await waitUntil(() => rolledOut(name), timeoutMs, `deployment ${name} with ${replicas} replicas`);
	return {pods: podsOf(name).map(pod => pod.metadata.name)};
}

/**
 * Updates the Deployment's pods round-robin at `rate` per second for `durationMs`. Each update sets the
 * first container's waiting reason to `Q<seq>`, which kubectl and rollwatch show as the pod's STATUS, so
 * the screen says which change it reflects. Returns the send time of every stamp.
 */
async function stamp(name: string, rate: number, durationMs: number) {
	const {store} = need();
	const pods = podsOf(name).sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
	if (pods.length === 0) throw new Error(`deployment ${name} has no pods`);
	const sent: number[] = [];
	// Numbering continues across bursts, so what a screen still shows from an earlier one never
	// passes for a new stamp; pod i gets the stamps ≡ i (mod pods).
	const first = Math.ceil(nextSeq / pods.length) * pods.length;
	const started = wallNow();
	await new Promise<void>(resolve => {
		const tick = () => {
			const elapsed = wallNow() - started;
			const due = Math.min(Math.floor((elapsed * rate) / 1000), Math.floor((durationMs * rate) / 1000));
			while (sent.length < due) {
				const seq = first + sent.length;
				const pod = store.get<Pod>('pods', namespace, pods[seq % pods.length]!.metadata.name!)!;
				const status = pod.status?.containerStatuses?.[0];
				if (status) status.state = {waiting: {reason: `Q${seq}`}};
				store.updateStatus('pods', pod);
				sent.push(wallNow());
			}
			if (elapsed >= durationMs) {
				clearInterval(timer);
				resolve();
			}
		};
		const timer = setInterval(tick, 5);
	});
	nextSeq = first + sent.length;
	return {pods: pods.map(pod => pod.metadata.name), first, sent};
}

async function rollout(name: string, image: string, timeoutMs: number) {
	const {store} = need();
	const started = Date.now();
	const {events} = await countingPodEvents(async () => {
		const current = store.get<Deployment>('deployments', namespace, name)!;
		current.spec.template.spec.containers[0]!.image = image;
		store.update('deployments', current);
		await waitUntil(() => rolledOut(name) && podsOf(name).length === current.spec.replicas, timeoutMs, `rollout of ${name} to ${image}`);
		// Old pods finish terminating after the Deployment reports complete; wait for the stream to go quiet.
		await waitUntil(() => store.list<Pod>('pods', namespace).filter(pod => pod.metadata.labels?.app === name).length === current.spec.replicas, timeoutMs, 'old pods to go');
	});
	return {events, ms: Date.now() - started};
}

async function handle(request: Request): Promise<unknown> {
	switch (request.cmd) {
		case 'start': {
			cluster = await startDemoCluster({scenario: 'empty', speed: request.speed, namespace, controllers: request.controllers});
			return {url: cluster.url, kubeconfigPath: await cluster.writeKubeconfig()};
		}
		case 'seed': {
			const started = Date.now();
			seedRunningDeployment(need().store, namespace, request.name, request.replicas);
			return {ms: Date.now() - started, pods: podsOf(request.name).length};
		}
		case 'deploy':
			return deploy(request.name, request.replicas, request.timeoutMs);
		case 'stamp':
			return stamp(request.name, request.rate, request.durationMs);
		case 'rollout':
			return rollout(request.name, request.image, request.timeoutMs);
		case 'stop':
			await cluster?.stop();
			setImmediate(() => process.exit(0));
			return {};
	}
}

process.on('message', (request: Request) => {
	handle(request).then(
		result => process.send?.({id: request.id, result}),
		(error: unknown) => process.send?.({id: request.id, error: error instanceof Error ? error.message : String(error)}),
	);
});
// The bench (our parent) going away must take the cluster with it.
process.on('disconnect', () => process.exit(0));
