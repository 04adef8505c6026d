import {describe, expect, it} from 'vitest';
import {demoKubeConfig} from '../../source/cluster/kubeconfig.js';
import {planWatches} from '../../source/cluster/scope.js';
import {watchScope} from '../../source/cluster/scope-watch.js';
import type {WatchHandle, WatchResourceOptions} from '../../source/cluster/watch.js';
import type {Deployment, KubeEvent, KubeObject, LabelSelector, Service} from '../../source/k8s/types.js';
import type {ClusterEvent} from '../../source/store/types.js';

const deployment = (name: string, selector: LabelSelector, labels = selector.matchLabels ?? {}): Deployment => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: '1'},
	spec: {selector, template: {metadata: {labels: {...labels, version: 'v2'}}, spec: {containers: []}}},
});
const service = (name: string, selector: Record<string, string>): Service => ({apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'shop'}, spec: {selector}});
const event = (kind: string, name: string): KubeEvent => ({metadata: {name: `${name}.1`, namespace: 'shop'}, involvedObject: {kind, name}});
const withLabels = (labels: Record<string, string>): KubeObject => ({metadata: {name: 'x', namespace: 'shop', labels}});

describe('planWatches', () => {
	it('watches one Deployment by name, and nothing else until it is known', () => {
		expect(planWatches({namespace: 'shop', names: ['web']}, [], [])).toEqual({deployments: {fieldSelector: 'metadata.name=web', key: 'deploy|name=web'}});
	});

	it('scopes ReplicaSets and pods by the Deployment selector, EndpointSlices by the matching Services', () => {
		const web = deployment('web', {matchLabels: {app: 'web'}});
		const plan = planWatches({namespace: 'shop', names: ['web']}, [web], [service('web', {app: 'web'}), service('canary', {app: 'web', version: 'v2'}), service('db', {app: 'db'}), service('headless', {})]);
		expect(plan.pods).toMatchObject({labelSelector: 'app=web'});
		expect(plan.pods?.filter).toBeUndefined();
		expect(plan.replicasets).toMatchObject({labelSelector: 'app=web'});
		expect(plan.endpointslices).toMatchObject({labelSelector: 'kubernetes.io/service-name in (canary,web)'});
		expect(plan.services?.filter?.(service('db', {app: 'db'}))).toBe(false);
		expect(plan.services?.filter?.(service('headless', {}))).toBe(false);
		expect(plan.services?.filter?.(service('web', {app: 'web'}))).toBe(true);
		expect(plan.events?.fieldSelector).toBe('type=Warning');
		expect(plan.events?.filter?.(event('Pod', 'web-7d9f-abcde'))).toBe(true);
		expect(plan.events?.filter?.(event('ReplicaSet', 'web-7d9f'))).toBe(true);
		expect(plan.events?.filter?.(event('Pod', 'webhook-1'))).toBe(false);
		expect(plan.events?.filter?.(event('Node', 'web'))).toBe(false);
	});

	it('combines several selectors: one key → `in`, otherwise shared labels plus a client-side filter', () => {
		const same = planWatches({namespace: 'shop'}, [deployment('web', {matchLabels: {app: 'web'}}), deployment('api', {matchLabels: {app: 'api'}})], []);
		expect(same.pods).toMatchObject({labelSelector: 'app in (api,web)'});
		expect(same.pods?.filter).toBeUndefined();

		const mixed = planWatches(
			{namespace: 'shop'},
			[deployment('web', {matchLabels: {team: 'shop', app: 'web'}}), deployment('api', {matchLabels: {team: 'shop', tier: 'api'}})],
			[],
		);
		expect(mixed.pods?.labelSelector).toBe('team=shop');
		expect(mixed.pods?.filter?.(withLabels({team: 'shop', app: 'web', version: 'v1'}))).toBe(true);
		expect(mixed.pods?.filter?.(withLabels({team: 'shop', app: 'db'}))).toBe(false);

		const unrelated = planWatches({namespace: 'shop'}, [deployment('a', {matchLabels: {x: '1'}}), deployment('b', {matchLabels: {y: '2'}})], []);
		expect(unrelated.pods?.labelSelector).toBeUndefined();
		expect(unrelated.pods?.filter?.(withLabels({y: '2'}))).toBe(true);
	});

	it('watches several named Deployments namespace-wide, filtered by name', () => {
		const plan = planWatches({namespace: 'shop', names: ['web', 'api']}, [], []);
		expect(plan.deployments?.fieldSelector).toBeUndefined();
		expect(plan.deployments?.filter?.(deployment('api', {matchLabels: {app: 'api'}}))).toBe(true);
		expect(plan.deployments?.filter?.(deployment('db', {matchLabels: {app: 'db'}}))).toBe(false);
	});
});

describe('watchScope', () => {
	function harness() {
		const started: WatchResourceOptions[] = [];
		const stopped: string[] = [];
		const events: ClusterEvent[] = [];
		const fake = (options: WatchResourceOptions): WatchHandle => {
			started.push(options);
			return {stop: () => stopped.push(`${options.resource}:${options.labelSelector ?? options.fieldSelector ?? '*'}`), done: Promise.resolve(), stats: {lists: 0, watches: 0, malformedLines: 0, failures: 0}};
		};
		const live = (resource: string) => started.filter((options) => options.resource === resource).at(-1)!;
		const scope = watchScope({kc: demoKubeConfig('http://127.0.0.1:1', 't', 'shop').kc, target: {namespace: 'shop', names: ['web']}, onEvent: (e) => events.push(e), watch: fake});
		return {started, stopped, events, live, scope};
	}

	it('adds watches as Deployments and Services appear, and re-scopes only what changed', () => {
		const {started, stopped, live, scope} = harness();
		expect(started.map((options) => options.resource)).toEqual(['deployments']);
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [deployment('web', {matchLabels: {app: 'web'}})], at: 1});
		expect(started.map((options) => options.resource)).toEqual(['deployments', 'replicasets', 'pods', 'services', 'events']);
		expect(live('pods').labelSelector).toBe('app=web');

		live('services').onEvent({type: 'ADDED', resource: 'services', object: service('web', {app: 'web'}), at: 2});
		expect(live('endpointslices').labelSelector).toBe('kubernetes.io/service-name=web');
		// A status-only Deployment change restarts nothing.
		const count = started.length;
		const progressed: Deployment = {...deployment('web', {matchLabels: {app: 'web'}}), status: {replicas: 3}};
		live('deployments').onEvent({type: 'MODIFIED', resource: 'deployments', object: progressed, at: 3});
		expect(started).toHaveLength(count);

		// The list view: every Deployment in the namespace.
		scope.setTarget({namespace: 'shop'});
		expect(live('deployments').fieldSelector).toBeUndefined();
		expect(stopped).toContain('deployments:metadata.name=web');
		scope.stop();
		expect(stopped).toEqual(expect.arrayContaining(['pods:app=web', 'endpointslices:kubernetes.io/service-name=web']));
	});

	it('clears a resource that falls out of scope', () => {
		const {events, live} = harness();
		live('deployments').onEvent({type: 'SYNCED', resource: 'deployments', objects: [deployment('web', {matchLabels: {app: 'web'}})], at: 1});
		live('services').onEvent({type: 'SYNCED', resource: 'services', objects: [service('web', {app: 'web'})], at: 2});
		live('services').onEvent({type: 'DELETED', resource: 'services', object: service('web', {app: 'web'}), at: 3});
		expect(events.at(-1)).toMatchObject({type: 'SYNCED', resource: 'endpointslices', objects: []});
	});
});
