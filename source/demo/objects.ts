// The demo cluster's object store: what etcd + the API server's registry do for us.
// One global resourceVersion counter; every stored change gets a new RV and exactly one event;
// a write that changes nothing is not a change (no RV bump, no event), as on a real server.
import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../k8s/types.js';
import type {Clock} from './clock.js';
import {rfc3339} from './clock.js';
import {alreadyExists, conflict, notFound} from './status.js';

export type ResourceInfo = {group: string; version: string; kind: string; namespaced: boolean};

export const RESOURCES = {
	namespaces: {group: '', version: 'v1', kind: 'Namespace', namespaced: false},
	pods: {group: '', version: 'v1', kind: 'Pod', namespaced: true},
	services: {group: '', version: 'v1', kind: 'Service', namespaced: true},
	endpoints: {group: '', version: 'v1', kind: 'Endpoints', namespaced: true},
	events: {group: '', version: 'v1', kind: 'Event', namespaced: true},
	deployments: {group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true},
	replicasets: {group: 'apps', version: 'v1', kind: 'ReplicaSet', namespaced: true},
	endpointslices: {group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', namespaced: true},
} as const satisfies Record<string, ResourceInfo>;

export type Resource = keyof typeof RESOURCES;

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type StoreEvent = {rv: number; type: StoreEventType; resource: Resource; object: KubeObject};

/** Resources whose spec changes bump metadata.generation (A.17). */
const GENERATION_TRACKED = new Set<Resource>(['deployments', 'replicasets']);
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export type ObjectStoreOptions = {clock: Clock; historySize?: number};

export class ObjectStore {
	private readonly objects = new Map<Resource, Map<string, KubeObject>>();
	private readonly history: StoreEvent[] = [];
	private readonly listeners = new Set<(event: StoreEvent) => void>();
	private readonly historySize: number;
	private rv = 1;
	readonly clock: Clock;

	constructor(options: ObjectStoreOptions) {
		this.clock = options.clock;
		this.historySize = options.historySize ?? 20_000;
		for (const resource of Object.keys(RESOURCES) as Resource[]) this.objects.set(resource, new Map());
	}

	/** The newest resourceVersion handed out. */
	get resourceVersion(): number {
		return this.rv;
	}

	/** The oldest resourceVersion a watch can still resume from (older gets 410 Gone). */
	get oldestResumable(): number {
		return this.history.length > 0 ? this.history[0]!.rv - 1 : this.rv;
	}

	list<T extends KubeObject = KubeObject>(resource: Resource, namespace?: string): T[] {
		const out: T[] = [];
		for (const object of this.objects.get(resource)!.values()) {
			if (namespace === undefined || object.metadata.namespace === namespace) out.push(structuredClone(object) as T);
		}
		return out;
	}

	/**
	 * The stored objects themselves, not copies, for controllers that only read them: cloning every pod
	 * on every sync made a 1,000-replica rollout take minutes. Never mutate what this returns; pass a
	 * copy to update/replace (they clone their input anyway).
	 */
	peek<T extends KubeObject = KubeObject>(resource: Resource, namespace?: string): ReadonlyArray<Readonly<T>> {
		const out: T[] = [];
		for (const object of this.objects.get(resource)!.values()) {
			if (namespace === undefined || object.metadata.namespace === namespace) out.push(object as T);
		}
		return out;
	}

	get<T extends KubeObject = KubeObject>(resource: Resource, namespace: string | undefined, name: string): T | undefined {
		const object = this.objects.get(resource)!.get(key(namespace, name));
		return object ? (structuredClone(object) as T) : undefined;
	}

	/** Throws a 404 ApiError when missing. */
	mustGet<T extends KubeObject = KubeObject>(resource: Resource, namespace: string | undefined, name: string): T {
		const object = this.get<T>(resource, namespace, name);
		if (!object) throw notFound(resource, RESOURCES[resource].group, name);
		return object;
	}

	create<T extends KubeObject>(resource: Resource, input: T): T {
		const object = structuredClone(input);
		const meta = object.metadata;
		const info = RESOURCES[resource];
		if (!meta.name && meta.generateName) meta.name = this.generateName(resource, meta.namespace, meta.generateName);
		if (!info.namespaced) delete meta.namespace;
		const k = key(meta.namespace, meta.name!);
		if (this.objects.get(resource)!.has(k)) throw alreadyExists(resource, info.group, meta.name!);
		object.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
		object.kind = info.kind;
		meta.uid = randomUUID();
		meta.creationTimestamp = rfc3339(this.clock.now());
		delete meta.deletionTimestamp;
		delete meta.deletionGracePeriodSeconds;
		if (GENERATION_TRACKED.has(resource)) meta.generation = 1;
		else delete meta.generation;
		return this.commit(resource, 'ADDED', object) as T;
	}

	/**
	 * Replace the main resource. Status is kept from the stored object; generation follows A.17.
	 * A non-empty metadata.resourceVersion must match (409 otherwise).
	 */
	update<T extends KubeObject>(resource: Resource, input: T): T {
		const current = this.existing(resource, input);
		const object = structuredClone(input) as KubeObject & {status?: unknown; spec?: unknown};
		const old = current as KubeObject & {status?: unknown; spec?: unknown};
		this.keepIdentity(object, old);
		if ('status' in old) object.status = structuredClone(old.status);
		else delete object.status;
		if (GENERATION_TRACKED.has(resource)) {
			const specChanged = !deepEqual(object.spec, old.spec);
			const annotationsChanged = resource === 'deployments' && !deepEqual(object.metadata.annotations ?? {}, old.metadata.annotations ?? {});
			object.metadata.generation = (old.metadata.generation ?? 1) + (specChanged || annotationsChanged ? 1 : 0);
		}
		return this.commitIfChanged(resource, object, old) as T;
	}

	/** Replace status only: spec and labels are kept; annotations may change (A.17 point 3). */
	updateStatus<T extends KubeObject>(resource: Resource, input: T): T {
		const current = this.existing(resource, input);
		const object = structuredClone(current) as KubeObject & {status?: unknown};
		object.status = structuredClone((input as {status?: unknown}).status);
		if (input.metadata.annotations) object.metadata.annotations = structuredClone(input.metadata.annotations);
		return this.commitIfChanged(resource, object, current) as T;
	}

	/** Store any change to the object as-is except identity fields (used for pods' deletionTimestamp, finalizers). */
	replace<T extends KubeObject>(resource: Resource, input: T): T {
		const current = this.existing(resource, input);
		const object = structuredClone(input);
		this.keepIdentity(object, current);
		object.metadata.deletionTimestamp = input.metadata.deletionTimestamp;
		object.metadata.deletionGracePeriodSeconds = input.metadata.deletionGracePeriodSeconds;
		if (object.metadata.deletionTimestamp === undefined) delete object.metadata.deletionTimestamp;
		if (object.metadata.deletionGracePeriodSeconds === undefined) delete object.metadata.deletionGracePeriodSeconds;
		return this.commitIfChanged(resource, object, current) as T;
	}

	/** Remove the object now and emit DELETED with a fresh resourceVersion. */
	remove<T extends KubeObject = KubeObject>(resource: Resource, namespace: string | undefined, name: string): T {
		const map = this.objects.get(resource)!;
		const k = key(namespace, name);
		const current = map.get(k);
		if (!current) throw notFound(resource, RESOURCES[resource].group, name);
		map.delete(k);
		const object = structuredClone(current);
		object.metadata.resourceVersion = String(++this.rv);
		this.publish({rv: this.rv, type: 'DELETED', resource, object});
		return structuredClone(object) as T;
	}

	/** Synchronous, in-process listener for every change (controllers, watches). Returns unsubscribe. */
	subscribe(listener: (event: StoreEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * The history after `rv` as stored, oldest first, not copies (never mutate them); `undefined` when `rv`
	 * is older than the history window. For reads that only look, such as rebuilding a list as of `rv`.
	 */
	peekEventsSince(rv: number): readonly StoreEvent[] | undefined {
		if (rv < this.oldestResumable) return undefined;
		return this.history.slice(lowerBound(this.history, rv + 1));
	}

	/** Events after `rv`, oldest first; `undefined` when `rv` is older than the history window. */
	eventsSince(rv: number): StoreEvent[] | undefined {
		if (rv < this.oldestResumable) return undefined;
		const start = lowerBound(this.history, rv + 1);
		return this.history.slice(start).map(event => ({...event, object: structuredClone(event.object)}));
	}

	private existing(resource: Resource, input: KubeObject): KubeObject {
		const info = RESOURCES[resource];
		const name = input.metadata.name!;
		const current = this.objects.get(resource)!.get(key(info.namespaced ? input.metadata.namespace : undefined, name));
		if (!current) throw notFound(resource, info.group, name);
		const rv = input.metadata.resourceVersion;
		if (rv && rv !== current.metadata.resourceVersion) throw conflict(resource, info.group, name);
		return current;
	}

	private keepIdentity(object: KubeObject, old: KubeObject) {
		object.apiVersion = old.apiVersion;
		object.kind = old.kind;
		object.metadata.name = old.metadata.name;
		object.metadata.namespace = old.metadata.namespace;
		if (old.metadata.namespace === undefined) delete object.metadata.namespace;
		object.metadata.uid = old.metadata.uid;
		object.metadata.creationTimestamp = old.metadata.creationTimestamp;
		object.metadata.generation = old.metadata.generation;
		if (old.metadata.generation === undefined) delete object.metadata.generation;
		if (old.metadata.deletionTimestamp) object.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
		if (old.metadata.deletionGracePeriodSeconds !== undefined) object.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
	}

	private commitIfChanged(resource: Resource, object: KubeObject, old: KubeObject): KubeObject {
		object.metadata.resourceVersion = old.metadata.resourceVersion;
		if (deepEqual(object, old)) return structuredClone(old);
		return this.commit(resource, 'MODIFIED', object);
	}

	private commit(resource: Resource, type: StoreEventType, object: KubeObject): KubeObject {
		object.metadata.resourceVersion = String(++this.rv);
		this.objects.get(resource)!.set(key(object.metadata.namespace, object.metadata.name!), object);
		this.publish({rv: this.rv, type, resource, object: structuredClone(object)});
		return structuredClone(object);
	}

	private publish(event: StoreEvent) {
		this.history.push(event);
		if (this.history.length > this.historySize) this.history.splice(0, this.history.length - this.historySize);
		for (const listener of this.listeners) listener(event);
	}

	private generateName(resource: Resource, namespace: string | undefined, prefix: string): string {
		const map = this.objects.get(resource)!;
		for (;;) {
			let suffix = '';
			for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
			const name = prefix + suffix;
			if (!map.has(key(namespace, name))) return name;
		}
	}
}

function key(namespace: string | undefined, name: string): string {
	return `${namespace ?? ''}/${name}`;
}

function lowerBound(events: StoreEvent[], rv: number): number {
	let lo = 0;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (events[mid]!.rv < rv) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Structural equality of JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
	}
	const ka = Object.keys(a).filter(k => (a as Record<string, unknown>)[k] !== undefined);
	const kb = Object.keys(b).filter(k => (b as Record<string, unknown>)[k] !== undefined);
	return ka.length === kb.length && ka.every(k => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
