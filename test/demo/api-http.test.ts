// The demo API server over plain HTTPS: discovery, auth, negotiation, writes, subresources, delete, proxy, faults.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import {startApiServer} from '../../source/demo/server.js';
import type {ProxyRequest} from '../../source/demo/server.js';
import type {Deployment, KubeEvent, Pod, ReplicaSet} from '../../source/k8s/types.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {ensureNamespace, seedDeployment, seedPod, seedReplicaSet} from './api-seed.js';

type Json = Record<string, unknown>;
let demo: DemoServer;
const proxied: ProxyRequest[] = [];
beforeAll(async () => {
	demo = await startDemoServer({
		proxy(request) {
			proxied.push(request);
			return request.service === 'web' ? {status: 200, headers: {'X-Version': 'v2'}, body: `hello from ${request.path}`} : {status: 503, body: `no endpoints available for service "${request.service}"`};
		},
	});
});
afterAll(async () => {
	await demo?.close();
});

const deploymentBody = (name: string, extra: Json = {}) => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name},
	spec: {selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: `${name}:1`}]}}, ...extra},
});

describe('discovery', () => {
	it('serves version, legacy group lists and resource lists with short names, categories and the Scale subresource', async () => {
		expect((await demo.request('/version')).json()).toMatchObject({major: '1', minor: '35', gitVersion: 'v1.35.0'});
		expect((await demo.request('/api')).json()).toMatchObject({kind: 'APIVersions', versions: ['v1']});
		const groups = (await demo.request('/apis')).json<{groups: Array<{name: string}>}>().groups.map(g => g.name);
		expect(groups).toEqual(['apps', 'autoscaling', 'discovery.k8s.io', 'events.k8s.io', 'authorization.k8s.io']);
		const core = (await demo.request('/api/v1')).json<{resources: Array<Json>}>().resources;
		const short = Object.fromEntries(core.filter(r => r.shortNames).map(r => [r.name, r.shortNames]));
		expect(short).toEqual({namespaces: ['ns'], pods: ['po'], services: ['svc'], endpoints: ['ep'], events: ['ev'], nodes: ['no']});
		expect(core.find(r => r.name === 'pods')).toMatchObject({singularName: 'pod', namespaced: true, kind: 'Pod', categories: ['all']});
		const apps = (await demo.request('/apis/apps/v1')).json<{resources: Array<Json>}>().resources;
		expect(apps.find(r => r.name === 'deployments/scale')).toEqual({name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update']});
		expect(apps.find(r => r.name === 'replicasets')).toMatchObject({shortNames: ['rs'], categories: ['all']});
		expect((await demo.request('/apis/discovery.k8s.io/v1')).json<{resources: Array<Json>}>().resources[0]).toMatchObject({name: 'endpointslices', kind: 'EndpointSlice'});
		expect((await demo.request('/apis/autoscaling/v1')).json<{resources: Array<Json>}>().resources.map(r => r.name)).toEqual(['horizontalpodautoscalers']);
		expect((await demo.request('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers')).json()).toMatchObject({kind: 'HorizontalPodAutoscalerList', items: []});
		expect((await demo.request('/apis/nope/v1')).status).toBe(404);
	});

	it('declares fieldValidation on each kind’s PATCH in OpenAPI v3', async () => {
		const root = (await demo.request('/openapi/v3')).json<{paths: Record<string, {serverRelativeURL: string}>}>();
		const apps = (await demo.request(root.paths['apis/apps/v1']!.serverRelativeURL)).json<{paths: Record<string, {patch: {parameters: Array<{name: string}>; 'x-kubernetes-group-version-kind': Json}}>}>();
		const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch;
		expect(patch['x-kubernetes-group-version-kind']).toEqual({group: 'apps', version: 'v1', kind: 'Deployment'});
		expect(patch.parameters.map(p => p.name)).toContain('fieldValidation');
	});

	it('allows everything in a SelfSubjectAccessReview', async () => {
		const review = await demo.request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {method: 'POST', body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: {verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'prod'}}}});
		expect(review.status).toBe(201);
		expect(review.json()).toMatchObject({kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: {verb: 'patch'}}, status: {allowed: true}});
	});
});

