import {describe, expect, test} from 'vitest';
import type {EndpointSlice, Pod} from '../../source/k8s/types.js';
import {type ServiceTraffic, trafficShare} from '../../source/rollout/index.js';
import {serviceHasReadyEndpoint} from '../../source/rollout/traffic.js';
import {loadPairs, loadStream, type Scenario, stateAt} from './recordings.js';

/** The traffic view after every EndpointSlice change of a recording, consecutive repeats collapsed. */
function timeline(scenario: Scenario, options: {groupBy?: 'auto' | 'revision' | 'label'} = {}): ServiceTraffic[] {
	const views: ServiceTraffic[] = [];
	for (const [index, entry] of loadStream(scenario).entries()) {
		if (entry.resource !== 'endpointslices') {
			continue;
		}

		const [view] = trafficShare({...stateAt(scenario, index), ...options});
		if (view !== undefined && JSON.stringify(view) !== JSON.stringify(views.at(-1))) {
			views.push(view);
		}
	}

	return views;
}

const split = (view: ServiceTraffic) => view.groups.map(group => `${group.label}:${group.ready}`).join(' ');

describe('canary: one Service over two Deployments, split by the version label', () => {
	const views = timeline('canary');

	test('the Service goes from 4 to 6 to 4 ready endpoints, the share shifting to v2', () => {
		expect(views.every(view => view.service === 'app-service' && view.groupedBy === 'label')).toBe(true);
		const totals = views.map(view => view.totalReady).filter((total, index, all) => total !== all[index - 1]);
		expect(totals).toEqual([0, 1, 2, 3, 4, 5, 6, 5, 4]);
		expect(split(views.find(view => view.totalReady === 4)!)).toBe('v2:2 v1:2');
		expect(split(views.find(view => view.totalReady === 6)!)).toBe('v2:4 v1:2');
		expect(split(views.at(-1)!)).toBe('v2:4');
		expect(views.at(-1)!.groups[0]).toMatchObject({label: 'v2', share: 100, deployment: 'app-v2', revision: 1, images: ['arungupta/app-upgrade:v2']});
	});

	test('shares are percentages of ready endpoints', () => {
		const six = views.find(view => view.totalReady === 6)!;
		expect(six.groups.map(group => Math.round(group.share))).toEqual([67, 33]);
	});

	test('the ready endpoint count matches what `kubectl get endpoints` printed at the same moment', () => {
		const commands = loadPairs('canary').commands.filter(command => command.command.startsWith('kubectl get endpoints'));
		expect(commands.length).toBeGreaterThanOrEqual(2);
		for (const command of commands) {
			const [view] = trafficShare(stateAt('canary', command.streamEnd));
			// "10.244.1.11:8080,10.244.1.12:8080,10.244.1.13:8080 + 1 more...": kubectl lists three, then counts.
			const cell = command.stdout[1]!;
			const shown = cell.split(/\s+/)[1]!.split(',').length + Number(/\+ (\d+) more/.exec(cell)?.[1] ?? 0);
			expect(view!.totalReady).toBe(shown);
		}
	});

	test('grouping by revision instead names each Deployment', () => {
		const last = timeline('canary', {groupBy: 'revision'}).at(-1)!;
		expect(last.groupedBy).toBe('revision');
		expect(last.groups.map(group => group.key)).toEqual(['app-v2:1']);
	});
});

describe('rolling: one Deployment, split by revision', () => {
	const views = timeline('rolling');

	test('traffic moves from revision 1 to 2 and back to 3 (the undo), never dropping to zero', () => {
		expect(views.every(view => view.groupedBy === 'revision')).toBe(true);
		const labels = views.map(view => view.groups.map(group => group.label).join('+')).filter((label, index, all) => label !== all[index - 1]);
		expect(labels).toEqual(['', 'rev 1', 'rev 2+rev 1', 'rev 2', 'rev 3+rev 2', 'rev 3']);
		const afterFirst = views.findIndex(view => view.totalReady === 5);
		expect(views.slice(afterFirst).every(view => view.totalReady > 0)).toBe(true);
	});
});

