// Snapshots built from real objects: test/fixtures/ui/*.json are the recorded watch streams of a real
// control plane (shared/recordings) folded up to one moment, managedFields dropped.
import {readFileSync} from 'node:fs';
import {vi} from 'vitest';
import type {Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service} from '../../source/k8s/types.js';
import type {ClusterSnapshot, ConnectionState, PodTransition, WatchedResource} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import type {ActionResult, MonitorActions, MonitorProps} from '../../source/ui/types.js';

export type FixtureName = 'rolling-mid' | 'history-3-revisions' | 'canary-split' | 'broken-crashloop';

type Fixture = {
	scenario: string;
	t: number;
	t0_wall: string;
	objects: {deployments?: Deployment[]; replicasets?: ReplicaSet[]; pods?: Pod[]; services?: Service[]; endpointslices?: EndpointSlice[]};
};

const byKey = <T extends KubeObject>(objects: readonly T[] = []) => new Map(objects.map(object => [objectKey(object), object]));

export function loadFixture(name: FixtureName): {snapshot: ClusterSnapshot; now: number; namespace: string; fixture: Fixture} {
	const fixture = JSON.parse(readFileSync(new URL(`../fixtures/ui/${name}.json`, import.meta.url), 'utf8')) as Fixture;
	const now = Date.parse(fixture.t0_wall) + fixture.t;
	const live: ConnectionState = {status: 'live', since: now - 10_000, lastContactAt: now};
	const resources: WatchedResource[] = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices'];
	const snapshot: ClusterSnapshot = {
		version: 1,
		deployments: byKey(fixture.objects.deployments),
		replicaSets: byKey(fixture.objects.replicasets),
		pods: byKey(fixture.objects.pods),
		services: byKey(fixture.objects.services),
		endpointSlices: byKey(fixture.objects.endpointslices),
		events: new Map(),
		transitions: [],
		connections: Object.fromEntries(resources.map(resource => [resource, live])),
	};
	return {snapshot, now, namespace: `demo-${fixture.scenario}`, fixture};
}

export function withTransitions(snapshot: ClusterSnapshot, transitions: PodTransition[]): ClusterSnapshot {
	return {...snapshot, version: snapshot.version + 1, transitions};
}

/** A store the test drives: publish() is what the real store does once per frame. */
export function fakeStore(initial: ClusterSnapshot) {
	let current = initial;
	const listeners = new Set<() => void>();
	return {
		getSnapshot: () => current,
		subscribe(listener: () => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		publish(next: ClusterSnapshot) {
			current = next;
			for (const listener of listeners) listener();
		},
		listeners,
	};
}

const answer = (message: string) => vi.fn(async (): Promise<ActionResult> => ({ok: true, message}));

export function fakeActions(): MonitorActions & {[K in 'pause' | 'resume' | 'restart' | 'undo' | 'scale']: ReturnType<typeof vi.fn>} {
	return {
		pause: answer('deployment.apps/web paused'),
		resume: answer('deployment.apps/web resumed'),
		restart: answer('deployment.apps/web restarted'),
		undo: answer('deployment.apps/web rolled back'),
		scale: answer('deployment.apps/web scaled'),
	};
}

export function monitorProps(name: FixtureName, overrides: Partial<MonitorProps> = {}) {
	const {snapshot, now, namespace} = loadFixture(name);
	const store = fakeStore(snapshot);
	const actions = fakeActions();
	const onExit = vi.fn();
	const props: MonitorProps = {store, actions, context: {name: 'kind-dev', namespace}, readOnly: false, now: () => now, onExit, ...overrides};
	return {props, store, actions, onExit, snapshot, now};
}