describe('auth and negotiation', () => {
	it('answers health probes without a token and everything else with 401 Status', async () => {
		for (const path of ['/healthz', '/livez', '/readyz']) expect(await demo.request(path, {token: null})).toMatchObject({status: 200, text: 'ok'});
		const denied = await demo.request('/api/v1/pods', {token: null});
		expect(denied.status).toBe(401);
		expect(denied.json()).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
		expect((await demo.request('/api/v1/pods', {token: 'wrong'})).status).toBe(401);
	});

	it('serves JSON to a protobuf-first client, 406 when nothing acceptable remains', async () => {
		const typed = await demo.request('/api/v1/namespaces', {headers: {accept: 'application/vnd.kubernetes.protobuf,application/json'}});
		expect(typed.status).toBe(200);
		expect(typed.headers['content-type']).toBe('application/json');
		expect(typed.json()).toMatchObject({kind: 'NamespaceList', apiVersion: 'v1'});
		expect(typed.json<{items: Array<{metadata: {name: string}}>}>().items.map(n => n.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
		const protobufOnly = await demo.request('/api/v1/namespaces', {headers: {accept: 'application/vnd.kubernetes.protobuf'}});
		expect(protobufOnly.status).toBe(406);
		expect(protobufOnly.json()).toMatchObject({reason: 'NotAcceptable', code: 406});
	});

	it('answers a CBOR body with 415 and a protobuf body it cannot read with 400, storing nothing', async () => {
		const before = demo.store.resourceVersion;
		const cbor = await demo.request('/api/v1/namespaces', {method: 'POST', headers: {'content-type': 'application/cbor'}, body: '\u00a0'});
		expect(cbor.status).toBe(415);
		expect(cbor.json()).toMatchObject({reason: 'UnsupportedMediaType'});
		const protobuf = await demo.request('/api/v1/namespaces', {method: 'POST', headers: {'content-type': 'application/vnd.kubernetes.protobuf'}, body: 'k8s\u0000\u0012\u0005'});
		expect(protobuf.status).toBe(400);
		expect(demo.store.resourceVersion).toBe(before);
	});

	it('refuses to listen anywhere but loopback', async () => {
		await expect(startApiServer({store: new ObjectStore({clock: createClock(1)}), token: 't', host: '0.0.0.0'})).rejects.toThrow(/loopback/);
	});
});

describe('writes', () => {
	it('creates with generateName, defaults and generation 1; list items carry no kind', async () => {
		ensureNamespace(demo.store, 'w');
		const created = await demo.request('/apis/apps/v1/namespaces/w/deployments', {method: 'POST', body: {...deploymentBody(''), metadata: {generateName: 'gen-'}}});
		expect(created.status).toBe(201);
		const object = created.json<Deployment>();
		expect(object.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
		expect(object).toMatchObject({kind: 'Deployment', metadata: {generation: 1, namespace: 'w'}, spec: {replicas: 1, strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}}}, status: {}});
		const list = (await demo.request('/apis/apps/v1/namespaces/w/deployments')).json<{kind: string; items: Json[]}>();
		expect(list.kind).toBe('DeploymentList');
		expect(list.items[0]).not.toHaveProperty('kind');
	});

	it('answers malformed JSON with 400, apply-patch with 415, a stale update with 409, and changes nothing', async () => {
		ensureNamespace(demo.store, 'w');
		const before = demo.store.resourceVersion;
		const malformed = await demo.request('/apis/apps/v1/namespaces/w/deployments', {method: 'POST', body: '{"metadata": '});
		expect(malformed.status).toBe(400);
		expect(malformed.json()).toMatchObject({reason: 'BadRequest', code: 400});
		const seeded = seedDeployment(demo.store, 'w', 'web');
		const after = demo.store.resourceVersion;
		const ssa = await demo.request('/apis/apps/v1/namespaces/w/deployments/web', {method: 'PATCH', headers: {'content-type': 'application/apply-patch+yaml'}, body: 'spec: {}'});
		expect(ssa.status).toBe(415);
		expect(ssa.json()).toMatchObject({reason: 'UnsupportedMediaType'});
		const stale = await demo.request('/apis/apps/v1/namespaces/w/deployments/web', {method: 'PUT', body: {...seeded, metadata: {...seeded.metadata, resourceVersion: String(before)}}});
		expect(stale.status).toBe(409);
		expect(stale.json()).toMatchObject({reason: 'Conflict'});
		const missing = await demo.request('/apis/apps/v1/namespaces/w/deployments', {method: 'POST', body: deploymentBody('empty', {template: {metadata: {labels: {app: 'empty'}}, spec: {containers: []}}})});
		expect(missing.status).toBe(422);
		expect(missing.json()).toMatchObject({reason: 'Invalid', message: 'Deployment.apps "empty" is invalid: spec.template.spec.containers: Required value', details: {causes: [{reason: 'FieldValueRequired', field: 'spec.template.spec.containers'}]}});
		expect(demo.store.resourceVersion).toBe(after);
	});

	it('words validation errors as field.Error does, for several fields at once', async () => {
		ensureNamespace(demo.store, 'w');
		const post = (path: string, body: unknown) => demo.request(path, {method: 'POST', body}).then(r => r.json<{code: number; message: string}>());
		expect(await post('/apis/apps/v1/namespaces/w/deployments', deploymentBody('Bad_Name'))).toMatchObject({code: 422, message: expect.stringContaining('Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of')});
		const recreate = await post('/apis/apps/v1/namespaces/w/deployments', deploymentBody('rec', {replicas: -2, strategy: {type: 'Recreate', rollingUpdate: {maxSurge: 1}}}));
		expect(recreate.message).toBe('Deployment.apps "rec" is invalid: [spec.replicas: Invalid value: -2: must be greater than or equal to 0, spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\']');
		const percent = await post('/apis/apps/v1/namespaces/w/deployments', deploymentBody('pct', {strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 'abc', maxUnavailable: '120%'}}}));
		expect(percent.message).toBe('Deployment.apps "pct" is invalid: [spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": must be an integer or percentage (e.g \'5%\'), spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%]');
		expect(await post('/api/v1/namespaces/w/services', {metadata: {name: 'svc'}, spec: {selector: {app: 'x'}}})).toMatchObject({code: 422, message: 'Service "svc" is invalid: spec.ports: Required value'});
		const seeded = seedDeployment(demo.store, 'w', 'immutable');
		const moved = await demo.request('/apis/apps/v1/namespaces/w/deployments/immutable', {method: 'PUT', body: {...seeded, spec: {...seeded.spec, selector: {matchLabels: {app: 'immutable', extra: 'x'}}, template: {...seeded.spec.template, metadata: {labels: {app: 'immutable', extra: 'x'}}}}}});
		expect(moved.json()).toMatchObject({code: 422, message: 'Deployment.apps "immutable" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"immutable","extra":"x"}}: field is immutable'});
	});

	it('keeps status on main writes and spec on /status writes, which may change annotations', async () => {
		const seeded = seedDeployment(demo.store, 'w', 'st', {replicas: 2});
		const status = await demo.request('/apis/apps/v1/namespaces/w/deployments/st/status', {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, body: {metadata: {annotations: {'deployment.kubernetes.io/revision': '2'}}, spec: {replicas: 9}, status: {observedGeneration: 1, replicas: 2}}});
		expect(status.status).toBe(200);
		expect(status.json()).toMatchObject({metadata: {generation: 1, annotations: {'deployment.kubernetes.io/revision': '2'}}, spec: {replicas: 2}, status: {replicas: 2}});
		const main = await demo.request('/apis/apps/v1/namespaces/w/deployments/st', {method: 'PATCH', headers: {'content-type': 'application/strategic-merge-patch+json'}, body: {spec: {replicas: 3}, status: {replicas: 99}}});
		expect(main.json()).toMatchObject({metadata: {generation: 2}, spec: {replicas: 3}, status: {replicas: 2}});
		expect(seeded.metadata.uid).toBe(main.json<Deployment>().metadata.uid);
	});

	it('serves /scale as autoscaling/v1 Scale and honours its resourceVersion precondition', async () => {
		seedDeployment(demo.store, 'w', 'sc', {replicas: 2});
		const scale = (await demo.request('/apis/apps/v1/namespaces/w/deployments/sc/scale')).json<Json & {metadata: {resourceVersion: string}}>();
		expect(scale).toMatchObject({kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: {name: 'sc', namespace: 'w'}, spec: {replicas: 2}, status: {replicas: 0, selector: 'app=sc'}});
		const put = await demo.request('/apis/apps/v1/namespaces/w/deployments/sc/scale', {method: 'PUT', body: {...scale, spec: {replicas: 4}}});
		expect(put.json()).toMatchObject({spec: {replicas: 4}});
		const stalePut = await demo.request('/apis/apps/v1/namespaces/w/deployments/sc/scale', {method: 'PUT', body: {...scale, spec: {replicas: 6}}});
		expect(stalePut.status).toBe(409);
		expect(demo.store.mustGet<Deployment>('deployments', 'w', 'sc').spec.replicas).toBe(4);
	});

	it('serves core events through events.k8s.io/v1 too', async () => {
		ensureNamespace(demo.store, 'ev');
		demo.store.create<KubeEvent>('events', {metadata: {name: 'x.1', namespace: 'ev'}, involvedObject: {kind: 'Pod', name: 'p', namespace: 'ev'}, reason: 'Pulled', message: 'pulled', source: {component: 'kubelet'}, type: 'Normal', count: 2});
		const v1 = (await demo.request('/apis/events.k8s.io/v1/namespaces/ev/events')).json<{items: Json[]}>();
		expect(v1.items[0]).toMatchObject({regarding: {kind: 'Pod', name: 'p'}, note: 'pulled', reason: 'Pulled', reportingController: 'kubelet', deprecatedCount: 2});
		const core = (await demo.request('/api/v1/namespaces/ev/events?fieldSelector=involvedObject.name%3Dp,reason%3DPulled')).json<{items: Json[]}>();
		expect(core.items).toHaveLength(1);
		expect((await demo.request('/api/v1/namespaces/ev/events?fieldSelector=spec.bogus%3D1')).json()).toMatchObject({code: 400, message: 'field label not supported: spec.bogus'});
	});
});

