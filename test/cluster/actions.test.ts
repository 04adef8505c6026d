// Each action against a recording fake API server: verb, path, query, Content-Type and body must be
// what kubectl sends (reference C.2–C.7).
import {afterEach, describe, expect, it} from 'vitest';
import {rfc3339Local} from '../../source/cluster/action-patches.js';
import {createActions} from '../../source/cluster/actions.js';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {sendJson, sendStatus, startFakeApi} from '../support/fake-api.js';
import type {FakeApi, RecordedRequest} from '../support/fake-api.js';

const DEPLOY = '/apis/apps/v1/namespaces/shop/deployments/web';
let api: FakeApi | undefined;

afterEach(async () => {
	await api?.close();
	api = undefined;
});

const template = (image: string, hash?: string) => ({
	metadata: {labels: {app: 'web', ...(hash ? {'pod-template-hash': hash} : {})}},
	spec: {containers: [{name: 'app', image}, {name: 'sidecar', image: 'envoy:1'}]},
});

function deployment(overrides: Partial<Deployment['spec']> = {}): Deployment {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'web',
			namespace: 'shop',
			uid: 'dep-uid',
			resourceVersion: '10',
			annotations: {'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'set v2', team: 'a'},
		},
		spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, template: template('web:v2'), ...overrides},
	};
}

const replicaSet = (revision: string, image: string, hash: string, cause: string): ReplicaSet => ({
	apiVersion: 'apps/v1',
	kind: 'ReplicaSet',
	metadata: {
		name: `web-${hash}`,
		namespace: 'shop',
		uid: `rs-${hash}`,
		annotations: {'deployment.kubernetes.io/revision': revision, 'kubernetes.io/change-cause': cause},
		ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true}],
	},
	spec: {replicas: 0, selector: {matchLabels: {app: 'web'}}, template: template(image, hash)},
});

async function serve(object: Deployment = deployment()) {
	api = await startFakeApi((request, response) => {
		if (request.method === 'GET' && request.path === DEPLOY) return sendJson(response, 200, object);
		if (request.method === 'GET' && request.path === '/apis/apps/v1/namespaces/shop/replicasets') {
			return sendJson(response, 200, {kind: 'ReplicaSetList', apiVersion: 'apps/v1', metadata: {resourceVersion: '11'}, items: [replicaSet('1', 'web:v1', 'aaa', 'create v1'), replicaSet('2', 'web:v2', 'bbb', 'set v2')]});
		}
		if (request.method === 'PATCH') return sendJson(response, 200, object);
		sendStatus(response, 404, 'NotFound', 'not found');
	});
	return createActions({kc: demoKubeConfig(api.url, 'token', 'shop').kc, namespace: 'shop', readOnly: false, now: () => new Date(Date.UTC(2026, 7, 20, 10, 0, 0))});
}

const patches = () => api!.requests.filter((request) => request.method === 'PATCH');
const describeRequest = (request: RecordedRequest) => ({method: request.method, url: request.url, contentType: request.headers['content-type'], body: request.body});

