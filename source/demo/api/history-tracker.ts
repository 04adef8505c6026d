// Remembers, for each stored change, the object's state just before it, so a watch resumed from an
// older resourceVersion can tell "moved into the selector" (ADDED) from "moved out" (DELETED), as the
// API server's watch cache does. Holds references to objects the store already keeps in its history.
import type {KubeObject} from '../../k8s/types.js';
import type {ObjectStore, StoreEvent} from '../objects.js';

export type HistoryTracker = {previousOf(rv: number): KubeObject | null | undefined; stop(): void};

export function createHistoryTracker(store: ObjectStore): HistoryTracker {
	const current = new Map<string, KubeObject>();
	const previous = new Map<number, KubeObject | null>();
	const startRv = store.resourceVersion;
	for (const resource of ['namespaces', 'pods', 'services', 'endpoints', 'events', 'deployments', 'replicasets', 'endpointslices'] as const) {
		for (const object of store.list(resource)) current.set(key(resource, object), object);
	}
	let sincePrune = 0;
	const unsubscribe = store.subscribe((event: StoreEvent) => {
		const k = key(event.resource, event.object);
		previous.set(event.rv, current.get(k) ?? null);
		if (event.type === 'DELETED') current.delete(k);
		else current.set(k, event.object);
		if (++sincePrune >= 1000) {
			sincePrune = 0;
			const oldest = store.oldestResumable;
			for (const rv of previous.keys()) {
				if (rv > oldest) break;
				previous.delete(rv);
			}
		}
	});
	return {
		previousOf: rv => (rv <= startRv ? undefined : previous.get(rv)),
		stop: unsubscribe,
	};
}

function key(resource: string, object: KubeObject): string {
	return `${resource}/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}
