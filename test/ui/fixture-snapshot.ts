// A fixture (test/fixtures/ui/*.json: a recorded watch stream folded up to one moment) as the snapshot the
// store would publish. No test-runner imports: the frame bench (bench/frame-app.tsx) bundles it too.
import {readFileSync} from 'node:fs';
import type {Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service} from '../../source/k8s/types.js';
import type {ClusterSnapshot, ConnectionState, WatchedResource} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';

export type Fixture = {
	scenario: string;
	t: number;
	t0_wall: string;
	objects: {deployments?: Deployment[]; replicasets?: ReplicaSet[]; pods?: Pod[]; services?: Service[]; endpointslices?: EndpointSlice[]};
};

const byKey = <T extends KubeObject>(objects: readonly T[] = []) => new Map(objects.map(object => [objectKey(object), object]));

/** The fixture file at `path` as a snapshot, every watch live, at the moment it was folded to (`now`). */
export function loadFixtureFile(path: string | URL): {snapshot: ClusterSnapshot; now: number; namespace: string; fixture: Fixture} {
	const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
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
