// `rollwatch demo --serve`: run the demo cluster in the foreground for kubectl (or another rollwatch)
// until SIGINT/SIGTERM, announcing the API URL and the kubeconfig in one line.
import {rm} from 'node:fs/promises';
import {dirname} from 'node:path';
import {startDemoCluster} from './cluster.js';
import type {ScenarioName} from './scenarios.js';

export type ServeFlags = {port: number; kubeconfigOut?: string; scenario: ScenarioName; speed: number};

/** Resolves with the exit code once stopped by a signal (or `signal`, for tests). */
export async function serve(flags: ServeFlags, out: NodeJS.WritableStream, signal?: AbortSignal): Promise<number> {
	let cluster;
	try {
		cluster = await startDemoCluster({port: flags.port, host: '127.0.0.1', scenario: flags.scenario, speed: flags.speed});
	} catch (error) {
		out.write(`error: cannot start the demo cluster: ${(error as Error).message}\n`);
		return 1;
	}
	const path = await cluster.writeKubeconfig(flags.kubeconfigOut);
	out.write(`rollwatch demo cluster on ${cluster.url} — kubeconfig: ${path} (export KUBECONFIG=${path})\n`);
	await new Promise<void>(resolve => {
		const done = () => {
			process.off('SIGINT', done);
			process.off('SIGTERM', done);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		process.on('SIGINT', done);
		process.on('SIGTERM', done);
		if (signal?.aborted) done();
		else signal?.addEventListener('abort', done);
	});
	await cluster.stop();
	// Only a kubeconfig we made up is ours to remove; one the user asked for stays.
	if (!flags.kubeconfigOut) await rm(dirname(path), {recursive: true, force: true});
	return 0;
}
