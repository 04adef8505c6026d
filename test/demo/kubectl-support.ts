// Run real kubectl 1.35 against a demo cluster: its own kubeconfig, HOME and cache dir (nothing read
// or written outside the temp dir), bounded by a timeout.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ensureKubectl} from '../support/kubectl.js';
import {type DemoCluster, type DemoClusterOptions, startDemoCluster} from '../../source/demo/cluster.js';

export type KubectlResult = {stdout: string; stderr: string; code: number | null};

export type Kubectl = {
	cluster: DemoCluster;
	run(args: string[], options?: {stdin?: string; timeoutMs?: number}): Promise<KubectlResult>;
	/** Start in the background; `stop()` sends SIGINT (like Ctrl-C) and resolves with the result. */
	background(args: string[]): {lines: string[]; done: Promise<KubectlResult>; stop(): Promise<KubectlResult>};
	close(): Promise<void>;
};

export async function startKubectl(options: DemoClusterOptions): Promise<Kubectl> {
	const binary = ensureKubectl();
	const cluster = await startDemoCluster(options);
	const home = mkdtempSync(join(tmpdir(), 'rollwatch-kubectl-'));
	const kubeconfig = await cluster.writeKubeconfig(join(home, 'config'));
	const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(home, 'cache'), TZ: 'UTC'};
	const launch = (args: string[], stdin?: string, timeoutMs = 30_000) => {
		const child = spawn(binary, args, {env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		const lines: string[] = [];
		let partial = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			partial += chunk.toString();
			const parts = partial.split('\n');
			partial = parts.pop()!;
			lines.push(...parts);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.stdin.end(stdin ?? '');
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const done = new Promise<KubectlResult>(resolve => {
			child.on('close', code => {
				clearTimeout(timer);
				resolve({stdout, stderr, code});
			});
		});
		return {child, lines, done};
	};
	return {
		cluster,
		run: (args, runOptions) => launch(args, runOptions?.stdin, runOptions?.timeoutMs).done,
		background(args) {
			const {child, lines, done} = launch(args, undefined, 60_000);
			return {
				lines,
				done,
				stop() {
					child.kill('SIGINT');
					return done;
				},
			};
		},
		async close() {
			await cluster.stop();
			rmSync(home, {recursive: true, force: true});
		},
	};
}

/** Collapse consecutive repeats, as the recordings' README summarises rollout status output. */
export function collapse(lines: string[]): string[] {
	const out: string[] = [];
	for (const line of lines) if (out.at(-1) !== line) out.push(line);
	return out;
}
