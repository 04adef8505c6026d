// Folds ClusterEvents into one immutable state. Structural sharing: a resource's map is replaced
// only when something in it changed, and an object that did not change (same resourceVersion)
// keeps its identity, so selectors and React.memo can compare by reference.
import type {KubeObject, Pod, ReplicaSet} from '../k8s/types.js';
import {mergeTransitions, nextTransitions} from '../rollout/transitions.js';
import type {ClusterEvent, ClusterSnapshot, ConnectionState, ObjectMap, PodTransition, WatchedResource} from './types.js';
import {objectKey} from './types.js';
import {isKubeObject, isWellFormed} from './well-formed.js';
import {PersistentMap} from './persistent-map.js';

/** The snapshot without its publish counter: what the reducer owns. */
export type ClusterState = Omit<ClusterSnapshot, 'version'>;

/** Which snapshot field holds each watched resource. */
export const RESOURCE_FIELD = {
	deployments: 'deployments',
	replicasets: 'replicaSets',
	pods: 'pods',
	services: 'services',
	endpointslices: 'endpointSlices',
	events: 'events',
} as const satisfies Record<WatchedResource, keyof ClusterState>;

/** How many pod transitions the log keeps (oldest dropped first). */
export const TRANSITION_LIMIT = 500;

export function emptyClusterState(): ClusterState {
	return {
		deployments: new Map(),
		replicaSets: new Map(),
		pods: new Map(),
		services: new Map(),
		endpointSlices: new Map(),
		events: new Map(),
		transitions: [],
		connections: {},
	};
}

/** A resource map being changed by the reducer: no one else reads it yet. */
export type DraftMap<T> = ObjectMap<T> & {set(key: string, value: T): unknown; delete(key: string): boolean};

/**
 * How a changed resource map is copied. The default drafts a new version sharing all but the changed
 * path (persistent-map.ts); the publisher passes one that reuses a draft it made since its last
 * publish (no one else holds it yet), so a burst drafts once per frame, not once per event.
 */
export type CopyMap = <T>(map: ObjectMap<T>) => DraftMap<T>;

/** A draft of `map`; a plain Map (a test's, a replay's first state) becomes a PersistentMap once. */
export const draftOf: CopyMap = map => (map instanceof PersistentMap ? map.draft() : PersistentMap.draftOf(map));

const copyMap: CopyMap = draftOf;

export function reduce(state: ClusterState, event: ClusterEvent): ClusterState {
	return reduceWith(state, event, copyMap);
}

/** reduce() with a caller's copy rule (the publisher's; see CopyMap). */
export function reduceWith(state: ClusterState, event: ClusterEvent, copy: CopyMap): ClusterState {
	switch (event.type) {
		case 'ADDED':
		case 'MODIFIED':
		case 'DELETED':
			// Objects the rest of the app cannot rely on are dropped at the gate (well-formed.ts); a
			// deletion only needs the key.
			if (event.type === 'DELETED' ? !isKubeObject(event.object) : !isWellFormed(event.resource, event.object)) return state;
			return withContact(applyChange(state, event, copy), event.resource, event.at);
		case 'SYNCED':
			return withContact(applySync(state, event.resource, event.objects.filter(object => isWellFormed(event.resource, object)), event.at), event.resource, event.at);
		case 'CONNECTION':
			return {...state, connections: {...state.connections, [event.resource]: event.state}};
		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}

const sameVersion = (a: KubeObject | undefined, b: KubeObject) =>
	a !== undefined && a.metadata.uid === b.metadata.uid && a.metadata.resourceVersion !== undefined && a.metadata.resourceVersion === b.metadata.resourceVersion;

function applyChange(state: ClusterState, event: Extract<ClusterEvent, {type: 'ADDED' | 'MODIFIED' | 'DELETED'}>, copy: CopyMap): ClusterState {
	const field = RESOURCE_FIELD[event.resource];
	const current = state[field] as ObjectMap<KubeObject>;
	const key = objectKey(event.object);
	const previous = current.get(key);
	if (event.type === 'DELETED') {
		if (previous === undefined) return state;
		const next = copy(current);
		next.delete(key);
		return withPodTransitions({...state, [field]: next}, event.resource, [[previous, undefined]], event.at);
	}
	// A re-delivery of what we already hold (reconnect, duplicate ADDED) changes nothing.
	if (sameVersion(previous, event.object)) return state;
	const next = copy(current);
	next.set(key, event.object);
	return withPodTransitions({...state, [field]: next}, event.resource, [[previous, event.object]], event.at);
}

/** A (re)list: the listed set replaces ours; objects missing from it are gone (deleted while we were away). */
function applySync(state: ClusterState, resource: WatchedResource, objects: readonly KubeObject[], at: number): ClusterState {
	const field = RESOURCE_FIELD[resource];
	const current = state[field] as ObjectMap<KubeObject>;
	const next = PersistentMap.empty<KubeObject>().draft();
	const changes: Array<[KubeObject | undefined, KubeObject | undefined]> = [];
	let changed = false;
	for (const object of objects) {
		const key = objectKey(object);
		const previous = current.get(key);
		if (sameVersion(previous, object)) {
			next.set(key, previous!);
		} else {
			next.set(key, object);
			changes.push([previous, object]);
			changed = true;
		}
	}
	for (const [key, previous] of current) {
		if (!next.has(key)) {
			changes.push([previous, undefined]);
			changed = true;
		}
	}
	if (!changed) return state;
	return withPodTransitions({...state, [field]: next}, resource, changes, at);
}

function withPodTransitions(state: ClusterState, resource: WatchedResource, changes: ReadonlyArray<[KubeObject | undefined, KubeObject | undefined]>, at: number): ClusterState {
	if (resource !== 'pods') return state;
	const added: PodTransition[] = [];
	for (const [previous, next] of changes) {
		// A malformed object from the wire must not take the whole store down: skip, do not log.
		if ((previous && !isPodShaped(previous)) || (next && !isPodShaped(next))) continue;
		try {
			added.push(...nextTransitions(previous as Pod | undefined, next as Pod | undefined, at, podRevision(state, (next ?? previous) as Pod)));
		} catch {
			// Wrong types deep inside a pod (a list that is not a list): the derivations are written
			// against the API's types, and one unreadable pod must not stop the store. Not logged.
		}
	}
	const transitions = mergeTransitions(state.transitions, added, TRANSITION_LIMIT);
	return transitions === state.transitions ? state : {...state, transitions};
}

const isPodShaped = (object: KubeObject) => typeof (object as Pod).spec === 'object' && (object as Pod).spec !== null;

/** The revision of the ReplicaSet that controls the pod, when we hold it. */
function podRevision(state: ClusterState, pod: Pod): string | undefined {
	const owner = pod.metadata.ownerReferences?.find((reference) => reference.controller && reference.kind === 'ReplicaSet');
	if (!owner) return undefined;
	const rs: ReplicaSet | undefined = state.replicaSets.get(`${pod.metadata.namespace ?? ''}/${owner.name}`);
	// Both uids missing (a malformed ownerReference, no RS held) must not count as a match.
	return rs !== undefined && rs.metadata.uid === owner.uid ? rs.metadata.annotations?.['deployment.kubernetes.io/revision'] : undefined;
}

/** Any data from a resource proves its connection is alive: the header's "age of the data". */
function withContact(state: ClusterState, resource: WatchedResource, at: number): ClusterState {
	const connection: ConnectionState | undefined = state.connections[resource];
	if (connection === undefined || (connection.lastContactAt ?? 0) >= at) return state;
	return {...state, connections: {...state.connections, [resource]: {...connection, lastContactAt: at}}};
}
