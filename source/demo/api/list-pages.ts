// Chunked lists (`limit` and `continue`), as the API server pages a list out of etcd:
// - items come in key order (namespace/name); a page holds at most `limit` of the items that match;
// - `continue` is opaque to clients; ours has the API server's own shape, base64url of
//   {"v":"meta.k8s.io/v1","rv":<the list's resourceVersion>,"start":"<key of the last item>\u0000"},
//   so every page of one list is read as of the first page's resourceVersion, and says so;
// - a token whose resourceVersion has left the history window (etcd compacted it) gets 410 Expired,
//   with a token in the Status's metadata that resumes at the same key from the newest state (rv -1:
//   an inconsistent rest of the list, for clients that accept one);
// - remainingItemCount only when no label or field selector narrowed the list;
// - resourceVersion=0 ("any", served from the watch cache) ignores `limit`, as the cache does: a server
//   may always answer a limited list whole (D.2);
// - resourceVersion=N with a limit and no resourceVersionMatch is the legacy "exact" list: as of N.
import type {KubeObject} from '../../k8s/types.js';
import type {ObjectStore, Resource} from '../objects.js';
import {ApiError, badRequest} from '../status.js';

export type ContinueToken = {rv: number; start: string};

export type ListPage = {items: KubeObject[]; resourceVersion: string; continue?: string; remainingItemCount?: number};

const TOKEN_VERSION = 'meta.k8s.io/v1';
const INCONSISTENT =
	'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function encodeContinue(token: ContinueToken): string {
	return Buffer.from(JSON.stringify({v: TOKEN_VERSION, rv: token.rv, start: token.start})).toString('base64url');
}

/** The token's list position and resourceVersion; 400 BadRequest for anything we did not hand out. */
export function decodeContinue(value: string): ContinueToken {
	const invalid = (why: string) => badRequest(`invalid continue token: continue key is not valid: ${why}`);
	if (!/^[\w-]+$/.test(value)) throw invalid('illegal base64 data');
	let token: {v?: unknown; rv?: unknown; start?: unknown};
	try {
		token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as typeof token;
	} catch {
		throw invalid('not a continue token');
	}
	if (token?.v !== TOKEN_VERSION) throw invalid(`server does not recognize this encoded version ${JSON.stringify(String(token?.v ?? ''))}`);
	if (typeof token.rv !== 'number' || !Number.isSafeInteger(token.rv) || token.rv === 0 || token.rv < -1) throw invalid(`incorrect encoded start resourceVersion (version ${TOKEN_VERSION})`);
	if (typeof token.start !== 'string' || token.start === '') throw invalid(`encoded start key empty (version ${TOKEN_VERSION})`);
	// As the API server: a start key may not climb out of the collection ("../", "//", "/./").
	const path = `/${token.start.replace(/\0$/, '')}`;
	if (/\/\.{0,2}(?:\/|$)/.test(path)) throw invalid(token.start);
	return {rv: token.rv, start: token.start};
}

export type PageRequest = {
	query: URLSearchParams;
	/** The store's newest resourceVersion. */
	newest: number;
	/** The collection's objects as of `rv` (the newest when undefined); undefined once `rv` left the history. */
	objectsAt(rv: number | undefined): readonly KubeObject[] | undefined;
	/** Where an object sits in the collection: its name, or namespace/name when the list spans namespaces. */
	keyOf(object: KubeObject): string;
	filter(object: KubeObject): boolean;
};

function parseLimit(text: string | null): number | undefined {
	if (text === null || !/^\d+$/.test(text)) return undefined;
	const limit = Number(text);
	return limit > 0 ? limit : undefined;
}

/** One page of a list (the whole list when no limit applies), in key order. */
export function listPage(request: PageRequest): ListPage {
	const {query, newest} = request;
	const limit = parseLimit(query.get('limit'));
	const continueValue = query.get('continue') ?? '';
	const requested = query.get('resourceVersion') ?? '';
	let asOf: number | undefined;
	let start = '';
	if (continueValue !== '') {
		if (requested !== '' && requested !== '0') throw badRequest('specifying resource version is not allowed when using continue');
		const token = decodeContinue(continueValue);
		start = token.start;
		if (token.rv > 0) asOf = token.rv;
	} else if (limit !== undefined && /^\d+$/.test(requested) && requested !== '0' && !query.get('resourceVersionMatch')) {
		asOf = Number(requested);
	}
	const objects = asOf === undefined || asOf === newest ? request.objectsAt(undefined) : asOf < newest ? request.objectsAt(asOf) : undefined;
	if (!objects) {
		if (continueValue !== '') throw new ApiError(410, 'Expired', INCONSISTENT, undefined, {continue: encodeContinue({rv: -1, start})});
		throw new ApiError(410, 'Expired', 'The resourceVersion for the provided list is too old.');
	}
	const resourceVersion = asOf ?? newest;
	const keyed: Array<{key: string; object: KubeObject}> = [];
	for (const object of objects) {
		const key = request.keyOf(object);
		if (key >= start && request.filter(object)) keyed.push({key, object});
	}
	keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const paging = limit !== undefined && (continueValue !== '' || requested !== '0');
	if (!paging || keyed.length <= limit) return {items: keyed.map(entry => entry.object), resourceVersion: String(resourceVersion)};
	const page = keyed.slice(0, limit);
	const selectors = Boolean(query.get('labelSelector')) || Boolean(query.get('fieldSelector'));
	return {
		items: page.map(entry => entry.object),
		resourceVersion: String(resourceVersion),
		continue: encodeContinue({rv: resourceVersion, start: `${page.at(-1)!.key}\0`}),
		...(selectors ? {} : {remainingItemCount: keyed.length - limit}),
	};
}

/**
 * A stored collection as of `rv`: the newest objects with every later change undone, newest first, from
 * the state each change replaced (`previousOf`, the server's history tracker). Undefined when `rv` is
 * older than the store's history or a change's prior state is no longer known. Returns the stored
 * objects themselves: read them, never change them.
 */
export function storedObjectsAt(store: ObjectStore, resource: Resource, rv: number | undefined, previousOf: (rv: number) => KubeObject | null | undefined): readonly KubeObject[] | undefined {
	const newest = store.peek(resource);
	if (rv === undefined) return newest;
	const events = store.peekEventsSince(rv);
	if (!events) return undefined;
	if (!events.some(event => event.resource === resource)) return newest;
	const byKey = new Map<string, KubeObject>(newest.map(object => [storeKey(object), object]));
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.resource !== resource) continue;
		const before = previousOf(event.rv);
		if (before === undefined) return undefined;
		if (before === null) byKey.delete(storeKey(event.object));
		else byKey.set(storeKey(event.object), before);
	}
	return [...byKey.values()];
}

const storeKey = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
