// The contract between the watch layer (source/cluster), the store, the pure derivations (source/rollout)
// and the UI. The store folds ClusterEvents into an immutable ClusterSnapshot.
import type {Deployment, EndpointSlice, KubeEvent, KubeObject, Pod, ReplicaSet, Service} from '../k8s/types.js';

export type WatchedResource = 'deployments' | 'replicasets' | 'pods' | 'services' | 'endpointslices' | 'events';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'stale';

export type ConnectionState = {
	status: ConnectionStatus;
	/** Epoch ms of the last event or successful (re)list: the age of the data. */
	lastContactAt?: number;
	/** Epoch ms when the current status began. */
	since: number;
	/** Why we are reconnecting, one line, no secrets. */
	error?: string;
	/** Next retry, epoch ms. */
	retryAt?: number;
};

export type ClusterEvent =
	| {type: 'ADDED' | 'MODIFIED' | 'DELETED'; resource: WatchedResource; object: KubeObject; at: number}
	/** A (re)list: the full current set for this resource; anything not in it is gone. */
	| {type: 'SYNCED'; resource: WatchedResource; objects: KubeObject[]; at: number}
	| {type: 'CONNECTION'; resource: WatchedResource; state: ConnectionState};

/** One line of the pod transition log: "12:03:01 web-7d9f-ddn16 Pending → Running". */
export type PodTransition = {
	/** Stable identity for de-duplication across reconnects and relists: `${uid}:${seq}`. */
	id: string;
	at: number;
	pod: string;
	uid: string;
	/** Revision of the pod's ReplicaSet when known. */
	revision?: string;
	from?: string;
	to: string;
};

/** Objects keyed by `namespace/name`. */
export type ObjectMap<T> = ReadonlyMap<string, T>;

export type ClusterSnapshot = {
	/** Increments on every published change. */
	readonly version: number;
	readonly deployments: ObjectMap<Deployment>;
	readonly replicaSets: ObjectMap<ReplicaSet>;
	readonly pods: ObjectMap<Pod>;
	readonly services: ObjectMap<Service>;
	readonly endpointSlices: ObjectMap<EndpointSlice>;
	readonly events: ObjectMap<KubeEvent>;
	/** Oldest first, bounded. */
	readonly transitions: readonly PodTransition[];
	readonly connections: Readonly<Partial<Record<WatchedResource, ConnectionState>>>;
};

/** What an action (pause, undo, scale…) answers: the cluster layer produces it, the UI's status line shows `message`. */
export type ActionResult = {ok: boolean; message: string};

export const objectKey = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
