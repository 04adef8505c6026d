// Starts bench/cluster-child.ts (bundled by esbuild, since Node cannot strip types through the
// sources' `.js` imports) in its own process and offers its commands as promises.
import {fork} from 'node:child_process';
import {mkdir} from 'node:fs/promises';
import {build} from 'esbuild';

const bundle = '.cache/bench/cluster-child.mjs';

export async function buildClusterChild() {
	await mkdir('.cache/bench', {recursive: true});
	await build({
		entryPoints: ['bench/cluster-child.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm',
		target: 'node22', packages: 'external', logLevel: 'warning',
	});
}

/** Forks the cluster process; every call is bounded by its own timeout. */
export async function startCluster({speed = 1, controllers = true} = {}) {
	const child = fork(bundle, [], {stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execPath: process.execPath});
	const pending = new Map();
	let next = 0;
	child.on('message', message => {
		const entry = pending.get(message.id);
		if (!entry) return;
		pending.delete(message.id);
		clearTimeout(entry.timer);
		if (message.error) entry.reject(new Error(`cluster: ${message.error}`));
		else entry.resolve(message.result);
	});
	child.on('exit', code => {
		for (const entry of pending.values()) {
			clearTimeout(entry.timer);
			entry.reject(new Error(`cluster process exited (${code})`));
		}
		pending.clear();
	});
	const call = (cmd, args = {}, timeoutMs = 60_000) => new Promise((resolve, reject) => {
		const id = next++;
		const timer = setTimeout(() => {
			pending.delete(id);
			reject(new Error(`cluster: ${cmd} did not answer within ${timeoutMs} ms`));
		}, timeoutMs + 5000);
		pending.set(id, {resolve, reject, timer});
		child.send({id, cmd, ...args});
	});
	const {url, kubeconfigPath} = await call('start', {speed, controllers});
	return {
		url,
		kubeconfigPath,
		pid: child.pid,
		deploy: (name, replicas, timeoutMs = 120_000) => call('deploy', {name, replicas, timeoutMs}, timeoutMs),
		/** A Deployment with every pod Running, written directly (for a cluster started without controllers). */
		seed: (name, replicas) => call('seed', {name, replicas}, 120_000),
		stamp: (name, rate, durationMs) => call('stamp', {name, rate, durationMs}, durationMs + 30_000),
		rollout: (name, image, timeoutMs = 300_000) => call('rollout', {name, image, timeoutMs}, timeoutMs),
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise(resolve => child.once('exit', resolve));
			await call('stop', {}, 10_000).catch(() => child.kill('SIGKILL'));
			await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		},
		kill: () => child.kill('SIGKILL'),
	};
}
