// An authenticated GET through the API server's service proxy
// (/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH): the prober reaches in-cluster Services
// with the kubeconfig's credentials, no port-forward needed.
import type {KubeConfig} from '@kubernetes/client-node';
import type {Response} from 'undici';
import {kubeFetch} from './http.js';

export type ServiceProxyOptions = {
	kc: KubeConfig;
	namespace: string;
	service: string;
	/** Port name or number; the Service's first port when absent. */
	port?: string;
	/** Path on the service, e.g. `/version`; may carry a query. */
	path: string;
	timeoutMs: number;
	signal?: AbortSignal;
	/** Bytes of body kept (the prober only reads the start). */
	maxBodyBytes?: number;
};

export type ServiceProxyResponse = {status: number; headers: Record<string, string>; body: string; ms: number};

export function serviceProxyPath(namespace: string, service: string, port: string | undefined, path: string): string {
	// The colon stays literal, as kubectl writes it: some servers route on the raw path.
	const target = port ? `${encodeURIComponent(service)}:${encodeURIComponent(port)}` : encodeURIComponent(service);
	const rest = path.startsWith('/') ? path : `/${path}`;
	return `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${target}/proxy${rest}`;
}

/** Throws on network failure or timeout (the caller counts it as a failed probe); any HTTP status resolves. */
export async function serviceProxyGet(options: ServiceProxyOptions): Promise<ServiceProxyResponse> {
	const started = performance.now();
	const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
	const [pathOnly, query = ''] = options.path.split('?', 2) as [string, string?];
	const path = serviceProxyPath(options.namespace, options.service, options.port, pathOnly) + (query ? `?${query}` : '');
	const response = await kubeFetch(options.kc, {path, headers: {Accept: '*/*'}, signal: AbortSignal.any(signals)});
	const body = await readLimited(response.body, options.maxBodyBytes ?? 64 * 1024);
	const headers: Record<string, string> = {};
	response.headers.forEach((value, key) => {
		headers[key.toLowerCase()] = value;
	});
	return {status: response.status, headers, body, ms: Math.round(performance.now() - started)};
}

async function readLimited(stream: Response['body'], limit: number): Promise<string> {
	if (!stream) return '';
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let bytes = 0;
	try {
		while (bytes < limit) {
			const {done, value} = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			text += decoder.decode(value, {stream: true});
		}
		return text.slice(0, limit);
	} finally {
		reader.cancel().catch(() => undefined);
	}
}