describe('delete', () => {
	it('deletes pods gracefully (object back with deletionTimestamp), at once with gracePeriodSeconds=0', async () => {
		const owner = seedDeployment(demo.store, 'del', 'web');
		const rs = seedReplicaSet(demo.store, owner, 1, 'web:1', 2);
		const pod = seedPod(demo.store, rs, 'aaaaa', 'Running');
		const graceful = await demo.request(`/api/v1/namespaces/del/pods/${pod.metadata.name}`, {method: 'DELETE'});
		expect(graceful.status).toBe(200);
		expect(graceful.json<Pod>()).toMatchObject({kind: 'Pod', metadata: {deletionGracePeriodSeconds: 30}});
		expect(graceful.json<Pod>().metadata.deletionTimestamp).toBeTruthy();
		const now = await demo.request(`/api/v1/namespaces/del/pods/${pod.metadata.name}`, {method: 'DELETE', body: {kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0}});
		expect(now.status).toBe(200);
		expect(demo.store.get('pods', 'del', pod.metadata.name!)).toBeUndefined();
	});

	it('orphans dependents on propagationPolicy=Orphan and returns a Success Status', async () => {
		const owner = seedDeployment(demo.store, 'del', 'orphan');
		const rs = seedReplicaSet(demo.store, owner, 1, 'orphan:1', 1);
		const result = await demo.request('/apis/apps/v1/namespaces/del/deployments/orphan?propagationPolicy=Orphan', {method: 'DELETE'});
		expect(result.json()).toMatchObject({kind: 'Status', status: 'Success', details: {name: 'orphan', group: 'apps', kind: 'deployments', uid: owner.metadata.uid}});
		const kept = demo.store.mustGet<ReplicaSet>('replicasets', 'del', rs.metadata.name!);
		expect(kept.metadata.ownerReferences).toBeUndefined();
	});
});

