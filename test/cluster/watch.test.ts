import type {ServerResponse} from 'node:http';
import {gzipSync} from 'node:zlib';
import {afterEach, describe, expect, it} from 'vitest';
import {backoffDelay} from '../../source/cluster/backoff.js';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {watchResource} from '../../source/cluster/watch.js';
import type {WatchHandle} from '../../source/cluster/watch.js';
import type {KubeObject} from '../../source/k8s/types.js';
import type {ClusterEvent} from '../../source/store/types.js';
import {sendJson, sendStatus, startFakeApi, startStream, waitFor} from '../support/fake-api.js';
import type {FakeApi, RecordedRequest} from '../support/fake-api.js';

const PODS = '/api/v1/namespaces/shop/pods';
let api: FakeApi | undefined;
let handle: WatchHandle | undefined;

afterEach(async () => {
	handle?.stop();
	await handle?.done;
	await api?.close();
	handle = undefined;
	api = undefined;
});

const pod = (name: string, rv: string, labels: Record<string, string> = {app: 'web'}): KubeObject => ({
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: rv, labels},
});
const podList = (rv: string, items: KubeObject[]) => ({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: rv}, items: items.map(({kind: _kind, apiVersion: _v, ...rest}) => rest)});
const isWatch = (request: RecordedRequest) => request.query.get('watch') === 'true';

function start(events: ClusterEvent[], extra: Partial<Parameters<typeof watchResource>[0]> = {}): WatchHandle {
	const {kc} = demoKubeConfig(api!.url, 'token', 'shop');
	handle = watchResource({kc, resource: 'pods', namespace: 'shop', onEvent: (event) => events.push(event), timeoutSeconds: 30, ...extra});
	return handle;
}

const ofType = (events: ClusterEvent[], type: ClusterEvent['type']) => events.filter((event) => event.type === type);

