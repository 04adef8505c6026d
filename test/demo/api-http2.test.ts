// The demo API server speaks HTTP/2, as a real API server does (kubectl and undici pick it by ALPN and
// multiplex every list and watch over one connection), and HTTP/1.1 beside it (the other tests' client).
import {connect} from 'node:http2';
import type {ClientHttp2Session} from 'node:http2';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {seedDeployment, seedPod, seedReplicaSet} from './api-seed.js';

let demo: DemoServer;
let session: ClientHttp2Session;
beforeAll(async () => {
	demo = await startDemoServer();
	session = connect(demo.server.url, {ca: demo.server.ca});
	await new Promise<void>((resolve, reject) => {
		session.once('connect', () => resolve());
		session.once('error', reject);
	});
});
afterAll(async () => {
	session?.destroy();
	await demo?.close();
});

/** One request on the shared session; resolves with the status and the body's lines as they come. */
function get(path: string) {
	const stream = session.request({':path': path, authorization: `Bearer ${demo.token}`, accept: 'application/json'});
	stream.setEncoding('utf8');
	const lines: string[] = [];
	let buffer = '';
	const waiters = new Set<() => void>();
	stream.on('data', (chunk: string) => {
		buffer += chunk;
		const parts = buffer.split('\n');
		buffer = parts.pop()!;
		lines.push(...parts);
		for (const wake of waiters) wake();
	});
	const status = new Promise<number>(resolve => stream.once('response', headers => resolve(Number(headers[':status']))));
	const ended = new Promise<string>(resolve => stream.once('end', () => resolve(buffer)));
	const line = (index: number) => new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no line ${index} from ${path}`)), 10_000);
		const check = () => {
			if (lines.length <= index) return;
			clearTimeout(timer);
			waiters.delete(check);
			resolve(lines[index]!);
		};
		waiters.add(check);
		check();
	});
	return {status, ended, line, close: () => stream.close()};
}

describe('HTTP/2', () => {
	it('is what ALPN picks for a client that offers it', () => {
		expect(session.alpnProtocol).toBe('h2');
	});

	it('serves lists and several watches as streams of one connection', async () => {
		const deployment = seedDeployment(demo.store, 'h2', 'web');
		const rs = seedReplicaSet(demo.store, deployment, 1, 'web:1', 1);
		const list = get('/api/v1/namespaces/h2/pods');
		expect(await list.status).toBe(200);
		const {metadata} = JSON.parse(await list.ended) as {metadata: {resourceVersion: string}};

		const pods = get(`/api/v1/namespaces/h2/pods?watch=true&resourceVersion=${metadata.resourceVersion}`);
		const deployments = get('/apis/apps/v1/namespaces/h2/deployments?watch=true');
		expect(await pods.status).toBe(200);
		expect(await deployments.status).toBe(200);
		expect(JSON.parse(await deployments.line(0))).toMatchObject({type: 'ADDED', object: {metadata: {name: 'web'}}});

		const pod = seedPod(demo.store, rs, 'a1', 'Running');
		expect(JSON.parse(await pods.line(0))).toMatchObject({type: 'ADDED', object: {metadata: {name: pod.metadata.name}}});
		expect(demo.server.openWatches).toBe(2);
		pods.close();
		deployments.close();
	});

	it('still answers HTTP/1.1', async () => {
		expect((await demo.request('/version')).status).toBe(200);
	});
});
