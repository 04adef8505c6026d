import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {emptyClusterState, reduce} from '../../source/store/reducer.js';
import type {ClusterState} from '../../source/store/reducer.js';
import type {ClusterEvent} from '../../source/store/types.js';

function pod(name: string, rv: string, phase: 'Pending' | 'Running', ready = false): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: rv, ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true}]},
		spec: {containers: [{name: 'app', image: 'web:v2'}]},
		status: {
			phase,
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ready ? '2026-11-21T10:00:05Z' : '2026-11-21T10:00:00Z'}],
			containerStatuses: [
				{name: 'app', image: 'web:v2', imageID: '', ready, restartCount: 0, state: phase === 'Running' ? {running: {startedAt: '2026-11-21T10:00:01Z'}} : {waiting: {reason: 'ContainerCreating'}}},
			],
		},
	};
}

const replicaSet = {
	apiVersion: 'apps/v1',
	kind: 'ReplicaSet',
	metadata: {name: 'web-abc', namespace: 'shop', uid: 'rs-uid', resourceVersion: '5', annotations: {'deployment.kubernetes.io/revision': '3'}},
	spec: {selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: []}}},
};

const run = (events: ClusterEvent[], state: ClusterState = emptyClusterState()) => events.reduce(reduce, state);
const change = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Pod, at: number): ClusterEvent => ({type, resource: 'pods', object, at});
const log = (state: ClusterState) => state.transitions.map((entry) => `${entry.pod} ${entry.from ?? '∅'} → ${entry.to}${entry.revision ? ` rev${entry.revision}` : ''}`);

describe('reduce', () => {
	it('keys objects by namespace/name and keeps unchanged maps and objects by identity', () => {
		const base = run([{type: 'SYNCED', resource: 'replicasets', objects: [replicaSet], at: 1}]);
		const withPod = reduce(base, change('ADDED', pod('a', '10', 'Pending'), 2));
		expect(withPod.pods.get('shop/a')?.metadata.resourceVersion).toBe('10');
		expect(withPod.replicaSets).toBe(base.replicaSets);
		// The same resourceVersion again (a reconnect re-delivery) is not a change at all.
		expect(reduce(withPod, change('MODIFIED', pod('a', '10', 'Pending'), 3))).toBe(withPod);
		const next = reduce(withPod, change('MODIFIED', pod('a', '11', 'Running'), 4));
		expect(next.pods).not.toBe(withPod.pods);
		expect(next.replicaSets).toBe(withPod.replicaSets);
	});

	it('SYNCED replaces the set: missing objects are deleted, unchanged ones keep identity', () => {
		const first = run([
			{type: 'SYNCED', resource: 'pods', objects: [pod('a', '1', 'Running', true), pod('b', '2', 'Running', true)], at: 1},
		]);
		const kept = first.pods.get('shop/a');
		const relisted = reduce(first, {type: 'SYNCED', resource: 'pods', objects: [pod('a', '1', 'Running', true)], at: 5});
		expect([...relisted.pods.keys()]).toEqual(['shop/a']);
		expect(relisted.pods.get('shop/a')).toBe(kept);
		expect(log(relisted).at(-1)).toBe('b Ready → gone');
		// An identical relist changes nothing.
		expect(reduce(relisted, {type: 'SYNCED', resource: 'pods', objects: [pod('a', '1', 'Running', true)], at: 9})).toBe(relisted);
	});

	it('logs pod transitions with the ReplicaSet revision, without duplicates across reconnects and relists', () => {
		const live = run([
			{type: 'SYNCED', resource: 'replicasets', objects: [replicaSet], at: 0},
			change('ADDED', pod('a', '10', 'Pending'), 1),
			change('MODIFIED', pod('a', '11', 'Running'), 2),
			change('MODIFIED', pod('a', '12', 'Running', true), 3),
		]);
		expect(log(live)).toEqual(['a ∅ → ContainerCreating rev3', 'a ContainerCreating → Running rev3', 'a Running → Ready rev3']);
		// Reconnect: the watch resumes and re-delivers the last state; then a relist returns it again.
		const after = run(
			[
				change('MODIFIED', pod('a', '12', 'Running', true), 10),
				{type: 'SYNCED', resource: 'pods', objects: [pod('a', '12', 'Running', true)], at: 11},
				{type: 'SYNCED', resource: 'pods', objects: [pod('a', '13', 'Running', true)], at: 12},
			],
			live,
		);
		expect(log(after)).toEqual(log(live));
		expect(new Set(after.transitions.map((entry) => entry.id)).size).toBe(after.transitions.length);
	});

	it('records connection state and refreshes its last-contact time on data', () => {
		const state = run([
			{type: 'CONNECTION', resource: 'pods', state: {status: 'live', since: 100, lastContactAt: 100}},
			change('ADDED', pod('a', '1', 'Pending'), 250),
		]);
		expect(state.connections.pods).toEqual({status: 'live', since: 100, lastContactAt: 250});
		expect(state.connections.deployments).toBeUndefined();
	});

	it('ignores a DELETED for an object it never held', () => {
		const state = emptyClusterState();
		expect(reduce(state, change('DELETED', pod('ghost', '1', 'Pending'), 1))).toBe(state);
	});

	it('drops a malformed pod without crashing or logging a transition for it', () => {
		// A pod without spec would crash every pane that derives its status (see store/well-formed.ts).
		const broken = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'odd', namespace: 'shop', uid: 'u', resourceVersion: '1'}} as Pod;
		const state = reduce(emptyClusterState(), change('ADDED', broken, 1));
		expect(state.pods.has('shop/odd')).toBe(false);
		expect(state.transitions).toEqual([]);
	});
});

describe('the store gate', () => {
	it.each([
		['conditions', {}],
		['containerStatuses', 'Running'],
		['initContainerStatuses', {name: 'init'}],
	])('drops a pod whose status.%s is not a list, and keeps it when the field is null', (field, value) => {
		// The fuzz suite found a pod with `status.conditions: {}`: every pane that read it threw.
		const broken = pod('odd', '2', 'Running');
		(broken.status as Record<string, unknown>)[field] = value;
		expect(reduce(emptyClusterState(), change('ADDED', broken, 1)).pods.has('shop/odd')).toBe(false);
		(broken.status as Record<string, unknown>)[field] = null;
		expect(reduce(emptyClusterState(), change('ADDED', broken, 1)).pods.has('shop/odd')).toBe(true);
	});
});
