// Test helper: an API server over a fresh ObjectStore on a free loopback port, a kubeconfig for it in a
// temp dir, and a way to run real kubectl 1.35 against it.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import type {ApiServer, ApiServerOptions} from '../../source/demo/server.js';
import {startApiServer} from '../../source/demo/server.js';
import {ensureKubectl} from './kubectl.js';

export type KubectlResult = {code: number; stdout: string; stderr: string};

export type DemoServer = {
	server: ApiServer;
	store: ObjectStore;
	token: string;
	dir: string;
	kubeconfig: string;
	/** Runs kubectl with this kubeconfig; `stdin` is piped when given. Never throws on a non-zero exit. */
	kubectl(args: string[], options?: {stdin?: string; timeoutMs?: number; env?: Record<string, string>}): Promise<KubectlResult>;
	/** Plain HTTP with the bearer token. */
	request(path: string, init?: RequestInit): Promise<Response>;
	close(): Promise<void>;
};

export type DemoServerOptions = Partial<Omit<ApiServerOptions, 'store' | 'token'>> & {store?: ObjectStore; namespace?: string; token?: string};

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
	const store = options.store ?? new ObjectStore({clock: createClock(1)});
	const token = options.token ?? 'test-token';
	const server = await startApiServer({...options, store, token});
	const dir = mkdtempSync(join(tmpdir(), 'rollwatch-api-'));
	const kubeconfig = join(dir, 'kubeconfig');
	const namespace = options.namespace ?? 'default';
	writeFileSync(
		kubeconfig,
		[
			'apiVersion: v1',
			'kind: Config',
			'clusters:',
			`- name: demo\n  cluster:\n    server: ${server.url}`,
			'users:',
			`- name: demo\n  user:\n    token: ${token}`,
			'contexts:',
			`- name: demo\n  context:\n    cluster: demo\n    user: demo\n    namespace: ${namespace}`,
			'current-context: demo',
			'',
		].join('\n'),
	);
	const kubectlPath = ensureKubectl();
	return {
		server,
		store,
		token,
		dir,
		kubeconfig,
		kubectl(args, run = {}) {
			return new Promise(resolve => {
				const child = execFile(
					kubectlPath,
					['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
					{timeout: run.timeoutMs ?? 20_000, env: {PATH: process.env.PATH ?? '', HOME: dir, KUBECACHEDIR: join(dir, 'cache'), ...run.env}},
					(error, stdout, stderr) => {
						const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
						resolve({code, stdout, stderr});
					},
				);
				if (run.stdin !== undefined) child.stdin?.end(run.stdin);
				else child.stdin?.end();
			});
		},
		request(path, init = {}) {
			const headers = new Headers(init.headers);
			if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
			return fetch(`${server.url}${path}`, {...init, headers});
		},
		async close() {
			await server.close();
			store.clock.stopAll();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
