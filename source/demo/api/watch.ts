// Watch streams: newline-delimited JSON events over a chunked 200 response, with the API server's
// resourceVersion semantics (synthetic ADDEDs for ""/"0", replay after N, 410 inside the stream when N
// is too old), selector transitions, bookmarks, streaming lists (sendInitialEvents) and Table events.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {KubeObject} from '../../k8s/types.js';
import type {ObjectStore, StoreEvent} from '../objects.js';
import {ApiError, gone} from '../status.js';
import type {ApiResource} from './catalog.js';
import {apiVersionOf} from './catalog.js';
import type {Representation} from './http.js';
import type {ObjectFilter} from './list-options.js';
import {byKey} from './list-options.js';
import type {IncludeObject} from './tables.js';
import {toTable} from './tables.js';

/** An open watch, as the server's fault injection and shutdown see it. */
export type OpenWatch = {end(): void; writeRaw(text: string): void};

export type WatchContext = {
	req: IncomingMessage;
	res: ServerResponse;
	store: ObjectStore;
	resource: ApiResource;
	filter: ObjectFilter;
	query: URLSearchParams;
	representation: Representation;
	includeObject: IncludeObject;
	/** Stored (core) object → what this URL serves (events.k8s.io conversion). */
	toWire(object: KubeObject): KubeObject;
	/** The object's state before the change stored at `rv` (null: it did not exist; undefined: unknown). */
	previousOf(rv: number): KubeObject | null | undefined;
	registry: Set<OpenWatch>;
	bookmarkIntervalMs: number;
	/** The collection's current objects, for synthetic ADDEDs. */
	initial(): KubeObject[];
};

/** Rejections a real server makes before the stream starts (422 as in reference B/D.3). */
export function validateWatchOptions(query: URLSearchParams) {
	const sendInitial = query.get('sendInitialEvents');
	const match = query.get('resourceVersionMatch');
	const invalid = (field: string, detail: string) => new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${field}: Forbidden: ${detail}`, {kind: 'ListOptions', group: 'meta.k8s.io', causes: [{reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field}]});
	if (sendInitial === 'true' && match !== 'NotOlderThan') throw invalid('resourceVersionMatch', "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
	if (match && sendInitial === null) throw invalid('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
	if (sendInitial === 'true' && query.get('allowWatchBookmarks') !== 'true') throw invalid('allowWatchBookmarks', 'sendInitialEvents requires setting allowWatchBookmarks to true');
	const rv = query.get('resourceVersion');
	if (rv && !/^\d+$/.test(rv)) throw new ApiError(400, 'BadRequest', `invalid resource version: ${rv}`);
}

export function serveWatch(ctx: WatchContext) {
	const {req, res, store, resource, filter, query} = ctx;
	const rvText = query.get('resourceVersion') ?? '';
	const sendInitial = query.get('sendInitialEvents') === 'true';
	const bookmarks = query.get('allowWatchBookmarks') === 'true';
	let firstTableEvent = true;
	let lastRv = store.resourceVersion;

	res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
	res.flushHeaders();

	const send = (type: string, object: KubeObject | Record<string, unknown>) => {
		if (res.writableEnded || res.destroyed) return;
		let payload: unknown = object;
		if ((type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') && ctx.representation.kind === 'table') {
			payload = toTable(resource, [ctx.toWire(object as KubeObject)], {now: store.clock.now(), includeObject: ctx.includeObject, version: ctx.representation.version, resourceVersion: (object as KubeObject).metadata.resourceVersion, withColumns: firstTableEvent});
			firstTableEvent = false;
		} else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
			payload = ctx.toWire(object as KubeObject);
		}
		res.write(`${JSON.stringify({type, object: payload})}\n`);
	};

	const finish = () => {
		if (res.writableEnded) return;
		res.end();
	};

	const numericRv = rvText === '' ? 0 : Number(rvText);
	if (!sendInitial && numericRv > 0) {
		const replay = store.eventsSince(numericRv);
		if (!replay) {
			send('ERROR', gone(`too old resource version: ${numericRv} (${store.oldestResumable})`).toStatus());
			finish();
			return;
		}
		for (const event of replay) deliver(event);
	} else {
		const initial = ctx.initial().filter(filter).sort(byKey);
		for (const object of initial) send('ADDED', object);
		if (sendInitial) send('BOOKMARK', bookmark(resource, store.resourceVersion, true));
	}

	function deliver(event: StoreEvent) {
		if (event.resource !== resource.store) return;
		lastRv = event.rv;
		const now = filter(event.object);
		if (event.type === 'ADDED') {
			if (now) send('ADDED', event.object);
			return;
		}
		if (event.type === 'DELETED') {
			if (now) send('DELETED', event.object);
			return;
		}
		const previous = ctx.previousOf(event.rv);
		// Unknown history: assume the client saw the object iff it matches now.
		const before = previous === undefined ? now : previous !== null && filter(previous);
		if (now && before) send('MODIFIED', event.object);
		else if (now) send('ADDED', event.object);
		else if (before && previous) send('DELETED', {...previous, metadata: {...previous.metadata, resourceVersion: String(event.rv)}});
	}

	const unsubscribe = store.subscribe(deliver);
	const timers: NodeJS.Timeout[] = [];
	const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '');
	const timeoutMs = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
	timers.push(
		setTimeout(() => {
			if (bookmarks) send('BOOKMARK', bookmark(resource, Math.max(lastRv, store.resourceVersion)));
			finish();
		}, timeoutMs),
	);
	if (bookmarks) timers.push(setInterval(() => send('BOOKMARK', bookmark(resource, Math.max(lastRv, store.resourceVersion))), ctx.bookmarkIntervalMs));

	const open: OpenWatch = {
		end: finish,
		writeRaw(text) {
			if (!res.writableEnded && !res.destroyed) res.write(text);
		},
	};
	ctx.registry.add(open);
	const cleanup = () => {
		unsubscribe();
		for (const timer of timers) clearTimeout(timer);
		ctx.registry.delete(open);
	};
	res.on('close', cleanup);
	res.on('finish', cleanup);
	req.on('close', () => {
		if (!res.writableEnded) res.end();
	});
}

/** The typed skeleton a real server sends as a BOOKMARK's object (see the recordings). */
export function bookmark(resource: ApiResource, rv: number, initialEventsEnd = false): Record<string, unknown> {
	const metadata: Record<string, unknown> = {resourceVersion: String(rv), creationTimestamp: null};
	if (initialEventsEnd) metadata.annotations = {'k8s.io/initial-events-end': 'true'};
	const base = {kind: resource.kind, apiVersion: apiVersionOf(resource), metadata};
	const template = {metadata: {creationTimestamp: null}, spec: {containers: null}};
	switch (resource.store) {
		case 'deployments':
			return {...base, spec: {replicas: 0, selector: null, template, strategy: {}}, status: {}};
		case 'replicasets':
			return {...base, spec: {replicas: 0, selector: null, template}, status: {replicas: 0}};
		case 'pods':
			return {...base, spec: {containers: null}, status: {}};
		case 'services':
			return {...base, spec: {}, status: {loadBalancer: {}}};
		case 'endpointslices':
			return {...base, addressType: '', endpoints: null, ports: null};
		case 'events':
			return resource.group === 'events.k8s.io' ? {...base, eventTime: null} : {...base, involvedObject: {}, source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: ''};
		case 'namespaces':
			return {...base, spec: {}, status: {}};
		default:
			return base;
	}
}
