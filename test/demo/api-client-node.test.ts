// @kubernetes/client-node 2 (what rollwatch's cluster layer uses) against the demo API server: TLS with the
// kubeconfig's CA, bearer token, typed list/patch calls, watch and the informer.
import {AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, Watch, makeInformer, setHeaderOptions} from '@kubernetes/client-node';
import type {V1Deployment} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {renderKubeconfig} from '../../source/demo/server.js';
import type {Deployment} from '../../source/k8s/types.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {seedDeployment} from './api-seed.js';

let demo: DemoServer;
let config: KubeConfig;
beforeAll(async () => {
	demo = await startDemoServer();
	config = new KubeConfig();
	config.loadFromString(renderKubeconfig(demo.server, demo.token, {namespace: 'cn'}));
	seedDeployment(demo.store, 'cn', 'web', {replicas: 2});
});
afterAll(async () => {
	await demo?.close();
});

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

describe('@kubernetes/client-node', () => {
	it('lists, reads and strategic-merge-patches over TLS with the bearer token', async () => {
		const apps = config.makeApiClient(AppsV1Api);
		const list = await apps.listNamespacedDeployment({namespace: 'cn'});
		expect(list.items.map(d => d.metadata?.name)).toEqual(['web']);
		const patched = await apps.patchNamespacedDeployment({name: 'web', namespace: 'cn', body: {spec: {paused: true}}}, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
		expect(patched.spec?.paused).toBe(true);
		const scale = await apps.readNamespacedDeploymentScale({name: 'web', namespace: 'cn'});
		expect(scale.spec?.replicas).toBe(2);
		const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
		expect(namespaces.items.map(n => n.metadata?.name)).toContain('kube-system');
	});

	it('watches from a list resourceVersion and sees changes made in the store', async () => {
		const seen: Array<[string, string | undefined]> = [];
		const list = await config.makeApiClient(AppsV1Api).listNamespacedDeployment({namespace: 'cn'});
		let ended: unknown = 'open';
		const controller = await new Watch(config).watch('/apis/apps/v1/namespaces/cn/deployments', {resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true}, (type, object: V1Deployment) => seen.push([type, object.metadata?.name]), error => (ended = error));
		const current = demo.store.mustGet<Deployment>('deployments', 'cn', 'web');
		demo.store.update('deployments', {...current, spec: {...current.spec, replicas: 6}});
		await waitFor(() => seen.length > 0);
		expect(seen).toEqual([['MODIFIED', 'web']]);
		controller.abort();
		await waitFor(() => ended !== 'open');
	});

	it('feeds an informer that lists, then follows ADDED and DELETED', async () => {
		const apps = config.makeApiClient(AppsV1Api);
		const informer = makeInformer(config, '/apis/apps/v1/namespaces/cn/deployments', () => apps.listNamespacedDeployment({namespace: 'cn'}));
		const added: string[] = [];
		const deleted: string[] = [];
		informer.on('add', object => added.push(object.metadata!.name!));
		informer.on('delete', object => deleted.push(object.metadata!.name!));
		await informer.start();
		try {
			await waitFor(() => added.includes('web'));
			seedDeployment(demo.store, 'cn', 'api');
			await waitFor(() => added.includes('api'));
			demo.store.remove('deployments', 'cn', 'api');
			await waitFor(() => deleted.includes('api'));
			expect(informer.list().map(d => d.metadata?.name)).toEqual(['web']);
		} finally {
			await informer.stop();
		}
	});
});
