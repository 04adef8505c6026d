// `npm run bench`: rollwatch beside kubectl 1.35 on the embedded demo cluster (issue 5).
// The cluster runs in its own process; each client in its own pseudo-terminal. Prints a table, or with
// --json one object per line. --quick is a reduced run for a smoke check (under a minute).
import process from 'node:process';
import {buildClusterChild, startCluster} from './lib/cluster.mjs';
import {kubectlPath, stopAll} from './lib/clients.mjs';
import {printTable} from './lib/report.mjs';
import {measureStart} from './measure/start.mjs';
import {measureEventLatency, measureKeyLatency} from './measure/latency.mjs';
import {measureFrames} from './measure/frame.mjs';
import {measureManyPods, measureRollout} from './measure/resources.mjs';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
// `--only start,latency`: run only these measurements (start, latency, rollout, pods, frame); default all.
const argv = process.argv.slice(2);
const onlyAt = argv.findIndex(arg => arg === '--only' || arg.startsWith('--only='));
const only = onlyAt < 0 ? undefined : new Set((argv[onlyAt].includes('=') ? argv[onlyAt].split('=')[1] : argv[onlyAt + 1] ?? '').split(','));
const wanted = name => !only || only.has(name);
const plan = quick
	? {startRuns: 3, burstMs: 3000, rollout: 200, manyPods: 2000, churnMs: 3000, frameSteps: 100, limitMs: 120_000}
	: {startRuns: 9, burstMs: 10_000, rollout: 1000, manyPods: 10_000, churnMs: 10_000, frameSteps: 400, limitMs: 20 * 60_000};

const clusters = new Set();
const results = [];
const log = message => process.stderr.write(`bench: ${message}\n`);
const emit = rows => {
	for (const row of rows) {
		results.push(row);
		if (json) process.stdout.write(`${JSON.stringify(row)}\n`);
	}
};

async function cleanup() {
	await stopAll();
	await Promise.all([...clusters].map(cluster => cluster.stop()));
}

async function cluster(options = {}) {
	// Fast simulated time: pods start at once, rollouts are bounded by the controllers, not the clock.
	const started = await startCluster({speed: 100, ...options});
	clusters.add(started);
	return started;
}

async function main() {
	if (wanted('frame')) {
		log('CPU per frame');
		emit(await measureFrames({podCounts: [30, plan.manyPods], steps: plan.frameSteps}));
	}
	if (only && [...only].every(name => name === 'frame')) return;
	kubectlPath();
	await buildClusterChild();
	const small = await cluster();
	const kubeconfig = small.kubeconfigPath;
	const web = await small.deploy('web', 3);
	if (wanted('start')) {
		log('start-up');
		emit(await measureStart({name: 'web', pods: web.pods, kubeconfig, runs: plan.startRuns}));
	}

	const lat = await small.deploy('lat', 5);
	for (const rate of wanted('latency') ? [100, 1000] : []) {
		log(`event-to-screen at ${rate}/s`);
		emit(await measureEventLatency({cluster: small, name: 'lat', pods: lat.pods, kubeconfig, rate, durationMs: plan.burstMs}));
	}
	if (wanted('latency')) {
		log('key-to-frame at 1000/s');
		emit(await measureKeyLatency({cluster: small, name: 'lat', pods: lat.pods, kubeconfig, rate: 1000, durationMs: plan.burstMs}));
	}

	if (wanted('rollout')) {
		log(`${plan.rollout}-replica rollout`);
		await small.deploy('big', plan.rollout, 300_000);
		emit(await measureRollout({cluster: small, name: 'big', replicas: plan.rollout, kubeconfig}));
	}
	await small.stop();
	clusters.delete(small);
	if (!wanted('pods')) return;

	log(`${plan.manyPods} pods`);
	// No controllers: the pods are written Running at once, and only the bench's updates change them.
	const many = await cluster({controllers: false});
	await many.seed('huge', plan.manyPods);
	emit(await measureManyPods({cluster: many, name: 'huge', replicas: plan.manyPods, kubeconfig: many.kubeconfigPath, rate: 100, durationMs: plan.churnMs}));
}

const limit = setTimeout(() => {
	log(`gave up after ${plan.limitMs / 1000} s`);
	void cleanup().finally(() => process.exit(2));
}, plan.limitMs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanup().finally(() => process.exit(130)));

let code = 0;
try {
	await main();
	if (!json) printTable(results, {quick});
} catch (error) {
	log(error instanceof Error ? error.stack ?? error.message : String(error));
	code = 1;
} finally {
	clearTimeout(limit);
	await cleanup();
}
process.exit(code);
