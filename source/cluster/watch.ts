// A resilient list+watch for one resource in one namespace. We own the lifecycle rather than use
// client-node's informer, which stops for good on any non-410 error (G.4) and cannot count bad lines:
//   LIST → SYNCED → WATCH from the list RV (bookmarks on, timeoutSeconds) →
//   clean end / idle → WATCH again from the last RV;   410 (HTTP or ERROR event) → LIST again;
//   anything else → CONNECTION reconnecting, exponential backoff with jitter, then retry.
import type {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../k8s/types.js';
import type {ClusterEvent, ConnectionState, WatchedResource} from '../store/types.js';
import {objectKey} from '../store/types.js';
import {backoffDelay, DEFAULT_BACKOFF, sleep} from './backoff.js';
import type {Backoff} from './backoff.js';
import {describeApiError, httpStatusOf, KubeHttpError} from './errors.js';
import {httpError, kubeStream} from './http.js';
import type {ListHead} from './list-stream.js';
import {readList} from './list-stream.js';
import {collectionPath, RESOURCE_API} from './resources.js';
import {trimObject} from './trim.js';
import {readWatchStream} from './watch-stream.js';

export type WatchResourceOptions = {
	kc: KubeConfig;
	resource: WatchedResource;
	namespace: string;
	labelSelector?: string;
	fieldSelector?: string;
	/** Client-side narrowing when selectors cannot express the scope; objects that stop matching are reported DELETED. */
	filter?: (object: KubeObject) => boolean;
	onEvent: (event: ClusterEvent) => void;
	backoff?: Backoff;
	/** Server-side watch timeout; the stream then ends cleanly and we re-watch from the last RV. */
	timeoutSeconds?: number;
	/** No bytes for this long means a dead connection: re-watch. Defaults to timeoutSeconds + 30 s. */
	idleTimeoutMs?: number;
	now?: () => number;
	random?: () => number;
};

export type WatchStats = {lists: number; watches: number; malformedLines: number; failures: number};

export type WatchHandle = {
	/** Aborts in-flight requests and timers; no event is emitted after it returns. */
	stop(): void;
	/** Settles once the loop has exited (after stop()); nothing is in flight any more. */
	readonly done: Promise<void>;
	readonly stats: WatchStats;
};

const PAGE_SIZE = 500;
/** A list whose continue token expires this many times in a row fails (and backs off) instead. */
const MAX_LIST_RESTARTS = 2;
/** A watch that ends this fast with no events is a failure (client-go's "very short watch"), not a reason to spin. */
const SHORT_WATCH_MS = 1000;

export function watchResource(options: WatchResourceOptions): WatchHandle {
	const {kc, resource, namespace, labelSelector, fieldSelector, filter, onEvent} = options;
	const backoff = options.backoff ?? DEFAULT_BACKOFF;
	const timeoutSeconds = options.timeoutSeconds ?? 240;
	const idleTimeoutMs = options.idleTimeoutMs ?? (timeoutSeconds + 30) * 1000;
	const now = options.now ?? Date.now;
	const path = collectionPath(resource, namespace);
	const stopper = new AbortController();
	const stats: WatchStats = {lists: 0, watches: 0, malformedLines: 0, failures: 0};
	const visible = new Set<string>();
	let connection: ConnectionState = {status: 'connecting', since: now()};
	let resourceVersion: string | undefined;

	const emit = (event: ClusterEvent) => {
		if (!stopper.signal.aborted) onEvent(event);
	};
	const setConnection = (state: Omit<ConnectionState, 'since'>) => {
		const at = now();
		connection = {...state, since: state.status === connection.status ? connection.since : at};
		emit({type: 'CONNECTION', resource, state: connection});
	};
	const touch = () => setConnection({status: 'live', lastContactAt: now()});

	// Which objects passed the client-side filter, so one that stops matching is reported DELETED. Without
	// a filter the server's selectors decide and its event types are passed on: no set of every key
	// (10,000 pods: 10,000 key strings and a 10,000-entry table) is kept.
	const deliverSynced = (items: KubeObject[]) => {
		if (!filter) {
			emit({type: 'SYNCED', resource, objects: items, at: now()});
			return;
		}
		const kept = items.filter(filter);
		visible.clear();
		for (const object of kept) visible.add(objectKey(object));
		emit({type: 'SYNCED', resource, objects: kept, at: now()});
	};

	const deliver = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject) => {
		if (!filter) {
			emit({type, resource, object, at: now()});
			return;
		}
		const key = objectKey(object);
		if (type !== 'DELETED' && filter(object)) {
			emit({type: visible.has(key) ? 'MODIFIED' : 'ADDED', resource, object, at: now()});
			visible.add(key);
		} else if (visible.delete(key)) {
			emit({type: 'DELETED', resource, object, at: now()});
		}
	};

	const list = async (): Promise<void> => {
		let items: KubeObject[] = [];
		let continueToken: string | undefined;
		let restarts = 0;
		for (;;) {
			const {apiVersion, kind} = RESOURCE_API[resource];
			const pageItems: KubeObject[] = [];
			let page: ListHead;
			try {
				const response = await kubeStream(kc, {path, query: {labelSelector, fieldSelector, limit: PAGE_SIZE, continue: continueToken}, signal: stopper.signal, acceptGzip: true});
				if (!response.ok) throw await httpError(response);
				// Item by item as the body arrives (list-stream.ts), trimmed at once: the store holds every
				// object for the whole session (trim.ts), the rest of a page is garbage.
				page = await readList(response.body, item => {
					// A null or scalar item is the server's bug; dropping it keeps the rest of the list usable.
					// List items carry no kind/apiVersion; watch objects do. Make both look the same.
					if (item && typeof item === 'object') pageItems.push(trimObject(resource, {apiVersion, kind, ...(item as KubeObject)}));
				});
			} catch (error) {
				// The list's resourceVersion left the server's history between two pages (410 Expired): the
				// pages so far and the rest would not make one consistent list, so start again from the first
				// page, as client-go's pager does. A server that keeps expiring it gets the usual backoff.
				if (continueToken === undefined || httpStatusOf(error) !== 410 || ++restarts > MAX_LIST_RESTARTS) throw error;
				items = [];
				continueToken = undefined;
				continue;
			}
			for (const item of pageItems) items.push(item);
			continueToken = page.metadata?.continue || undefined;
			if (continueToken === undefined) {
				// Every page of one list carries the first page's resourceVersion: the watch starts from there.
				resourceVersion = page.metadata?.resourceVersion ?? '';
				break;
			}
		}
		stats.lists++;
		deliverSynced(items);
		touch();
	};

	/** One watch request; returns how it ended, or throws for failures that need a backoff. */
	const watchOnce = async (): Promise<{ended: 'closed' | 'expired' | 'idle'; events: number}> => {
		const attempt = new AbortController();
		const signal = AbortSignal.any([stopper.signal, attempt.signal]);
		const query = {watch: 'true', resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds, labelSelector, fieldSelector};
		const response = await kubeStream(kc, {path, query, signal});
		stats.watches++;
		if (response.status === 410) {
			// Given up on unread: the body reports that as an error no one needs to hear.
			response.body.on('error', () => undefined).destroy();
			return {ended: 'expired', events: 0};
		}
		if (!response.ok) throw await httpError(response);
		touch();
		const result = await readWatchStream(response.body, {
			signal,
			idleTimeoutMs,
			onIdle: () => attempt.abort(),
			onMalformed: () => stats.malformedLines++,
			onEvent: (type, object) => {
				resourceVersion = object.metadata.resourceVersion || resourceVersion;
				if (type === 'BOOKMARK') touch();
				else deliver(type, trimObject(resource, object));
			},
		});
		if (result.ended === 'aborted') return {ended: attempt.signal.aborted && !stopper.signal.aborted ? 'idle' : 'closed', events: result.events};
		return {ended: result.ended, events: result.events};
	};

	const run = async () => {
		setConnection({status: 'connecting'});
		let failures = 0;
		while (!stopper.signal.aborted) {
			try {
				if (resourceVersion === undefined) {
					await list();
					failures = 0;
				}
				const started = now();
				const {ended, events} = await watchOnce();
				if (ended === 'expired') {
					resourceVersion = undefined;
					continue;
				}
				if (events > 0) failures = 0;
				else if (ended === 'closed' && now() - started < SHORT_WATCH_MS && !stopper.signal.aborted) throw new Error('the watch closed immediately');
			} catch (error) {
				if (stopper.signal.aborted) break;
				if (httpStatusOf(error) === 410 && resourceVersion !== undefined) {
					resourceVersion = undefined;
					continue;
				}
				failures++;
				stats.failures++;
				// A 429 or 503 may say how long to wait: never retry sooner than asked (within our cap).
				const asked = error instanceof KubeHttpError && error.retryAfterSeconds !== undefined ? Math.min(error.retryAfterSeconds * 1000, backoff.maxMs) : 0;
				const delay = Math.max(backoffDelay(failures, backoff, options.random), asked);
				setConnection({status: 'reconnecting', lastContactAt: connection.lastContactAt, error: describeApiError(error, {kc}), retryAt: now() + delay});
				await sleep(delay, stopper.signal);
			}
		}
	};

	// run() catches per attempt; this only guards against an onEvent that throws while reporting a failure.
	const done = run().catch(() => undefined);
	return {
		stop: () => stopper.abort(),
		done,
		stats,
	};
}
