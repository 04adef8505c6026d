// A direct http(s) transport for `--probe http://…`. One connection per request (no keep-alive agent):
// a load balancer or kube-proxy picks a backend per connection, so reused connections would show one
// pod's version over and over, and nothing stays open once the prober stops.
import http from 'node:http';
import https from 'node:https';
import type {ProbeResponse, ProbeTransport} from './types.js';

/** Enough of the body to find a version in; the rest is discarded. */
export const MAX_PROBE_BODY_BYTES = 64 * 1024;

export type HttpTransportOptions = {
	headers?: Record<string, string>;
	maxBodyBytes?: number;
};

export function httpTransport(url: string, options: HttpTransportOptions = {}): ProbeTransport {
	const parsed = new URL(url);
	const client = parsed.protocol === 'https:' ? https : http;
	const maxBodyBytes = options.maxBodyBytes ?? MAX_PROBE_BODY_BYTES;
	const headers = {'user-agent': 'rollwatch-probe', accept: '*/*', ...options.headers};
	return signal =>
		new Promise<ProbeResponse>((resolve, reject) => {
			if (signal.aborted) {
				reject(signal.reason);
				return;
			}
			const request = client.get(parsed, {agent: false, headers});
			const onAbort = () => {
				request.destroy();
				reject(signal.reason);
			};
			signal.addEventListener('abort', onAbort, {once: true});
			const done = () => signal.removeEventListener('abort', onAbort);
			request.on('error', error => {
				done();
				reject(error);
			});
			request.on('response', response => {
				const chunks: Buffer[] = [];
				let size = 0;
				const finish = () => {
					done();
					resolve({status: response.statusCode ?? 0, headers: flatten(response.headers), body: Buffer.concat(chunks).toString('utf8')});
				};
				response.on('data', (chunk: Buffer) => {
					if (size >= maxBodyBytes) return;
					chunks.push(chunk.subarray(0, maxBodyBytes - size));
					size += chunk.length;
					if (size >= maxBodyBytes) {
						finish();
						response.destroy();
					}
				});
				response.on('end', finish);
				response.on('error', error => {
					done();
					reject(error);
				});
			});
		});
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}
