import {afterEach, describe, expect, it} from 'vitest';
import {checkAccess} from '../../source/cluster/access.js';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {serviceProxyGet} from '../../source/cluster/proxy.js';
import {sendJson, sendStatus, startFakeApi} from '../support/fake-api.js';
import type {FakeApi} from '../support/fake-api.js';

let api: FakeApi | undefined;

afterEach(async () => {
	await api?.close();
	api = undefined;
});

describe('checkAccess', () => {
	it('asks one SelfSubjectAccessReview per distinct verb/resource and maps the answers to actions', async () => {
		api = await startFakeApi((request, response) => {
			const review = JSON.parse(request.body) as {spec: {resourceAttributes: {subresource?: string}}};
			const scale = review.spec.resourceAttributes.subresource === 'scale';
			sendJson(response, 201, {...review, status: scale ? {allowed: false, reason: 'no RBAC rule for deployments/scale'} : {allowed: true}});
		});
		const access = await checkAccess({kc: demoKubeConfig(api.url, 't', 'shop').kc, namespace: 'shop'});
		expect(access.pause).toEqual({allowed: true});
		expect(access.undo).toEqual({allowed: true});
		expect(access.scale).toEqual({allowed: false, reason: 'no RBAC rule for deployments/scale'});
		expect(api.requests).toHaveLength(2);
		expect(api.requests[0]).toMatchObject({method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'});
		expect(api.requests.map((request) => JSON.parse(request.body).spec.resourceAttributes)).toEqual([
			{namespace: 'shop', verb: 'patch', group: 'apps', resource: 'deployments'},
			{namespace: 'shop', verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale'},
		]);
	});

	it('answers "unknown" when the review itself fails', async () => {
		api = await startFakeApi((_request, response) => sendStatus(response, 404, 'NotFound', 'the server could not find the requested resource'));
		const access = await checkAccess({kc: demoKubeConfig(api.url, 't', 'shop').kc, namespace: 'shop'});
		expect(access.restart).toEqual({allowed: 'unknown', reason: 'the server could not find the requested resource'});
	});
});

describe('serviceProxyGet', () => {
	it('GETs through the service proxy with the kubeconfig credentials', async () => {
		api = await startFakeApi((_request, response) => {
			response.writeHead(200, {'Content-Type': 'text/plain', 'X-Version': 'v2'});
			response.end('version: v2\n');
		});
		const result = await serviceProxyGet({kc: demoKubeConfig(api.url, 'proxy-token', 'shop').kc, namespace: 'shop', service: 'web', port: 'http', path: '/version?full=1', timeoutMs: 5000});
		expect(result).toMatchObject({status: 200, body: 'version: v2\n'});
		expect(result.headers['x-version']).toBe('v2');
		expect(api.requests[0]!.url).toBe('/api/v1/namespaces/shop/services/web:http/proxy/version?full=1');
		expect(api.requests[0]!.headers.authorization).toBe('Bearer proxy-token');
	});

	it('resolves with the status of a failing service and rejects on timeout', async () => {
		api = await startFakeApi((request, response) => {
			if (request.path.endsWith('/slow')) return; // never answers
			sendStatus(response, 503, 'ServiceUnavailable', 'no endpoints available for service "web"');
		});
		const {kc} = demoKubeConfig(api.url, 't', 'shop');
		expect((await serviceProxyGet({kc, namespace: 'shop', service: 'web', path: '/', timeoutMs: 5000})).status).toBe(503);
		await expect(serviceProxyGet({kc, namespace: 'shop', service: 'web', path: '/slow', timeoutMs: 50})).rejects.toMatchObject({name: 'TimeoutError'});
	});
});
