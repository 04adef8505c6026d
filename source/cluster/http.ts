// Authenticated raw HTTP to the API server. We skip client-node's typed APIs on purpose: they turn
// timestamps into Date objects (G.6), re-serialise patch bodies (dropping `$setElementOrder` and
// `null` deletes), and cannot stream. Auth (tokens, exec plugins, client certs, CAs) still comes
// from client-node's applySecurityAuthentication, so every kubeconfig kind keeps working.
import {HttpMethod, RequestContext} from '@kubernetes/client-node';
import type {KubeConfig} from '@kubernetes/client-node';
// The same undici client-node uses: its dispatchers (TLS, proxies) only fit this fetch.
import {fetch} from 'undici';
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

/** Sends one request; resolves with the response whatever its status. */
export async function kubeFetch(kc: KubeConfig, request: KubeRequest): Promise<Response> {
	const url = requestUrl(kc, request.path, request.query);
	const context = new RequestContext(url.toString(), HttpMethod.GET);
	await kc.applySecurityAuthentication(context);
	const key = `${kc.getCurrentContext()}`;
	let perConfig = dispatchers.get(kc);
	if (!perConfig) dispatchers.set(kc, (perConfig = new Map()));
	if (!perConfig.has(key)) perConfig.set(key, context.getDispatcher());
	return fetch(url, {
		method: request.method ?? 'GET',
		headers: {Accept: 'application/json', 'User-Agent': 'rollwatch', ...context.getHeaders(), ...request.headers},
		body: request.body,
		dispatcher: perConfig.get(key),
		signal: request.signal,
	});
}

/** Turns a non-2xx response into a KubeHttpError carrying the decoded metav1.Status. */
export async function httpError(response: Response): Promise<KubeHttpError> {
	let status: KubeStatus | undefined;
	try {
		const text = await response.text();
		const parsed = JSON.parse(text) as KubeStatus;
		if (parsed && typeof parsed === 'object' && parsed.kind === 'Status') status = parsed;
	} catch {
		// Not a Status body (a proxy's HTML error page, say): the HTTP status alone will do.
	}
	const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
	return new KubeHttpError(response.status, status, response.statusText, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
}

/** Sends one request and decodes a JSON answer; throws KubeHttpError on non-2xx. */
export async function kubeJson<T>(kc: KubeConfig, request: KubeRequest): Promise<T> {
	const response = await kubeFetch(kc, request);
	if (!response.ok) throw await httpError(response);
	return (await response.json()) as T;
}
