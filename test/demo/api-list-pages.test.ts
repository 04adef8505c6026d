// Chunked lists on the demo API server (limit/continue), as a real API server pages them: key order,
// one resourceVersion for every page of a list, 410 Expired once that version has left the history,
// remainingItemCount without selectors; and real kubectl 1.35 following the tokens.
import {afterEach, describe, expect, it} from 'vitest';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import type {KubeObject, Pod} from '../../source/k8s/types.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {ensureNamespace, seedDeployment, seedPod, seedReplicaSet} from './api-seed.js';

type PodList = {kind: string; metadata: {resourceVersion: string; continue?: string; remainingItemCount?: number}; items: KubeObject[]};
type Status = {kind: string; code: number; reason: string; message: string; metadata: {continue?: string}};

let demo: DemoServer | undefined;
afterEach(async () => {
	await demo?.close();
	demo = undefined;
});

async function serverWith(names: string[], options: {historySize?: number} = {}): Promise<DemoServer> {
	const store = new ObjectStore({clock: createClock(1), historySize: options.historySize});
	demo = await startDemoServer({store});
	ensureNamespace(store, 'shop');
	ensureNamespace(store, 'other');
	for (const name of names) store.create('pods', pod(name, name.startsWith('db') ? 'db' : 'web'));
	store.create('pods', {...pod('elsewhere', 'web'), metadata: {...pod('elsewhere', 'web').metadata, namespace: 'other'}});
	return demo;
}

const pod = (name: string, app: string): Pod => ({metadata: {name, namespace: 'shop', labels: {app}}, spec: {containers: [{name: 'app', image: `${app}:1`}]}, status: {phase: 'Running'}});

async function get(path: string): Promise<PodList> {
	const response = await demo!.request(path);
	expect(response.status, response.text).toBe(200);
	return response.json<PodList>();
}

/** Follows continue tokens to the end: every page, as the client saw it. */
async function allPages(path: string, between?: (page: number) => void): Promise<PodList[]> {
	const pages = [await get(path)];
	while (pages.at(-1)!.metadata.continue) {
		between?.(pages.length);
		pages.push(await get(`${path}&continue=${encodeURIComponent(pages.at(-1)!.metadata.continue!)}`));
	}
	return pages;
}

const names = (pages: PodList[]) => pages.flatMap(page => page.items.map(item => item.metadata.name));

