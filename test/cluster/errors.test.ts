import {readFileSync} from 'node:fs';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {KubeConfig} from '@kubernetes/client-node';
import {afterEach, describe, expect, it} from 'vitest';
import {EXIT_CODES, describeApiError, exitCodeFor, redact, toUserError} from '../../source/cluster/errors.js';
import {kubeJson} from '../../source/cluster/http.js';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {sendStatus, startFakeApi} from '../support/fake-api.js';
import type {FakeApi} from '../support/fake-api.js';

const tls = resolve(fileURLToPath(import.meta.url), '../../fixtures/tls');
const TOKEN = 'sekret-token-0123456789';
let api: FakeApi | undefined;

afterEach(async () => {
	await api?.close();
	api = undefined;
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the request to fail');
}

function tlsKubeConfig(server: string, caData?: string): KubeConfig {
	const kc = new KubeConfig();
	kc.loadFromOptions({
		clusters: [{name: 'c', server, caData, skipTLSVerify: false}],
		users: [{name: 'u', token: TOKEN}],
		contexts: [{name: 'x', cluster: 'c', user: 'u'}],
		currentContext: 'x',
	});
	return kc;
}

describe('describeApiError', () => {
	it('says the cluster cannot be reached when the connection is refused', async () => {
		api = await startFakeApi(() => undefined);
		const url = api.url;
		await api.close();
		api = undefined;
		const {kc} = demoKubeConfig(url, TOKEN, 'shop');
		const error = await failureOf(kubeJson(kc, {path: '/version'}));
		expect(describeApiError(error, {kc})).toBe(`cannot reach the cluster at ${url}: connection refused`);
		expect(exitCodeFor(error)).toBe(EXIT_CODES.unreachable);
	});

	it('explains 401, 403 and a missing deployment in one sentence each', async () => {
		api = await startFakeApi((request, response) => {
			if (request.path === '/unauthorized') sendStatus(response, 401, 'Unauthorized', 'Unauthorized');
			else if (request.path === '/forbidden') {
				sendStatus(response, 403, 'Forbidden', 'deployments.apps "web" is forbidden: User "dev" cannot patch resource "deployments" in API group "apps" in the namespace "shop"');
			} else sendStatus(response, 404, 'NotFound', 'deployments.apps "web" not found');
		});
		const {kc} = demoKubeConfig(api.url, TOKEN, 'shop');
		const unauthorized = await failureOf(kubeJson(kc, {path: '/unauthorized'}));
		expect(describeApiError(unauthorized, {kc})).toBe('the server rejected our credentials (401 Unauthorized)');
		expect(exitCodeFor(unauthorized)).toBe(EXIT_CODES.forbidden);
		const forbidden = await failureOf(kubeJson(kc, {path: '/forbidden'}));
		expect(describeApiError(forbidden, {kc})).toBe('deployments.apps "web" is forbidden: User "dev" cannot patch resource "deployments" in API group "apps" in the namespace "shop"');
		const missing = await failureOf(kubeJson(kc, {path: '/apis/apps/v1/namespaces/shop/deployments/web'}));
		expect(describeApiError(missing, {kc, resource: 'deployments', name: 'web', namespace: 'shop'})).toBe('deployment "web" not found in namespace "shop"');
		expect(exitCodeFor(missing)).toBe(EXIT_CODES.notFound);
		// The token went out in the header, and never comes back in a message.
		expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('names TLS failures: untrusted self-signed certificate and host name mismatch', async () => {
		const cert = readFileSync(resolve(tls, 'localhost.crt'), 'utf8');
		const server = createHttpsServer({cert, key: readFileSync(resolve(tls, 'localhost.key'))}, (_request, response) => response.end('{}'));
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		try {
			const {port} = server.address() as AddressInfo;
			const untrusted = tlsKubeConfig(`https://127.0.0.1:${port}`);
			expect(describeApiError(await failureOf(kubeJson(untrusted, {path: '/version'})), {kc: untrusted})).toBe(
				`cannot verify the cluster at https://127.0.0.1:${port}: its certificate is self-signed and not trusted by the kubeconfig`,
			);
			// Trusted CA, but the certificate names "localhost" and we dialled 127.0.0.1.
			const mismatch = tlsKubeConfig(`https://127.0.0.1:${port}`, Buffer.from(cert).toString('base64'));
			expect(describeApiError(await failureOf(kubeJson(mismatch, {path: '/version'})), {kc: mismatch})).toBe(
				`cannot verify the cluster at https://127.0.0.1:${port}: its certificate is not valid for this host name`,
			);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
		}
	});

	it('reports timeouts as timeouts', () => {
		const {kc} = demoKubeConfig('http://127.0.0.1:9', TOKEN, 'shop');
		const error = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
		expect(describeApiError(error, {kc})).toBe('timed out talking to the cluster at http://127.0.0.1:9');
	});
});

describe('redact', () => {
	it('removes the kubeconfig secrets and anything shaped like a credential', () => {
		const {kc} = demoKubeConfig('http://127.0.0.1:9', TOKEN, 'shop');
		expect(redact(`exec said ${TOKEN}!`, kc)).toBe('exec said [redacted]!');
		expect(redact('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [redacted]');
		const wrapped = toUserError(new Error(`plugin failed with ${TOKEN}`), {kc});
		expect(wrapped.message).not.toContain(TOKEN);
		expect(wrapped.exitCode).toBe(EXIT_CODES.unreachable);
	});
});