describe('createActions', () => {
	it('pause: SMP {"spec":{"paused":true}} with fieldManager=kubectl-rollout', async () => {
		const actions = await serve();
		expect(await actions.pause('web')).toEqual({ok: true, message: 'deployment.apps/web paused'});
		expect(api!.requests[0]).toMatchObject({method: 'GET', url: DEPLOY});
		expect(patches().map(describeRequest)).toEqual([
			{method: 'PATCH', url: `${DEPLOY}?fieldManager=kubectl-rollout`, contentType: 'application/strategic-merge-patch+json', body: '{"spec":{"paused":true}}'},
		]);
	});

	it('resume: SMP {"spec":{"paused":null}}', async () => {
		const actions = await serve(deployment({paused: true}));
		expect(await actions.resume('web')).toEqual({ok: true, message: 'deployment.apps/web resumed'});
		expect(patches().map(describeRequest)).toEqual([
			{method: 'PATCH', url: `${DEPLOY}?fieldManager=kubectl-rollout`, contentType: 'application/strategic-merge-patch+json', body: '{"spec":{"paused":null}}'},
		]);
	});

	it('refuses pause/resume in the wrong state as kubectl does, without a PATCH', async () => {
		const paused = await serve(deployment({paused: true}));
		expect(await paused.pause('web')).toEqual({ok: false, message: 'deployments.apps "web" is already paused'});
		expect(await paused.restart('web')).toEqual({ok: false, message: 'deployments.apps "web" can\'t restart paused deployment (run rollout resume first)'});
		expect(await paused.undo('web')).toEqual({ok: false, message: 'you cannot rollback a paused deployment; resume it first with \'kubectl rollout resume\' and try again'});
		await api!.close();
		const running = await serve();
		expect(await running.resume('web')).toEqual({ok: false, message: 'deployments.apps "web" is not paused'});
		expect(patches()).toEqual([]);
	});

	it('restart: SMP of the restartedAt annotation in local RFC 3339', async () => {
		const actions = await serve();
		expect(await actions.restart('web')).toEqual({ok: true, message: 'deployment.apps/web restarted'});
		const stamp = rfc3339Local(new Date(Date.UTC(2026, 7, 20, 10, 0, 0)));
		expect(stamp).toMatch(/^2026-08-2\dT\d\d:00:00(Z|[+-]\d\d:\d\d)$/);
		expect(patches().map(describeRequest)).toEqual([
			{
				method: 'PATCH',
				url: `${DEPLOY}?fieldManager=kubectl-rollout`,
				contentType: 'application/strategic-merge-patch+json',
				body: `{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"${stamp}"}}}}}`,
			},
		]);
	});

	it('scale: merge patch of /scale without fieldManager', async () => {
		const actions = await serve();
		expect(await actions.scale('web', 5)).toEqual({ok: true, message: 'deployment.apps/web scaled'});
		expect(patches().map(describeRequest)).toEqual([{method: 'PATCH', url: `${DEPLOY}/scale`, contentType: 'application/merge-patch+json', body: '{"spec":{"replicas":5}}'}]);
	});

	it('undo: lists ReplicaSets by selector, then a JSON Patch of template and annotations', async () => {
		const actions = await serve();
		expect(await actions.undo('web')).toEqual({ok: true, message: 'deployment.apps/web rolled back'});
		expect(api!.requests[1]!.url).toBe('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dweb');
		const [request] = patches();
		expect(request!.url).toBe(DEPLOY);
		expect(request!.headers['content-type']).toBe('application/json-patch+json');
		expect(JSON.parse(request!.body)).toEqual([
			{op: 'replace', path: '/spec/template', value: template('web:v1')},
			{op: 'replace', path: '/metadata/annotations', value: {'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'create v1'}},
		]);
	});

	it('undo to a missing revision says so and sends nothing', async () => {
		const actions = await serve();
		expect(await actions.undo('web', 7)).toEqual({ok: false, message: 'unable to find specified revision 7 in history'});
		expect(patches()).toEqual([]);
	});

	it('set image: SMP with $setElementOrder and the change-cause in the same patch, fieldManager=kubectl-set', async () => {
		const actions = await serve();
		expect(await actions.setImage('web', {app: 'web:v3'}, {changeCause: 'kubectl set image deployment/web app=web:v3 --record=true'})).toEqual({
			ok: true,
			message: 'deployment.apps/web image updated',
		});
		expect(patches().map(describeRequest)).toEqual([
			{
				method: 'PATCH',
				url: `${DEPLOY}?fieldManager=kubectl-set`,
				contentType: 'application/strategic-merge-patch+json',
				body:
					'{"metadata":{"annotations":{"kubernetes.io/change-cause":"kubectl set image deployment/web app=web:v3 --record=true"}},' +
					'"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"image":"web:v3","name":"app"}]}}}}',
			},
		]);
		expect(await actions.setImage('web', {nope: 'x:1'})).toEqual({ok: false, message: 'unable to find container named "nope"'});
	});

	it('read-only mode refuses every action without sending a request', async () => {
		api = await startFakeApi((_request, response) => sendJson(response, 200, deployment()));
		const actions = createActions({kc: demoKubeConfig(api.url, 'token', 'shop').kc, namespace: 'shop', readOnly: true});
		const results = await Promise.all([actions.pause('web'), actions.resume('web'), actions.restart('web'), actions.undo('web'), actions.scale('web', 2), actions.setImage('web', {app: 'x'})]);
		for (const result of results) {
			expect(result.ok).toBe(false);
			expect(result.message).toMatch(/^read-only mode: /);
		}
		expect(api.requests).toEqual([]);
	});

	it('reports API errors in one line', async () => {
		api = await startFakeApi((request, response) => {
			if (request.method === 'GET') return sendStatus(response, 404, 'NotFound', 'deployments.apps "web" not found');
		});
		const actions = createActions({kc: demoKubeConfig(api.url, 'token', 'shop').kc, namespace: 'shop', readOnly: false});
		expect(await actions.pause('web')).toEqual({ok: false, message: 'deployment "web" not found in namespace "shop"'});
	});
});
