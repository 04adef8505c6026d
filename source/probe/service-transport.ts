// `--probe svc/NAME[:PORT][/PATH]`: through the API server's service proxy, with the kubeconfig's
// credentials. The proxy call itself lives in source/cluster (the only layer that talks to the API); it is
// passed in, so the prober never imports client-node.
import type {ProbeResponse, ProbeTransport} from './types.js';

export type ServiceProxyRequest = {
	namespace: string;
	service: string;
	port?: string;
	path: string;
	timeoutMs: number;
	signal: AbortSignal;
};

/** The shape of source/cluster/proxy.ts `serviceProxyGet`, minus what the caller binds (the kubeconfig). */
export type ServiceProxyGet = (request: ServiceProxyRequest) => Promise<ProbeResponse>;

export function serviceTransport(
	get: ServiceProxyGet,
	target: {namespace: string; service: string; port?: string; path: string; timeoutMs: number},
): ProbeTransport {
	return async signal => {
		const {status, headers, body} = await get({...target, signal});
		return {status, headers, body};
	};
}
