// What every resource handler receives: the parsed request, the store, and server-wide hooks.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {KubeEvent, KubeObject} from '../../k8s/types.js';
import type {ObjectStore, Resource} from '../objects.js';
import type {ApiResource} from './catalog.js';
import {coreToEventsV1, eventsV1ToCore} from './events-v1.js';
import type {Representation} from './http.js';
import type {OpenWatch} from './watch.js';
import type {NodeSource} from './nodes.js';
import {listNodes} from './nodes.js';

export type AdmitVerb = 'create' | 'update' | 'patch';
export type AdmitHook = (resource: Resource, verb: AdmitVerb, object: KubeObject) => void;

export type ServerHooks = {
	registry: Set<OpenWatch>;
	nodes: NodeSource;
	previousOf(rv: number): KubeObject | null | undefined;
	bookmarkIntervalMs: number;
	onAdmit?: AdmitHook;
};

export type RequestContext = {
	req: IncomingMessage;
	res: ServerResponse;
	query: URLSearchParams;
	store: ObjectStore;
	resource: ApiResource;
	namespace?: string;
	name?: string;
	subresource?: string;
	representation: Representation;
	hooks: ServerHooks;
};

/** Stored (core) object → what this URL serves. */
export function toWire(resource: ApiResource, object: KubeObject): KubeObject {
	return resource.group === 'events.k8s.io' ? coreToEventsV1(object as KubeEvent) : object;
}

/** Request body → what the store holds. */
export function fromWire(resource: ApiResource, object: KubeObject): KubeObject {
	return resource.group === 'events.k8s.io' ? eventsV1ToCore(object as KubeObject & Record<string, unknown>) : object;
}

/** What a collection holds: the store's objects, or a virtual resource's (nodes; always-empty HPAs). */
export function objectsOf(resource: ApiResource, store: ObjectStore, hooks: ServerHooks): KubeObject[] {
	if (resource.store) return store.list(resource.store);
	return resource.name === 'nodes' ? listNodes(store, hooks.nodes) : [];
}

export const isDryRun = (query: URLSearchParams) => query.getAll('dryRun').includes('All');
