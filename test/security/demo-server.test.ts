// The embedded demo cluster is reachable from this machine only, and only with its token.
import {Agent, fetch} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {startDemoCluster, type DemoCluster} from '../../source/demo/cluster.js';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import {startApiServer} from '../../source/demo/server.js';

let cluster: DemoCluster | undefined;
afterEach(async () => {
	await cluster?.stop();
	cluster = undefined;
});

async function get(path: string, headers: Record<string, string> = {}) {
	const dispatcher = new Agent({connect: {ca: cluster!.server.ca}});
	try {
		const response = await fetch(`${cluster!.url}${path}`, {headers, dispatcher});
		return {status: response.status, body: await response.text()};
	} finally {
		await dispatcher.close();
	}
}

const PATHS = ['/api', '/apis', '/version', '/api/v1/namespaces', '/apis/apps/v1/namespaces/default/deployments', '/api/v1/namespaces/default/pods?watch=true', '/api/v1/namespaces/default/services/web/proxy/'];

describe('demo API server: loopback only', () => {
	it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', ''])('refuses to listen on %j', async host => {
		const store = new ObjectStore({clock: createClock(1)});
		await expect(startApiServer({store, token: 't', host})).rejects.toThrow(/only listens on loopback/);
		await expect(startDemoCluster({host})).rejects.toThrow(/only listens on loopback/);
	});

	it('listens on 127.0.0.1 by default, over TLS', async () => {
		cluster = await startDemoCluster({});
		expect(cluster.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect((await get('/healthz')).status).toBe(200);
	});
});

describe('demo API server: the token is required', () => {
	it('answers 401 without a token, with a wrong one, or with another scheme; 200 with it', async () => {
		cluster = await startDemoCluster({token: 'the-right-token-0123456789'});
		for (const path of PATHS) {
			for (const headers of [{} as Record<string, string>, {authorization: 'Bearer wrong-token'}, {authorization: 'Bearer the-right-token-012345678'}, {authorization: 'Basic dGhlLXJpZ2h0LXRva2VuLTAxMjM0NTY3ODk='}, {authorization: 'the-right-token-0123456789'}]) {
				const response = await get(path, headers);
				expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
				expect(response.body).toContain('"reason":"Unauthorized"');
				expect(response.body).not.toContain('the-right-token');
				expect(response.body).not.toContain('wrong-token');
			}
		}
		expect((await get('/api/v1/namespaces', {authorization: 'Bearer the-right-token-0123456789'})).status).toBe(200);
	});

	it('generates a long random token when none is given, different per cluster', async () => {
		cluster = await startDemoCluster({});
		const first = cluster.token;
		await cluster.stop();
		cluster = await startDemoCluster({});
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(cluster.token).not.toBe(first);
	});

	it('writes its kubeconfig readable by the owner only', async () => {
		cluster = await startDemoCluster({});
		const {statSync, rmSync} = await import('node:fs');
		const path = await cluster.writeKubeconfig();
		try {
			expect(statSync(path).mode & 0o077).toBe(0);
		} finally {
			rmSync(path, {force: true});
		}
	});
});
