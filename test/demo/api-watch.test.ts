// Watch semantics of the demo API server over plain HTTPS (no kubectl): what client-go and client-node rely on.
import {afterEach, describe, expect, it} from 'vitest';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import type {Deployment} from '../../source/k8s/types.js';
import type {DemoServer, DemoServerOptions} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {seedDeployment} from './api-seed.js';

// Loosely typed on purpose: assertions reach into arbitrary wire JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Event = {type: string; object: Record<string, any>};
let demo: DemoServer | undefined;
afterEach(async () => {
	await demo?.close();
	demo = undefined;
});

async function start(options: DemoServerOptions = {}) {
	demo = await startDemoServer(options);
	return demo;
}

const setReplicas = (d: DemoServer, ns: string, name: string, replicas: number) => {
	const current = d.store.mustGet<Deployment>('deployments', ns, name);
	return d.store.update('deployments', {...current, spec: {...current.spec, replicas}});
};
const setLabels = (d: DemoServer, ns: string, name: string, labels: Record<string, string>) => {
	const current = d.store.mustGet<Deployment>('deployments', ns, name);
	return d.store.update('deployments', {...current, metadata: {...current.metadata, labels}});
};

describe('watch', () => {
	it('sends the current state as ADDED on resourceVersion=0, then live changes with kind and apiVersion', async () => {
		const d = await start();
		seedDeployment(d.store, 'w', 'a');
		seedDeployment(d.store, 'w', 'b');
		const watch = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=0');
		expect(watch.status).toBe(200);
		expect((await watch.next<Event>())!).toMatchObject({type: 'ADDED', object: {kind: 'Deployment', apiVersion: 'apps/v1', metadata: {name: 'a'}}});
		expect((await watch.next<Event>())!.object.metadata.name).toBe('b');
		const changed = setReplicas(d, 'w', 'b', 7);
		expect(await watch.next<Event>()).toMatchObject({type: 'MODIFIED', object: {metadata: {name: 'b', resourceVersion: changed.metadata.resourceVersion}, spec: {replicas: 7}}});
		d.store.remove('deployments', 'w', 'a');
		expect(await watch.next<Event>()).toMatchObject({type: 'DELETED', object: {kind: 'Deployment', metadata: {name: 'a'}}});
	});

	it('resumes after a list resourceVersion with only the later changes', async () => {
		const d = await start();
		seedDeployment(d.store, 'w', 'a');
		const list = (await d.request('/apis/apps/v1/namespaces/w/deployments')).json<{metadata: {resourceVersion: string}; items: unknown[]}>();
		expect(list.items).toHaveLength(1);
		setReplicas(d, 'w', 'a', 4);
		const watch = await d.watch(`/apis/apps/v1/namespaces/w/deployments?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
		expect(await watch.next<Event>()).toMatchObject({type: 'MODIFIED', object: {spec: {replicas: 4}}});
		seedDeployment(d.store, 'w', 'c');
		expect(await watch.next<Event>()).toMatchObject({type: 'ADDED', object: {metadata: {name: 'c'}}});
	});

	it('answers a too old resourceVersion with an ERROR 410 event inside a 200 stream, then ends it', async () => {
		const d = await start({store: new ObjectStore({clock: createClock(1), historySize: 5})});
		const first = seedDeployment(d.store, 'w', 'a');
		for (let i = 2; i < 12; i++) setReplicas(d, 'w', 'a', i);
		const rv = first.metadata.resourceVersion;
		const watch = await d.watch(`/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=${rv}`);
		expect(watch.status).toBe(200);
		expect(await watch.next<Event>()).toEqual({type: 'ERROR', object: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rv} (${d.store.oldestResumable})`, reason: 'Expired', code: 410}});
		expect(await watch.next()).toBeUndefined();
	});

	it('ends the stream cleanly after timeoutSeconds', async () => {
		const d = await start();
		const watch = await d.watch('/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1');
		expect(await watch.next(10_000)).toBeUndefined();
		expect(watch.ended()).toBe(true);
	});

	it('sends typed BOOKMARKs only to clients that allow them', async () => {
		const d = await start({bookmarkIntervalMs: 100});
		seedDeployment(d.store, 'w', 'a');
		const plain = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=0');
		const withBookmarks = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=0&allowWatchBookmarks=true');
		expect((await withBookmarks.next<Event>())!.type).toBe('ADDED');
		const bookmark = (await withBookmarks.next<Event>())!;
		expect(bookmark).toEqual({type: 'BOOKMARK', object: {kind: 'Deployment', apiVersion: 'apps/v1', metadata: {resourceVersion: String(d.store.resourceVersion), creationTimestamp: null}, spec: {replicas: 0, selector: null, template: {metadata: {creationTimestamp: null}, spec: {containers: null}}, strategy: {}}, status: {}}});
		expect((await withBookmarks.next<Event>())!.type).toBe('BOOKMARK');
		expect(plain.events.map(e => (e as Event).type)).toEqual(['ADDED']);
	});

	it('turns label changes into ADDED/DELETED for a selector, also when replayed from an older resourceVersion', async () => {
		const d = await start();
		const created = seedDeployment(d.store, 'w', 'a');
		const live = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=0&labelSelector=track%3Dcanary');
		setLabels(d, 'w', 'a', {app: 'a', track: 'canary'});
		const added = (await live.next<Event>())!;
		expect(added).toMatchObject({type: 'ADDED', object: {metadata: {labels: {track: 'canary'}}}});
		setReplicas(d, 'w', 'a', 5);
		expect((await live.next<Event>())!.type).toBe('MODIFIED');
		const out = setLabels(d, 'w', 'a', {app: 'a'});
		const deleted = (await live.next<Event>())!;
		expect(deleted.type).toBe('DELETED');
		// The last state that matched, stamped with the resourceVersion of the change that moved it out.
		expect(deleted.object.metadata).toMatchObject({labels: {track: 'canary'}, resourceVersion: out.metadata.resourceVersion});
		const replay = await d.watch(`/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=${created.metadata.resourceVersion}&labelSelector=track%3Dcanary`);
		expect([(await replay.next<Event>())!.type, (await replay.next<Event>())!.type, (await replay.next<Event>())!.type]).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
	});

	it('filters by fieldSelector metadata.name', async () => {
		const d = await start();
		seedDeployment(d.store, 'w', 'a');
		seedDeployment(d.store, 'w', 'b');
		const watch = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&fieldSelector=metadata.name%3Db');
		expect((await watch.next<Event>())!.object.metadata.name).toBe('b');
		setReplicas(d, 'w', 'a', 3);
		setReplicas(d, 'w', 'b', 3);
		expect(await watch.next<Event>()).toMatchObject({type: 'MODIFIED', object: {metadata: {name: 'b'}}});
		expect(watch.events).toHaveLength(2);
	});

	it('streams the initial list then the initial-events-end BOOKMARK for sendInitialEvents, then live events', async () => {
		const d = await start();
		seedDeployment(d.store, 'w', 'a');
		const rejected = await d.request('/apis/apps/v1/namespaces/w/deployments?watch=true&sendInitialEvents=true&allowWatchBookmarks=true');
		expect(rejected.status).toBe(422);
		expect(rejected.json()).toMatchObject({reason: 'Invalid', message: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'});
		const watch = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=');
		expect((await watch.next<Event>())!).toMatchObject({type: 'ADDED', object: {metadata: {name: 'a'}}});
		expect((await watch.next<Event>())!).toMatchObject({type: 'BOOKMARK', object: {kind: 'Deployment', metadata: {resourceVersion: String(d.store.resourceVersion), annotations: {'k8s.io/initial-events-end': 'true'}}}});
		setReplicas(d, 'w', 'a', 9);
		expect((await watch.next<Event>())!.type).toBe('MODIFIED');
	});

	it('sends Table events with column definitions only in the first one', async () => {
		const d = await start();
		seedDeployment(d.store, 'w', 'a', {replicas: 3});
		const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
		const watch = await d.watch('/apis/apps/v1/namespaces/w/deployments?watch=true&resourceVersion=0', {headers: {accept}});
		const first = (await watch.next<Event>())!;
		expect(first.object).toMatchObject({kind: 'Table', apiVersion: 'meta.k8s.io/v1'});
		expect(first.object.columnDefinitions.map((c: {name: string}) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
		expect(first.object.rows[0].cells.slice(0, 4)).toEqual(['a', '0/3', 0, 0]);
		expect(first.object.rows[0].object).toMatchObject({kind: 'PartialObjectMetadata', metadata: {name: 'a'}});
		setReplicas(d, 'w', 'a', 4);
		const second = (await watch.next<Event>())!;
		expect(second.object.columnDefinitions).toBeNull();
		expect(second.object.rows[0].cells[1]).toBe('0/4');
	});
});

describe('watch lifecycle', () => {
	it('drops a watcher as soon as its client goes away', async () => {
		const d = await start();
		const watch = await d.watch('/api/v1/pods?watch=true');
		expect(d.server.openWatches).toBe(1);
		watch.close();
		const deadline = Date.now() + 5000;
		while (d.server.openWatches > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		expect(d.server.openWatches).toBe(0);
	});
});

describe('watch faults', () => {
	it('drop-watches ends every open watch; malformed-watch-line writes a line no JSON decoder accepts', async () => {
		const d = await start();
		const a = await d.watch('/api/v1/pods?watch=true');
		const b = await d.watch('/api/v1/namespaces/default/pods?watch=true');
		d.server.inject({kind: 'malformed-watch-line', count: 1});
		expect(await a.next()).toMatchObject({type: 'MALFORMED'});
		expect(() => JSON.parse((b.events[0] as {line: string} | undefined)?.line ?? '{')).toThrow();
		d.server.inject({kind: 'drop-watches'});
		expect(await a.next()).toBeUndefined();
		expect(await b.next()).toMatchObject({type: 'MALFORMED'});
		expect(await b.next()).toBeUndefined();
	});
});
