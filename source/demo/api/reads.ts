// GET on collections (list, watch) and items, as JSON or as a server-printed Table.
import type {KubeObject} from '../../k8s/types.js';
import {ApiError, notFound} from '../status.js';
import {apiVersionOf} from './catalog.js';
import type {RequestContext} from './context.js';
import {objectsOf, toWire} from './context.js';
import {sendJson} from './http.js';
import {byKey, objectFilter} from './list-options.js';
import {parseIncludeObject, toTable} from './tables.js';
import {serveWatch, validateWatchOptions} from './watch.js';

export function isWatch(query: URLSearchParams): boolean {
	const watch = query.get('watch');
	return watch === 'true' || watch === '1';
}

export function handleCollectionGet(ctx: RequestContext) {
	const {store, resource, namespace, query} = ctx;
	const filter = objectFilter(resource, namespace, query);
	if (isWatch(query)) {
		validateWatchOptions(query);
		serveWatch({
			req: ctx.req,
			res: ctx.res,
			store,
			resource,
			filter,
			query,
			representation: ctx.representation,
			includeObject: parseIncludeObject(query.get('includeObject')),
			toWire: object => toWire(resource, object),
			previousOf: ctx.hooks.previousOf,
			registry: ctx.hooks.registry,
			bookmarkIntervalMs: ctx.hooks.bookmarkIntervalMs,
			initial: () => objectsOf(resource, store, ctx.hooks),
		});
		return;
	}
	if (query.get('sendInitialEvents') !== null) {
		throw new ApiError(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list', {kind: 'ListOptions', group: 'meta.k8s.io'});
	}
	const items = objectsOf(resource, store, ctx.hooks).filter(filter).sort(byKey).map(object => toWire(resource, object));
	const resourceVersion = String(store.resourceVersion);
	sendList(ctx, items, resourceVersion);
}

function sendList(ctx: RequestContext, items: KubeObject[], resourceVersion: string) {
	const {resource, representation, query} = ctx;
	if (representation.kind === 'table') {
		sendJson(ctx.res, 200, toTable(resource, items, {now: ctx.store.clock.now(), includeObject: parseIncludeObject(query.get('includeObject')), version: representation.version, resourceVersion, withColumns: true}));
		return;
	}
	// Items of a typed list carry no kind/apiVersion on the wire, as from a real server.
	const bare = items.map(({kind: _kind, apiVersion: _apiVersion, ...rest}) => rest);
	sendJson(ctx.res, 200, {kind: `${resource.kind}List`, apiVersion: apiVersionOf(resource), metadata: {resourceVersion}, items: bare});
}

export function handleItemGet(ctx: RequestContext) {
	const {store, resource, namespace, name} = ctx;
	const object = resource.store ? store.get(resource.store, namespace, name!) : objectsOf(resource, store, ctx.hooks).find(o => o.metadata.name === name);
	if (!object) throw notFound(resource.name, resource.group, name!);
	const wire = toWire(resource, object);
	if (ctx.representation.kind === 'table') {
		sendJson(ctx.res, 200, toTable(resource, [wire], {now: store.clock.now(), includeObject: parseIncludeObject(ctx.query.get('includeObject')), version: ctx.representation.version, resourceVersion: object.metadata.resourceVersion, withColumns: true}));
		return;
	}
	sendJson(ctx.res, 200, wire);
}
