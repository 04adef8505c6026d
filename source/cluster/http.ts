// Authenticated raw HTTP to the API server. We skip client-node's typed APIs on purpose: they turn
// timestamps into Date objects (G.6), re-serialise patch bodies (dropping `$setElementOrder` and
// `null` deletes), and cannot stream. Auth (tokens, exec plugins, client certs, CAs) still comes
// from client-node's applySecurityAuthentication, so every kubeconfig kind keeps working.
import {STATUS_CODES} from 'node:http';
import {pipeline} from 'node:stream';
import type {Readable} from 'node:stream';
import {createBrotliDecompress, createGunzip, createInflate} from 'node:zlib';
import {HttpMethod, RequestContext} from '@kubernetes/client-node';
import type {KubeConfig} from '@kubernetes/client-node';
// The same undici client-node uses: its dispatchers (TLS, proxies) only fit this fetch and request.
import {fetch, request as undiciRequest} from 'undici';
import type {Dispatcher, Response} from 'undici';
import {KubeHttpError} from './errors.js';
import type {KubeStatus} from './errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

export type KubeRequest = {
	method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path below the server URL, e.g. `/apis/apps/v1/namespaces/shop/deployments`. */
	path: string;
	query?: Query;
	headers?: Record<string, string>;
	body?: string;
	signal?: AbortSignal;
};

// client-node builds a new undici Agent (and TLS session) per call; one per kubeconfig context is enough.
const dispatchers = new WeakMap<KubeConfig, Map<string, Dispatcher | undefined>>();

export function requestUrl(kc: KubeConfig, path: string, query: Query = {}): URL {
	const server = kc.getCurrentCluster()?.server;
	if (!server) throw new Error('the kubeconfig context has no cluster server');
	const url = new URL(server.replace(/\/$/, '') + path);
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
	}
	return url;
}

/** The URL, headers (auth included) and dispatcher (TLS, proxy) one request goes out with. */
async function prepare(kc: KubeConfig, request: KubeRequest): Promise<{url: URL; headers: Record<string, string>; dispatcher: Dispatcher | undefined}> {
	const url = requestUrl(kc, request.path, request.query);
	const context = new RequestContext(url.toString(), HttpMethod.GET);
	await kc.applySecurityAuthentication(context);
	const key = `${kc.getCurrentContext()}`;
	let perConfig = dispatchers.get(kc);
	if (!perConfig) dispatchers.set(kc, (perConfig = new Map()));
	if (!perConfig.has(key)) perConfig.set(key, context.getDispatcher());
	const headers = {Accept: 'application/json', 'User-Agent': 'rollwatch', ...context.getHeaders(), ...request.headers};
	return {url, headers, dispatcher: perConfig.get(key)};
}

/** Sends one request; resolves with the response whatever its status. */
export async function kubeFetch(kc: KubeConfig, request: KubeRequest): Promise<Response> {
	const {url, headers, dispatcher} = await prepare(kc, request);
	return fetch(url, {method: request.method ?? 'GET', headers, body: request.body, dispatcher, signal: request.signal});
}

/** A response whose body is a Node stream of Buffers, for the list and watch readers. */
export type KubeStreamResponse = {
	status: number;
	ok: boolean;
	statusText: string;
	/** One header's value, by lower-case name. */
	header(name: string): string | undefined;
	/** The body, decompressed when the server compressed it. Destroy it to give up on the rest. */
	body: Readable;
};

const DECOMPRESS: Record<string, () => NodeJS.ReadWriteStream> = {gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress};

/**
 * Sends one GET whose body is read as it arrives (lists, watches); resolves with the response whatever
 * its status. undici's request() hands the body over as Buffers on a Node stream; fetch's web stream
 * costs a promise, a decode and a copy per chunk, on the path every watch event takes. `acceptGzip`
 * asks for a compressed body (a list's can be megabytes; the API server does not compress watches).
 */
export async function kubeStream(kc: KubeConfig, request: KubeRequest & {acceptGzip?: boolean}): Promise<KubeStreamResponse> {
	const {url, headers, dispatcher} = await prepare(kc, request);
	if (request.acceptGzip) headers['Accept-Encoding'] = 'gzip';
	const response = await undiciRequest(url, {method: 'GET', headers, dispatcher, signal: request.signal});
	const header = (name: string): string | undefined => {
		const value = response.headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	const encoding = header('content-encoding')?.trim().toLowerCase();
	const decompress = encoding ? DECOMPRESS[encoding] : undefined;
	const body: Readable = decompress ? (pipeline(response.body, decompress(), () => undefined) as unknown as Readable) : response.body;
	const status = response.statusCode;
	return {status, ok: status >= 200 && status < 300, statusText: STATUS_CODES[status] ?? '', header, body};
}

/** Reads a stream response's body as text, for its error. */
async function bodyText(body: Readable): Promise<string> {
	const parts: Buffer[] = [];
	for await (const chunk of body) parts.push(chunk as Buffer);
	return Buffer.concat(parts).toString('utf8');
}

/** Turns a non-2xx response (fetch's or kubeStream's) into a KubeHttpError carrying the decoded metav1.Status. */
export async function httpError(response: Response | KubeStreamResponse): Promise<KubeHttpError> {
	let status: KubeStatus | undefined;
	try {
		const text = 'header' in response ? await bodyText(response.body) : await response.text();
		const parsed = JSON.parse(text) as KubeStatus;
		if (parsed && typeof parsed === 'object' && parsed.kind === 'Status') status = parsed;
	} catch {
		// Not a Status body (a proxy's HTML error page, say): the HTTP status alone will do.
	}
	const retryAfter = Number(('header' in response ? response.header('retry-after') : response.headers.get('retry-after')) ?? Number.NaN);
	return new KubeHttpError(response.status, status, response.statusText, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
}

/** Sends one request and decodes a JSON answer; throws KubeHttpError on non-2xx. */
export async function kubeJson<T>(kc: KubeConfig, request: KubeRequest): Promise<T> {
	const response = await kubeFetch(kc, request);
	if (!response.ok) throw await httpError(response);
	return (await response.json()) as T;
}
