// The whole data path against the embedded demo cluster (real HTTP + TLS on loopback):
// scoped watches → store, an action, and a dropped-watch reconnect without duplicate transitions.
import {afterEach, describe, expect, it} from 'vitest';
import {createActions} from '../../source/cluster/actions.js';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {watchScope} from '../../source/cluster/scope-watch.js';
import type {ScopeHandle} from '../../source/cluster/scope-watch.js';
import {startDemoCluster} from '../../source/demo/cluster.js';
import type {DemoCluster} from '../../source/demo/cluster.js';
import {createStore} from '../../source/store/publisher.js';
import type {ClusterStore} from '../../source/store/publisher.js';
import {waitFor} from '../support/fake-api.js';

let cluster: DemoCluster | undefined;
let scope: ScopeHandle | undefined;
let store: ClusterStore | undefined;

afterEach(async () => {
	scope?.stop();
	await scope?.done();
	store?.close();
	await cluster?.stop();
	scope = undefined;
	cluster = undefined;
});

const snapshot = () => {
	store!.flush();
	return store!.getSnapshot();
};

describe('against the demo cluster', () => {
	it('watches a rolling update end to end and survives dropped watches', async () => {
		cluster = await startDemoCluster({scenario: 'rolling', speed: 50, namespace: 'demo'});
		const {kc} = demoKubeConfig(cluster.url, cluster.token, 'demo', cluster.server.ca);
		store = createStore();
		let podLists = 0;
		scope = watchScope({
			kc,
			target: {namespace: 'demo', names: ['app-rolling']},
			onEvent: (event) => {
				if (event.type === 'SYNCED' && event.resource === 'pods') podLists++;
				store!.dispatch(event);
			},
			backoff: {initialMs: 20, maxMs: 200},
		});

		const readyEndpoints = () => [...snapshot().endpointSlices.values()].flatMap((slice) => slice.endpoints ?? []).filter((endpoint) => endpoint.conditions?.ready).length;
		await waitFor(() => snapshot().pods.size === 5 && readyEndpoints() === 5, 'five ready pods behind the Service', 30_000);
		expect([...snapshot().deployments.keys()]).toEqual(['demo/app-rolling']);
		expect([...snapshot().services.keys()]).toEqual(['demo/app-rolling']);
		expect(snapshot().connections.pods?.status).toBe('live');

		const actions = createActions({kc, namespace: 'demo', readOnly: false});
		const image = 'rollwatch-demo/app:v2';
		expect(await actions.setImage('app-rolling', {'app-rolling': image})).toEqual({ok: true, message: 'deployment.apps/app-rolling image updated'});

		// Mid-rollout, every watch connection is cut; the watches must resume on their own.
		await waitFor(() => snapshot().transitions.some((entry) => entry.to === 'gone'), 'the first old pod to go', 30_000);
		cluster.server.inject({kind: 'drop-watches'});

		const rolledOut = () => {
			const pods = [...snapshot().pods.values()];
			return pods.length === 5 && pods.every((pod) => pod.spec.containers[0]?.image === image && !pod.metadata.deletionTimestamp) && readyEndpoints() === 5;
		};
		await waitFor(rolledOut, 'the rollout to finish in the store', 60_000);
		const {transitions} = snapshot();
		expect(new Set(transitions.map((entry) => entry.id)).size).toBe(transitions.length);
		expect(transitions.filter((entry) => entry.to === 'gone')).toHaveLength(5);
		await waitFor(() => Object.values(snapshot().connections).every((state) => state?.status === 'live'), 'every watch live again', 30_000);

		// Cut the watches again and make the next re-watch of pods answer 410 Gone: only a relist
		// (or a working resume) can show the scale-down that follows.
		cluster.server.inject({kind: 'status', code: 410, count: 1, match: /\/pods\?.*watch=true/});
		cluster.server.inject({kind: 'drop-watches'});
		expect(await actions.scale('app-rolling', 3)).toEqual({ok: true, message: 'deployment.apps/app-rolling scaled'});
		await waitFor(() => [...snapshot().pods.values()].filter((pod) => !pod.metadata.deletionTimestamp).length === 3 && snapshot().pods.size === 3, 'the scale-down to reach the store', 30_000);
		expect(snapshot().transitions.filter((entry) => entry.to === 'gone')).toHaveLength(7);
		expect(podLists).toBe(2);
	});
});
