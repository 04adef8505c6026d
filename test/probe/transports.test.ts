import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {httpTransport} from '../../source/probe/http-transport.js';
import {serviceTransport} from '../../source/probe/service-transport.js';
import {waitFor} from './support/server.js';

let server: http.Server | undefined;
afterEach(async () => {
	server?.closeAllConnections();
	await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)));
	server = undefined;
});

async function serve(handler: http.RequestListener): Promise<string> {
	server = http.createServer(handler);
	await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/version?x=1`;
}

describe('httpTransport', () => {
	it('returns status, lower-case headers and body, on a fresh connection each time', async () => {
		const seen: Array<{url?: string; connection?: string; port?: number}> = [];
		const url = await serve((request, response) => {
			seen.push({url: request.url, connection: request.headers.connection, port: request.socket.remotePort});
			response.setHeader('X-Rollwatch-Version', 'v2');
			response.setHeader('Set-Cookie', ['a=1', 'b=2']);
			response.end('Version 2');
		});
		const transport = httpTransport(url);
		const first = await transport(new AbortController().signal);
		await transport(new AbortController().signal);
		expect(first).toMatchObject({status: 200, body: 'Version 2', headers: {'x-rollwatch-version': 'v2', 'set-cookie': 'a=1, b=2'}});
		expect(seen[0]!.url).toBe('/version?x=1');
		expect(seen[0]!.connection).toBe('close');
		expect(seen[1]!.port).not.toBe(seen[0]!.port);
	});

	it('reads only the start of a big body', async () => {
		const url = await serve((_request, response) => {
			response.write('v7 '.padEnd(1000, 'x'));
			response.end('y'.repeat(200_000));
		});
		const {body} = await httpTransport(url, {maxBodyBytes: 2048})(new AbortController().signal);
		expect(body.startsWith('v7 ')).toBe(true);
		expect(body.length).toBe(2048);
	});

	it('gives up on abort, before or during the answer, and the server sees the connection close', async () => {
		let arrived = 0;
		let closed = 0;
		const url = await serve((request, response) => {
			arrived++;
			response.write('partial');
			request.socket.on('close', () => closed++);
		});
		const transport = httpTransport(url);
		const controller = new AbortController();
		const pending = transport(controller.signal);
		await waitFor(() => arrived === 1, 'the request to arrive');
		controller.abort(new Error('stop'));
		await expect(pending).rejects.toThrowError('stop');
		await waitFor(() => closed === 1, 'the server to see the connection close');
		const aborted = AbortSignal.abort(new Error('early'));
		await expect(transport(aborted)).rejects.toThrowError('early');
	});
});

describe('serviceTransport', () => {
	it('hands the target, the deadline and the signal to the proxy call', async () => {
		const get = vi.fn(async () => ({status: 503, headers: {}, body: '{}', ms: 3}));
		const transport = serviceTransport(get, {namespace: 'shop', service: 'web', port: 'http', path: '/healthz', timeoutMs: 1000});
		const signal = new AbortController().signal;
		expect(await transport(signal)).toEqual({status: 503, headers: {}, body: '{}'});
		expect(get).toHaveBeenCalledWith({namespace: 'shop', service: 'web', port: 'http', path: '/healthz', timeoutMs: 1000, signal});
	});
});