describe('watchResource', () => {
	it('lists, then watches from the list RV, and re-watches from the last RV when the stream ends', async () => {
		let watches = 0;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) return sendJson(response, 200, podList('100', [pod('a', '90')]));
			watches++;
			const write = startStream(response);
			if (watches === 1) {
				write({type: 'ADDED', object: pod('b', '101')});
				write('this is not json\n');
				write({type: 'MODIFIED', object: pod('b', '102')});
				write({type: 'BOOKMARK', object: {kind: 'Pod', apiVersion: 'v1', metadata: {resourceVersion: '105'}}});
				response.end();
			}
		});
		const events: ClusterEvent[] = [];
		const watch = start(events, {labelSelector: 'app=web'});
		await waitFor(() => watches === 2, 'the second watch');

		const [list, first, second] = api.requests;
		expect(list!.path).toBe(PODS);
		expect(list!.query.get('labelSelector')).toBe('app=web');
		expect(first!.query.get('resourceVersion')).toBe('100');
		expect(first!.query.get('allowWatchBookmarks')).toBe('true');
		expect(first!.query.get('timeoutSeconds')).toBe('30');
		expect(first!.query.get('labelSelector')).toBe('app=web');
		// Resumes after the bookmark, without a relist.
		expect(second!.query.get('resourceVersion')).toBe('105');
		expect(api.requests.filter((request) => !isWatch(request))).toHaveLength(1);

		const synced = ofType(events, 'SYNCED')[0] as Extract<ClusterEvent, {type: 'SYNCED'}>;
		expect(synced.objects).toEqual([pod('a', '90')]);
		expect(ofType(events, 'ADDED').length + ofType(events, 'MODIFIED').length).toBe(2);
		expect(watch.stats.malformedLines).toBe(1);
		const states = ofType(events, 'CONNECTION').map((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state.status);
		expect(states[0]).toBe('connecting');
		expect(states).toContain('live');
	});

	it('relists when the watch answers 410, and when an ERROR 410 event arrives in the stream', async () => {
		let lists = 0;
		let watches = 0;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) {
				lists++;
				return sendJson(response, 200, podList(String(lists * 100), lists === 1 ? [pod('a', '1'), pod('b', '2')] : [pod('a', '1')]));
			}
			watches++;
			if (watches === 1) return sendStatus(response, 410, 'Expired', 'too old resource version: 100 (150)');
			const write = startStream(response);
			if (watches === 2) write({type: 'ERROR', object: {kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version'}});
		});
		const events: ClusterEvent[] = [];
		start(events);
		await waitFor(() => watches === 3, 'the third watch');
		expect(lists).toBe(3);
		const synced = ofType(events, 'SYNCED') as Array<Extract<ClusterEvent, {type: 'SYNCED'}>>;
		expect(synced.map((event) => event.objects.map((object) => object.metadata.name))).toEqual([['a', 'b'], ['a'], ['a']]);
		expect(api.requests.filter(isWatch).map((request) => request.query.get('resourceVersion'))).toEqual(['100', '200', '300']);
		expect(ofType(events, 'CONNECTION').some((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state.status === 'reconnecting')).toBe(false);
	});

	it('lists page by page, and starts the list again when its continue token expires between pages', async () => {
		let firstPages = 0;
		let expiredOnce = false;
		api = await startFakeApi((request, response) => {
			if (isWatch(request)) return void startStream(response);
			const token = request.query.get('continue');
			if (!token) {
				firstPages++;
				return sendJson(response, 200, {...podList(String(firstPages * 100), [pod('a', '1'), pod('b', '2')]), metadata: {resourceVersion: String(firstPages * 100), continue: `after-b-${firstPages}`}});
			}
			if (!expiredOnce) {
				expiredOnce = true;
				return sendStatus(response, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.');
			}
			return sendJson(response, 200, podList(String(firstPages * 100), [pod('c', '3')]));
		});
		const events: ClusterEvent[] = [];
		start(events);
		await waitFor(() => api!.requests.some(isWatch), 'the watch');
		const lists = api.requests.filter(request => !isWatch(request));
		expect(lists.map(request => [request.query.get('limit'), request.query.get('continue')])).toEqual([['500', null], ['500', 'after-b-1'], ['500', null], ['500', 'after-b-2']]);
		const synced = ofType(events, 'SYNCED') as Array<Extract<ClusterEvent, {type: 'SYNCED'}>>;
		expect(synced.map(event => event.objects.map(object => object.metadata.name))).toEqual([['a', 'b', 'c']]);
		expect(api.requests.find(isWatch)!.query.get('resourceVersion')).toBe('200');
		expect(ofType(events, 'CONNECTION').some(event => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state.status === 'reconnecting')).toBe(false);
	});

	it('backs off with growing delays on server errors, says why, and goes live again', async () => {
		let lists = 0;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) {
				lists++;
				if (lists <= 3) return sendStatus(response, lists === 1 ? 500 : 503, 'InternalError', `etcd is unhappy (${lists})`);
				return sendJson(response, 200, podList('7', []));
			}
			startStream(response);
		});
		const events: ClusterEvent[] = [];
		start(events, {backoff: {initialMs: 10, maxMs: 1000}, random: () => 1, now: () => 1000});
		await waitFor(() => ofType(events, 'SYNCED').length === 1, 'the successful list');
		const reconnecting = ofType(events, 'CONNECTION')
			.map((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state)
			.filter((state) => state.status === 'reconnecting');
		expect(reconnecting.map((state) => state.retryAt! - 1000)).toEqual([10, 20, 40]);
		expect(reconnecting[0]!.error).toBe('etcd is unhappy (1)');
		expect(reconnecting[2]!.error).toBe('etcd is unhappy (3)');
		const last = ofType(events, 'CONNECTION').at(-1) as Extract<ClusterEvent, {type: 'CONNECTION'}>;
		expect(last.state.status).toBe('live');
		expect(last.state.error).toBeUndefined();
	});

	it('waits as long as a 429 Retry-After asks, and skips null items in a list', async () => {
		let lists = 0;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) {
				lists++;
				if (lists === 1) {
					response.setHeader('Retry-After', '0.2');
					return sendStatus(response, 429, 'TooManyRequests', 'slow down');
				}
				return sendJson(response, 200, {...podList('7', [pod('web-1', '5')]), items: [null, ...podList('7', [pod('web-1', '5')]).items]});
			}
			startStream(response);
		});
		const events: ClusterEvent[] = [];
		start(events, {backoff: {initialMs: 10, maxMs: 1000}, random: () => 1, now: () => 1000});
		await waitFor(() => ofType(events, 'SYNCED').length === 1, 'the list after the 429');
		const retry = ofType(events, 'CONNECTION').map((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state).find((state) => state.status === 'reconnecting');
		// The backoff alone would retry after 10 ms; the server asked for 200.
		expect(retry!.retryAt! - 1000).toBe(200);
		const synced = ofType(events, 'SYNCED')[0] as Extract<ClusterEvent, {type: 'SYNCED'}>;
		expect(synced.objects.map((object) => object.metadata.name)).toEqual(['web-1']);
	});

	it('reads a list the server compressed, and a watch error whose Status came compressed too', async () => {
		let watches = 0;
		const gzipped = (response: ServerResponse, code: number, body: unknown) => {
			response.writeHead(code, {'Content-Type': 'application/json', 'Content-Encoding': 'gzip'});
			response.end(gzipSync(JSON.stringify(body)));
		};
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) {
				// Only a client that asked for gzip may be sent it.
				if (!String(request.headers['accept-encoding']).includes('gzip')) return sendJson(response, 406, {});
				return gzipped(response, 200, podList('20', [pod('web-1', '5'), pod('web-2', '6', {app: 'web', note: 'ünïcødé'})]));
			}
			watches++;
			if (watches === 1) return gzipped(response, 403, {kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods is forbidden here'});
			startStream(response);
		});
		const events: ClusterEvent[] = [];
		start(events, {backoff: {initialMs: 10, maxMs: 10}});
		await waitFor(() => watches === 2, 'the watch after the refusal');
		const synced = ofType(events, 'SYNCED')[0] as Extract<ClusterEvent, {type: 'SYNCED'}>;
		expect(synced.objects.map((object) => [object.metadata.name, object.metadata.labels?.note])).toEqual([['web-1', undefined], ['web-2', 'ünïcødé']]);
		const refused = ofType(events, 'CONNECTION').map((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state).find((state) => state.status === 'reconnecting');
		// The Status's own message: the compressed error body was read.
		expect(refused!.error).toContain('pods is forbidden here');
	});

	it('says in plain words why it cannot connect, and keeps trying', async () => {
		api = await startFakeApi((_request, response) => sendJson(response, 200, podList('1', [])));
		const {url} = api;
		await api.close();
		api = undefined;
		const {kc} = demoKubeConfig(url, 'token', 'shop');
		const events: ClusterEvent[] = [];
		handle = watchResource({kc, resource: 'pods', namespace: 'shop', onEvent: (event) => events.push(event), backoff: {initialMs: 5, maxMs: 5}});
		const failures = () => ofType(events, 'CONNECTION').map((event) => (event as Extract<ClusterEvent, {type: 'CONNECTION'}>).state).filter((state) => state.status === 'reconnecting');
		await waitFor(() => failures().length >= 2, 'two failed attempts');
		expect(failures()[0]!.error).toContain('connection refused');
		expect(handle.stats.failures).toBeGreaterThanOrEqual(2);
	});

	it('filters client-side and reports objects that stop matching as deleted', async () => {
		let write: ((event: unknown) => void) | undefined;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) return sendJson(response, 200, podList('10', [pod('keep', '1'), pod('other', '2', {app: 'db'})]));
			write = startStream(response);
		});
		const events: ClusterEvent[] = [];
		start(events, {filter: (object) => object.metadata.labels?.app === 'web'});
		await waitFor(() => write !== undefined, 'the watch');
		write!({type: 'MODIFIED', object: pod('keep', '11', {app: 'moved'})});
		write!({type: 'ADDED', object: pod('late', '12', {app: 'db'})});
		write!({type: 'MODIFIED', object: pod('other', '13')});
		await waitFor(() => ofType(events, 'ADDED').length === 1, 'the newly matching pod');
		const synced = ofType(events, 'SYNCED')[0] as Extract<ClusterEvent, {type: 'SYNCED'}>;
		expect(synced.objects.map((object) => object.metadata.name)).toEqual(['keep']);
		const changes = events.flatMap((event) => (event.type === 'ADDED' || event.type === 'DELETED' || event.type === 'MODIFIED' ? [event] : []));
		expect(changes.map((event) => `${event.type} ${event.object.metadata.name}`)).toEqual(['DELETED keep', 'ADDED other']);
	});

	it('stop() aborts the open watch and any pending retry, and emits nothing after', async () => {
		let open: ServerResponse | undefined;
		api = await startFakeApi((request, response) => {
			if (!isWatch(request)) return sendJson(response, 200, podList('1', []));
			open = response;
			startStream(response);
		});
		const events: ClusterEvent[] = [];
		const watch = start(events);
		await waitFor(() => open !== undefined, 'the watch');
		watch.stop();
		await watch.done;
		await waitFor(() => api!.openResponses.size === 0, 'the server to see the watch closed');
		const count = events.length;
		expect(api.requests).toHaveLength(2);

		// Now a watch that is waiting out a long backoff: stop() must cancel the timer, not wait for it.
		api.setHandler((_request, response) => sendStatus(response, 503, 'ServiceUnavailable', 'not now'));
		const retrying = start([], {backoff: {initialMs: 600_000, maxMs: 600_000}});
		await waitFor(() => retrying.stats.failures === 1, 'the first failure');
		retrying.stop();
		await retrying.done;
		expect(events).toHaveLength(count);
	});

	it('grows backoff delays up to the cap', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((attempt) => backoffDelay(attempt, {initialMs: 250, maxMs: 30_000}, () => 0.5));
		for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
		expect(delays[0]).toBeLessThanOrEqual(250);
		expect(delays.at(-1)).toBeLessThanOrEqual(30_000);
		expect(delays.at(-1)).toBeGreaterThanOrEqual(15_000);
	});
});