describe('chunked lists', () => {
	it('pages a list in name order, every page at the first page’s resourceVersion, counting what is left', async () => {
		await serverWith(['e', 'c', 'a', 'd', 'b']);
		const pages = await allPages('/api/v1/namespaces/shop/pods?limit=2');
		expect(pages.map(page => page.items.length)).toEqual([2, 2, 1]);
		expect(names(pages)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(new Set(pages.map(page => page.metadata.resourceVersion)).size).toBe(1);
		expect(pages.map(page => page.metadata.remainingItemCount)).toEqual([3, 1, undefined]);
		expect(pages.at(-1)!.metadata).not.toHaveProperty('continue');
		// A token is the API server's own shape, which clients may not read but people do.
		expect(JSON.parse(Buffer.from(pages[0]!.metadata.continue!, 'base64url').toString())).toEqual({v: 'meta.k8s.io/v1', rv: Number(pages[0]!.metadata.resourceVersion), start: 'b\u0000'});
		// Across namespaces the key is namespace/name.
		const everywhere = await allPages('/api/v1/pods?limit=4');
		expect(names(everywhere)).toEqual(['elsewhere', 'a', 'b', 'c', 'd', 'e']);
	});

	it('shows every page as the list was when it began, while pods come, change and go between pages', async () => {
		const server = await serverWith(['a', 'b', 'c', 'd', 'e']);
		const {store} = server;
		const pages = await allPages('/api/v1/namespaces/shop/pods?limit=2', page => {
			if (page !== 1) return;
			store.create('pods', pod('cc', 'web'));
			store.remove('pods', 'shop', 'd');
			const e = store.mustGet<Pod>('pods', 'shop', 'e');
			store.updateStatus('pods', {...e, status: {phase: 'Failed'}});
		});
		expect(names(pages)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect((pages[2]!.items.at(-1) as Pod).status?.phase).toBe('Running');
		expect(Number(pages[0]!.metadata.resourceVersion)).toBeLessThan(store.resourceVersion);
		const fresh = await allPages('/api/v1/namespaces/shop/pods?limit=2');
		expect(names(fresh)).toEqual(['a', 'b', 'c', 'cc', 'e']);
		expect((fresh.at(-1)!.items.at(-1) as Pod).status?.phase).toBe('Failed');
		expect(fresh[0]!.metadata.resourceVersion).toBe(String(store.resourceVersion));
	});

	it('pages only what the selectors match, without a remaining count', async () => {
		await serverWith(['db-1', 'a', 'db-2', 'b', 'c']);
		const pages = await allPages('/api/v1/namespaces/shop/pods?limit=2&labelSelector=app%3Dweb');
		expect(names(pages)).toEqual(['a', 'b', 'c']);
		expect(pages.map(page => page.metadata.remainingItemCount)).toEqual([undefined, undefined]);
	});

	it('answers 410 Expired once the list’s resourceVersion left the history, with a token to finish from the newest state', async () => {
		const server = await serverWith(['a', 'b', 'c', 'd'], {historySize: 3});
		const first = await get('/api/v1/namespaces/shop/pods?limit=2');
		for (const name of ['x1', 'x2', 'x3', 'x4']) server.store.create('pods', pod(name, 'web'));
		const expired = await demo!.request(`/api/v1/namespaces/shop/pods?limit=2&continue=${first.metadata.continue}`);
		expect(expired.status).toBe(410);
		const status = expired.json<Status>();
		expect(status).toMatchObject({kind: 'Status', code: 410, reason: 'Expired'});
		expect(status.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\./);
		const rest = await allPages(`/api/v1/namespaces/shop/pods?limit=10&continue=${status.metadata.continue}`);
		expect(names(rest)).toEqual(['c', 'd', 'x1', 'x2', 'x3', 'x4']);
		expect(rest[0]!.metadata.resourceVersion).toBe(String(server.store.resourceVersion));
	});

	it('refuses a token it did not hand out, or one sent with a resourceVersion, and answers resourceVersion=0 whole', async () => {
		await serverWith(['a', 'b', 'c']);
		const first = await get('/api/v1/namespaces/shop/pods?limit=1');
		const bad = await demo!.request('/api/v1/namespaces/shop/pods?limit=1&continue=not-a-token');
		expect(bad.status).toBe(400);
		expect(bad.json<Status>().message).toMatch(/^invalid continue token: continue key is not valid/);
		const climbing = Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: 5, start: '../other/x'})).toString('base64url');
		expect((await demo!.request(`/api/v1/namespaces/shop/pods?limit=1&continue=${climbing}`)).status).toBe(400);
		const pinned = await demo!.request(`/api/v1/namespaces/shop/pods?limit=1&resourceVersion=3&continue=${first.metadata.continue}`);
		expect(pinned.status).toBe(400);
		expect(pinned.json<Status>().message).toBe('specifying resource version is not allowed when using continue');
		const any = await get('/api/v1/namespaces/shop/pods?limit=1&resourceVersion=0');
		expect(names([any])).toEqual(['a', 'b', 'c']);
		expect(any.metadata).not.toHaveProperty('continue');
	});

	it('lets kubectl page with --chunk-size, one request per chunk, printing what one request prints', async () => {
		const server = await serverWith([]);
		const deployment = seedDeployment(server.store, 'shop', 'web', {replicas: 5});
		const rs = seedReplicaSet(server.store, deployment, 1, 'web:1', 5);
		for (const suffix of ['aaaaa', 'bbbbb', 'ccccc', 'ddddd', 'eeeee']) seedPod(server.store, rs, suffix, 'Running');
		const whole = await server.kubectl(['get', 'pods', '-n', 'shop', '-l', 'app=web', '--chunk-size=0']);
		const chunked = await server.kubectl(['get', 'pods', '-n', 'shop', '-l', 'app=web', '--chunk-size=2', '-v=6']);
		expect(chunked.code, chunked.stderr).toBe(0);
		expect(whole.stdout.split('\n').filter(Boolean)).toHaveLength(6);
		expect(chunked.stdout.replace(/ +\d+[sm]\n/g, '\n')).toBe(whole.stdout.replace(/ +\d+[sm]\n/g, '\n'));
		const requests = chunked.stderr.split('\n').filter(line => /verb="GET" url="https:\S+\/namespaces\/shop\/pods\?/.test(line));
		expect(requests).toHaveLength(3);
		expect(requests.slice(1).every(line => line.includes('continue='))).toBe(true);
	});
});
