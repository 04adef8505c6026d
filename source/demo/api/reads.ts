// GET on collections (list, watch) and items, as JSON or as a server-printed Table.
import {ApiError, notFound} from '../status.js';
import {apiVersionOf} from './catalog.js';
import type {RequestContext} from './context.js';
import {objectsOf, toWire} from './context.js';
import {sendJson} from './http.js';
import {objectFilter} from './list-options.js';
import type {ListPage} from './list-pages.js';
import {listPage, storedObjectsAt} from './list-pages.js';
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
	const spansNamespaces = resource.namespaced && namespace === undefined;
	const page = listPage({
		query,
		newest: store.resourceVersion,
		// The stored objects, not copies: a page only reads them (10,000 pods were cloned per list).
		objectsAt: rv => (resource.store ? storedObjectsAt(store, resource.store, rv, ctx.hooks.previousOf) : objectsOf(resource, store, ctx.hooks)),
		keyOf: object => (spansNamespaces ? `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '')),
		filter,
	});
	sendList(ctx, {...page, items: page.items.map(object => toWire(resource, object))});
}

function sendList(ctx: RequestContext, page: ListPage) {
	const {resource, representation, query} = ctx;
	const {items, ...listMeta} = page;
	if (representation.kind === 'table') {
		sendJson(ctx.res, 200, toTable(resource, items, {now: ctx.store.clock.now(), includeObject: parseIncludeObject(query.get('includeObject')), version: representation.version, listMeta, withColumns: true}));
		return;
	}
	// Items of a typed list carry no kind/apiVersion on the wire, as from a real server.
	const bare = items.map(({kind: _kind, apiVersion: _apiVersion, ...rest}) => rest);
	sendJson(ctx.res, 200, {kind: `${resource.kind}List`, apiVersion: apiVersionOf(resource), metadata: listMeta, items: bare});
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
