// Seeding the scope with the Deployments the preflight already fetched starts the ReplicaSet and pod
// watches at once, instead of a round trip later when the deployments LIST answers.
import {describe, expect, it} from 'vitest';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {watchScope} from '../../source/cluster/scope-watch.js';
import type {ScopeOptions} from '../../source/cluster/scope-watch.js';
import type {WatchHandle, WatchResourceOptions} from '../../source/cluster/watch.js';
import type {Deployment} from '../../source/k8s/types.js';
import type {ClusterEvent} from '../../source/store/types.js';

const web = (app: string): Deployment => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace: 'shop', uid: 'uid-web', resourceVersion: '1'},
	spec: {selector: {matchLabels: {app}}, template: {metadata: {labels: {app}}, spec: {containers: []}}},
});

function seeded(seed: Deployment[], held?: ScopeOptions['held']) {
	const started: WatchResourceOptions[] = [];
	const stopped: string[] = [];
	const events: ClusterEvent[] = [];
	const watch = (options: WatchResourceOptions): WatchHandle => {
		started.push(options);
		return {stop: () => stopped.push(`${options.resource}:${options.labelSelector ?? options.fieldSelector ?? '*'}`), done: Promise.resolve(), stats: {lists: 0, watches: 0, malformedLines: 0, failures: 0}};
	};
	const live = (resource: string) => started.filter((options) => options.resource === resource).at(-1)!;
	const scope = watchScope({kc: demoKubeConfig('http://127.0.0.1:1', 't', 'shop').kc, target: {namespace: 'shop', names: ['web']}, seed, onEvent: (event) => events.push(event), watch, held});
	return {started, stopped, events, live, scope};
}

describe('watchScope seeded with the preflight Deployments', () => {
	it('starts the pod and ReplicaSet watches with the deployments watch, and keeps them when the LIST agrees', () => {
		const {started, stopped, live, scope} = seeded([web('web')]);
		expect(started.map((options) => options.resource)).toEqual(['deployments', 'replicasets', 'pods', 'services', 'events']);
		expect(live('pods').labelSelector).toBe('app=web');
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [{...web('web'), metadata: {...web('web').metadata, resourceVersion: '2'}}], at: 1});
		expect(started).toHaveLength(5);
		expect(stopped).toEqual([]);
		scope.stop();
	});

	it('re-scopes when the Deployment changed selector before the LIST, and clears when it is gone', () => {
		const {started, events, live} = seeded([web('old')]);
		expect(live('pods').labelSelector).toBe('app=old');
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [web('new')], at: 1});
		expect(live('pods').labelSelector).toBe('app=new');
		const count = started.length;
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [], at: 2});
		expect(started).toHaveLength(count);
		expect(events).toEqual(expect.arrayContaining([expect.objectContaining({type: 'SYNCED', resource: 'pods', objects: []})]));
	});

	it('holds back the watches the first picture does not need until released, then starts them as planned', () => {
		const {started, live, scope} = seeded([web('web')], ['services', 'endpointslices', 'events']);
		expect(started.map((options) => options.resource)).toEqual(['deployments', 'replicasets', 'pods']);
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [web('web')], at: 1});
		expect(started.map((options) => options.resource)).toEqual(['deployments', 'replicasets', 'pods']);
		scope.release();
		expect(started.map((options) => options.resource)).toEqual(['deployments', 'replicasets', 'pods', 'services', 'events']);
		const service = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'shop'}, spec: {selector: {app: 'web'}}};
		live('services').onEvent({type: 'SYNCED', resource: 'services', objects: [service], at: 2});
		expect(live('endpointslices').labelSelector).toBe('kubernetes.io/service-name=web');
		scope.release();
		expect(started).toHaveLength(6);
		scope.stop();
	});
});
