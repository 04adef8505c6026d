// The bundle takes only the parts of undici it uses, and loads undici's HTTP/2 client, its fetch and
// client-node's SOCKS support only when a connection needs them (scripts/bundle-plugins.mjs). dist/cli.js
// must still reach an API server that speaks only HTTP/2, and one behind a `socks5://` proxy-url:
// `rollwatch status` gets as far as the server's answer (here a 404 for the Deployment, reported in one
// sentence), which it can only read over a working connection. And with a kubeconfig that names no CA (the
// server trusted through the system's certificates), requests go through undici's global dispatcher.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createSecureServer} from 'node:http2';
import type {Http2SecureServer} from 'node:http2';
import {connect, createServer} from 'node:net';
import type {AddressInfo, Server, Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createSelfSignedCertificate} from '../../source/demo/api/certificate.js';
import {startDemoCluster} from '../../source/demo/cluster.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');

let dir: string;
let api: Http2SecureServer;
let apiPort: number;
let ca: string;
/** HTTP versions of the requests the API server answered, in order. */
const versions: string[] = [];

beforeAll(async () => {
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
	dir = mkdtempSync(join(tmpdir(), 'rollwatch-transports-'));
	const certificate = createSelfSignedCertificate();
	ca = certificate.cert;
	// HTTP/2 when the client offers it (ALPN), HTTP/1.1 otherwise (the SOCKS tunnel's TLS offers nothing).
	api = createSecureServer({cert: certificate.cert, key: certificate.key, allowHTTP1: true}, (request, response) => {
		versions.push(request.httpVersion);
		response.writeHead(404, {'content-type': 'application/json'});
		response.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'deployments.apps "web" not found', details: {name: 'web', group: 'apps', kind: 'deployments'}}));
	});
	await new Promise<void>(resolve => api.listen(0, '127.0.0.1', resolve));
	apiPort = (api.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise(resolve => api?.close(resolve));
	if (dir) rmSync(dir, {recursive: true, force: true});
});

function kubeconfig(name: string, proxyUrl?: string): string {
	const file = join(dir, name);
	writeFileSync(file, [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		'- name: c',
		'  cluster:',
		`    server: https://127.0.0.1:${apiPort}`,
		`    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
		...(proxyUrl ? [`    proxy-url: ${proxyUrl}`] : []),
		'users:',
		'- name: u',
		'  user:',
		'    token: t',
		'contexts:',
		'- name: x',
		'  context:',
		'    cluster: c',
		'    user: u',
		'    namespace: default',
		'current-context: x',
		'',
	].join('\n'));
	return file;
}

type Run = {code: number; stdout: string; stderr: string};
const status = (config: string, target = 'deploy/web', env: Record<string, string> = {}) => new Promise<Run>(resolve => {
	execFile(process.execPath, [cli, 'status', target, '--timeout', '30s', '--kubeconfig', config], {env: {...process.env, NO_COLOR: '1', ...env}, timeout: 60_000}, (error, stdout, stderr) => {
		resolve({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr});
	});
});

/** A SOCKS5 proxy (no authentication, CONNECT only) on loopback; counts the tunnels it opened. */
async function startSocks5(): Promise<{url: string; tunnels: () => number; close(): Promise<void>}> {
	let tunnels = 0;
	const sockets = new Set<Socket>();
	const server: Server = createServer(client => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.once('data', greeting => {
			if (greeting[0] !== 5) return client.destroy();
			client.write(Buffer.from([5, 0]));
			client.once('data', request => {
				// VER CMD RSV ATYP DST.ADDR DST.PORT; IPv4 (1) or a domain name (3).
				const [version, command, , type] = request;
				if (version !== 5 || command !== 1) return client.destroy();
				const host = type === 1 ? [...request.subarray(4, 8)].join('.') : request.subarray(5, 5 + request[4]!).toString();
				const port = request.readUInt16BE(request.length - 2);
				const upstream = connect(port, host, () => {
					tunnels++;
					client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
					client.pipe(upstream).pipe(client);
				});
				sockets.add(upstream);
				upstream.on('close', () => sockets.delete(upstream));
				upstream.on('error', () => client.destroy());
				client.on('error', () => upstream.destroy());
			});
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `socks5://127.0.0.1:${(server.address() as AddressInfo).port}`,
		tunnels: () => tunnels,
		close: () => new Promise(resolve => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		}),
	};
}

describe('connections the bundle sets up on demand', () => {
	it('reaches an API server over HTTP/2', async () => {
		versions.length = 0;
		const result = await status(kubeconfig('h2'));
		expect(result.stderr).toMatch(/^rollwatch: deployment "web" not found in namespace "default"$/m);
		expect(result.code).not.toBe(0);
		expect(versions.length).toBeGreaterThan(0);
		expect(versions.every(version => version === '2.0')).toBe(true);
	});

	it('reaches an API server through a socks5:// proxy-url', async () => {
		const socks = await startSocks5();
		try {
			versions.length = 0;
			const result = await status(kubeconfig('socks', socks.url));
			expect(result.stderr).toMatch(/^rollwatch: deployment "web" not found in namespace "default"$/m);
			expect(result.code).not.toBe(0);
			expect(socks.tunnels()).toBeGreaterThan(0);
			expect(versions.length).toBeGreaterThan(0);
		} finally {
			await socks.close();
		}
	});

	it('reaches an API server trusted through the system\'s certificates (undici\'s global dispatcher)', async () => {
		const cluster = await startDemoCluster({scenario: 'rolling', speed: 20});
		try {
			// The kubeconfig names no CA: client-node leaves the dispatcher to undici; Node trusts the demo's
			// certificate through NODE_EXTRA_CA_CERTS, as it would a company CA installed on the machine.
			const caFile = join(dir, 'extra-ca.pem');
			writeFileSync(caFile, cluster.server.ca);
			const config = join(dir, 'system-ca');
			writeFileSync(config, cluster.kubeconfig().split('\n').filter(line => !line.includes('certificate-authority-data')).join('\n'));
			await cluster.settled();
			const result = await status(config, 'deploy/app-rolling', {NODE_EXTRA_CA_CERTS: caFile});
			expect(result.stderr).toBe('');
			expect(result.stdout.trim().split('\n').at(-1)).toBe('deployment "app-rolling" successfully rolled out');
			expect(result.code).toBe(0);
			// Without the extra CA the same kubeconfig is refused: the dispatcher really is the system's trust.
			const refused = await status(config, 'deploy/app-rolling');
			expect(refused.code).not.toBe(0);
		} finally {
			await cluster.stop();
		}
	});
});