describe('endpoint accounting', () => {
	const pod = (name: string, uid: string, labels: Record<string, string>): Pod => ({metadata: {name, uid, namespace: 'ns', labels}, spec: {containers: [{name: 'c', image: 'img'}]}});
	const slice = (name: string, endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
		metadata: {name, namespace: 'ns', labels: {'kubernetes.io/service-name': 'svc'}}, addressType: 'IPv4', endpoints,
	});
	const base = {
		services: [{metadata: {name: 'svc', namespace: 'ns'}, spec: {selector: {app: 'a'}}}],
		pods: [pod('a1', 'u1', {app: 'a', version: 'v1'}), pod('a2', 'u2', {app: 'a', version: 'v1'}), pod('a3', 'u3', {app: 'a', version: 'v1'})],
		replicaSets: [],
		deployments: [],
		groupBy: 'label' as const,
	};

	test('dual-stack duplicates count once; ready nil counts as ready; terminating endpoints are reported, not counted', () => {
		const [view] = trafficShare({...base, endpointSlices: [
			slice('v4', [
				{addresses: ['10.0.0.1'], targetRef: {uid: 'u1'}},
				{addresses: ['10.0.0.2'], conditions: {ready: false, serving: true, terminating: true}, targetRef: {uid: 'u2'}},
				{addresses: ['10.0.0.3'], conditions: {ready: false}, targetRef: {uid: 'u3'}},
			]),
			slice('v6', [{addresses: ['fd00::1'], conditions: {ready: true}, targetRef: {uid: 'u1'}}]),
		]});
		expect(view!.groups).toEqual([expect.objectContaining({label: 'v1', ready: 1, serving: 2, terminating: 1, share: 100})]);
	});

	test('a Service whose selector matches none of the pods is left out, as is one without a selector', () => {
		expect(trafficShare({...base, endpointSlices: [], services: [
			{metadata: {name: 'other', namespace: 'ns'}, spec: {selector: {app: 'b'}}},
			{metadata: {name: 'manual', namespace: 'ns'}, spec: {}},
		]})).toEqual([]);
	});

	test('no ready endpoints: every share is 0, not NaN', () => {
		const [view] = trafficShare({...base, endpointSlices: [slice('v4', [{addresses: ['10.0.0.1'], conditions: {ready: false}, targetRef: {uid: 'u1'}}])]});
		expect(view!.totalReady).toBe(0);
		expect(view!.groups[0]!.share).toBe(0);
	});
});

describe('whether a Service can answer', () => {
	const slice = (service: string, ready: Array<boolean | undefined>): EndpointSlice => ({
		apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
		metadata: {name: `${service}-abcde`, namespace: 'shop', labels: {'kubernetes.io/service-name': service}},
		endpoints: ready.map((value, index) => ({addresses: [`10.0.0.${index + 1}`], conditions: value === undefined ? {} : {ready: value}})),
	}) as EndpointSlice;

	test('needs an endpoint not marked unready, in a slice of that Service and namespace', () => {
		expect(serviceHasReadyEndpoint([], 'shop', 'web')).toBe(false);
		expect(serviceHasReadyEndpoint([slice('web', [false, false])], 'shop', 'web')).toBe(false);
		expect(serviceHasReadyEndpoint([slice('web', [false, true])], 'shop', 'web')).toBe(true);
		// A missing ready condition means ready (the API's nil).
		expect(serviceHasReadyEndpoint([slice('web', [undefined])], 'shop', 'web')).toBe(true);
		expect(serviceHasReadyEndpoint([slice('api', [true])], 'shop', 'web')).toBe(false);
		expect(serviceHasReadyEndpoint([slice('web', [true])], 'other', 'web')).toBe(false);
	});
});
