// Fuzz: whatever a broken or hostile API server sends, folding it into the store never throws, and
// the store's own invariants hold (unique transition ids, bounded log, one object per key).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/k8s/types.js';
import {emptyClusterState, reduce, TRANSITION_LIMIT, type ClusterState} from '../../source/store/reducer.js';
import type {ClusterEvent, WatchedResource} from '../../source/store/types.js';
import {FIXTURES, fuzzRuns, garbageObject, loadObjects, mutated, strangeValue, type Objects} from './support/mutate.js';

const RESOURCES: Array<[WatchedResource, keyof Objects]> = [
	['deployments', 'deployments'],
	['replicasets', 'replicasets'],
	['pods', 'pods'],
	['services', 'services'],
	['endpointslices', 'endpointslices'],
];

const fixtures = FIXTURES.map(name => loadObjects(name).objects);
const realObjects: Array<[WatchedResource, KubeObject]> = fixtures.flatMap(objects => RESOURCES.flatMap(([resource, field]) => objects[field].map(object => [resource, object] as [WatchedResource, KubeObject])));

const resource = fc.constantFrom<WatchedResource>('deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'events');
/** Mostly real objects with a few fields broken, some outright garbage, tagged with any resource. */
const object: fc.Arbitrary<[WatchedResource, KubeObject]> = fc.oneof(
	{weight: 6, arbitrary: fc.constantFrom(...realObjects).chain(([kind, real]) => mutated(real, 6, false).map(broken => [kind, broken] as [WatchedResource, KubeObject]))},
	{weight: 2, arbitrary: fc.tuple(resource, garbageObject)},
	{weight: 1, arbitrary: fc.tuple(resource, fc.constantFrom(...realObjects).map(([, real]) => real))},
);
const at = fc.oneof(fc.integer({min: 0, max: 2_000_000_000_000}), strangeValue.filter((value): value is number => typeof value === 'number'));

const event: fc.Arbitrary<ClusterEvent> = fc.oneof(
	{weight: 6, arbitrary: fc.tuple(fc.constantFrom('ADDED' as const, 'MODIFIED' as const, 'DELETED' as const), object, at).map(([type, [kind, value], time]) => ({type, resource: kind, object: value, at: time}))},
	{weight: 2, arbitrary: fc.tuple(resource, fc.array(object.map(([, value]) => value), {maxLength: 8}), at).map(([kind, objects, time]) => ({type: 'SYNCED' as const, resource: kind, objects, at: time}))},
	{
		weight: 1,
		arbitrary: fc.tuple(resource, fc.constantFrom('connecting' as const, 'live' as const, 'reconnecting' as const, 'stale' as const), at, strangeValue).map(([kind, status, time, error]) => ({
			type: 'CONNECTION' as const,
			resource: kind,
			state: {status, since: time, lastContactAt: time, ...(typeof error === 'string' ? {error} : {})},
		})),
	},
);

function checkInvariants(state: ClusterState) {
	const ids = state.transitions.map(entry => entry.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(state.transitions.length).toBeLessThanOrEqual(TRANSITION_LIMIT);
}

describe('fuzz: the store reducer', () => {
	it('never throws on broken objects, garbage and odd timestamps, and keeps its invariants', () => {
		fc.assert(
			fc.property(fc.array(event, {minLength: 1, maxLength: 40}), events => {
				let state = emptyClusterState();
				for (const next of events) state = reduce(state, next);
				checkInvariants(state);
			}),
			{numRuns: fuzzRuns(400)},
		);
	});

	it('folds a real rollout with some events replayed, reordered or broken without losing the unbroken objects', () => {
		const pods = fixtures.flatMap(objects => objects.pods);
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pods), {minLength: 1, maxLength: 30}), fc.array(fc.tuple(fc.nat(), garbageObject), {maxLength: 5}), (sequence, garbage) => {
				const events: ClusterEvent[] = sequence.map((pod, index) => ({type: 'MODIFIED', resource: 'pods', object: pod, at: 1000 + index}));
				for (const [position, junk] of garbage) events.splice(position % (events.length + 1), 0, {type: 'ADDED', resource: 'pods', object: junk, at: 5});
				let state = emptyClusterState();
				for (const next of events) state = reduce(state, next);
				checkInvariants(state);
				// Every well-formed pod that was delivered is held at its last delivered version.
				const last = new Map(sequence.map(pod => [`${pod.metadata.namespace}/${pod.metadata.name}`, pod]));
				for (const [key, pod] of last) expect(state.pods.get(key)?.metadata.resourceVersion).toBe(pod.metadata.resourceVersion);
			}),
			{numRuns: fuzzRuns(200)},
		);
	});
});
