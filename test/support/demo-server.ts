// Test helper: an API server over a fresh ObjectStore on a free loopback port, a kubeconfig for it in a
// temp dir, real kubectl 1.35 against it, and plain HTTPS requests / watch streams that trust its CA.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {request as httpsRequest} from 'node:https';
import type {IncomingMessage} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import type {ApiServer, ApiServerOptions} from '../../source/demo/server.js';
import {renderKubeconfig, startApiServer} from '../../source/demo/server.js';
import {ensureKubectl} from './kubectl.js';

export type KubectlResult = {code: number; stdout: string; stderr: string};
export type HttpResult = {status: number; headers: IncomingMessage['headers']; text: string; json<T = Record<string, unknown>>(): T};
export type RequestOptions = {method?: string; headers?: Record<string, string>; body?: unknown; token?: string | null};

/** An open watch: events as they arrive; `next` waits (bounded) for the next one, `undefined` when the stream ended. */
export type WatchStream = {status: number; events: unknown[]; next<T = {type: string; object: Record<string, unknown>}>(timeoutMs?: number): Promise<T | undefined>; ended(): boolean; close(): void};

export type DemoServer = {
	server: ApiServer;
	store: ObjectStore;
	token: string;
	dir: string;
	kubeconfig: string;
	/** Runs kubectl with this kubeconfig; `stdin` is piped when given. Never throws on a non-zero exit. */
	kubectl(args: string[], options?: {stdin?: string; timeoutMs?: number; env?: Record<string, string>}): Promise<KubectlResult>;
	request(path: string, options?: RequestOptions): Promise<HttpResult>;
	watch(path: string, options?: RequestOptions): Promise<WatchStream>;
	close(): Promise<void>;
};

export type DemoServerOptions = Partial<Omit<ApiServerOptions, 'store' | 'token'>> & {store?: ObjectStore; namespace?: string; token?: string; speed?: number};

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
	const store = options.store ?? new ObjectStore({clock: createClock(options.speed ?? 1)});
	const token = options.token ?? 'test-token';
	const server = await startApiServer({...options, store, token});
	const dir = mkdtempSync(join(tmpdir(), 'rollwatch-api-'));
	const kubeconfig = join(dir, 'kubeconfig');
	writeFileSync(kubeconfig, renderKubeconfig(server, token, {namespace: options.namespace ?? 'default'}));
	const kubectlPath = ensureKubectl();
	const open = new Set<() => void>();

	const send = (path: string, init: RequestOptions) =>
		new Promise<IncomingMessage>((resolve, reject) => {
			const headers: Record<string, string> = {...init.headers};
			const auth = init.token === undefined ? token : init.token;
			if (auth !== null) headers.authorization = `Bearer ${auth}`;
			let body: string | undefined;
			if (init.body !== undefined) {
				body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
				headers['content-type'] ??= 'application/json';
				// Node sends DELETE bodies without a length unless told; kubectl always sends one.
				headers['content-length'] = String(Buffer.byteLength(body));
			}
			// A fresh connection per request: no pooled socket can outlive a server restart.
			const req = httpsRequest(`${server.url}${path}`, {method: init.method ?? 'GET', headers, ca: server.ca, agent: false}, resolve);
			req.on('error', reject);
			req.end(body);
		});

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
				child.stdin?.end(run.stdin ?? '');
			});
		},
		async request(path, init = {}) {
			const res = await send(path, init);
			const chunks: Buffer[] = [];
			for await (const chunk of res) chunks.push(chunk as Buffer);
			const text = Buffer.concat(chunks).toString('utf8');
			return {status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T};
		},
		async watch(path, init = {}) {
			const res = await send(path, init);
			const events: unknown[] = [];
			const waiters: Array<() => void> = [];
			let buffer = '';
			let done = false;
			let read = 0;
			const wake = () => waiters.splice(0).forEach(w => w());
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				let newline;
				while ((newline = buffer.indexOf('\n')) >= 0) {
					const line = buffer.slice(0, newline);
					buffer = buffer.slice(newline + 1);
					if (line.trim()) {
						try {
							events.push(JSON.parse(line));
						} catch {
							events.push({type: 'MALFORMED', line});
						}
					}
				}
				wake();
			});
			const finish = () => {
				done = true;
				wake();
			};
			res.on('end', finish);
			res.on('close', finish);
			res.on('error', finish);
			const close = () => res.destroy();
			open.add(close);
			return {
				status: res.statusCode ?? 0,
				events,
				ended: () => done,
				close,
				async next<T>(timeoutMs = 5000): Promise<T | undefined> {
					const deadline = Date.now() + timeoutMs;
					while (read >= events.length && !done) {
						const left = deadline - Date.now();
						if (left <= 0) throw new Error(`no watch event within ${timeoutMs} ms (got ${events.length})`);
						await new Promise<void>(resolve => {
							const timer = setTimeout(resolve, left);
							waiters.push(() => {
								clearTimeout(timer);
								resolve();
							});
						});
					}
					return read < events.length ? (events[read++] as T) : undefined;
				},
			};
		},
		async close() {
			for (const close of open) close();
			await server.close();
			store.clock.stopAll();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