describe('service proxy and faults', () => {
	it('passes service proxy requests to the proxy function with the port and path', async () => {
		const ok = await demo.request('/api/v1/namespaces/shop/services/web:80/proxy/version?x=1');
		expect(ok).toMatchObject({status: 200, text: 'hello from /version?x=1'});
		expect(ok.headers['x-version']).toBe('v2');
		expect(proxied.at(-1)).toMatchObject({namespace: 'shop', service: 'web', port: '80', path: '/version?x=1', method: 'GET'});
		expect((await demo.request('/api/v1/namespaces/shop/services/db/proxy/')).status).toBe(503);
	});

	it('injects Status errors for the next matching requests, with Retry-After for 429', async () => {
		demo.server.inject({kind: 'status', code: 429, count: 2, retryAfterSeconds: 3, match: /deployments/});
		expect((await demo.request('/api/v1/pods')).status).toBe(200);
		const limited = await demo.request('/apis/apps/v1/deployments');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('3');
		expect(limited.json()).toMatchObject({reason: 'TooManyRequests', details: {retryAfterSeconds: 3}});
		expect((await demo.request('/apis/apps/v1/deployments')).status).toBe(429);
		expect((await demo.request('/apis/apps/v1/deployments')).status).toBe(200);
		demo.server.inject({kind: 'status', code: 500, count: 5});
		demo.server.clearFaults();
		expect((await demo.request('/apis/apps/v1/deployments')).status).toBe(200);
	});

	it('stalls only the matching requests', async () => {
		demo.server.inject({kind: 'stall', ms: 400, count: 1, match: /\/pods/});
		const order: string[] = [];
		const stalled = demo.request('/api/v1/pods').then(() => order.push('pods'));
		const free = demo.request('/api/v1/namespaces').then(() => order.push('namespaces'));
		await Promise.all([stalled, free]);
		expect(order).toEqual(['namespaces', 'pods']);
	});

	it('restarts on the same port with the store kept', async () => {
		const port = demo.server.port;
		seedDeployment(demo.store, 'restart', 'kept');
		const watch = await demo.watch('/apis/apps/v1/namespaces/restart/deployments?watch=true');
		expect(await watch.next()).toMatchObject({type: 'ADDED'});
		await demo.server.restart();
		expect(await watch.next()).toBeUndefined();
		expect(demo.server.port).toBe(port);
		expect((await demo.request('/apis/apps/v1/namespaces/restart/deployments/kept')).status).toBe(200);
	});
});

describe('admission hook', () => {
	it('lets onAdmit adjust objects before they are stored, for every write verb', async () => {
		const calls: string[] = [];
		const own = await startDemoServer({
			onAdmit(resource, verb, object) {
				calls.push(`${resource}:${verb}`);
				object.metadata.labels = {...object.metadata.labels, admitted: verb};
			},
		});
		try {
			ensureNamespace(own.store, 'adm');
			await own.request('/apis/apps/v1/namespaces/adm/deployments', {method: 'POST', body: deploymentBody('web')});
			expect(own.store.mustGet('deployments', 'adm', 'web').metadata.labels).toEqual({admitted: 'create'});
			await own.request('/apis/apps/v1/namespaces/adm/deployments/web', {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, body: {spec: {replicas: 2}}});
			expect(own.store.mustGet('deployments', 'adm', 'web').metadata.labels).toEqual({admitted: 'patch'});
			expect(calls).toEqual(['deployments:create', 'deployments:patch']);
		} finally {
			await own.close();
		}
	});
});
