// The simulated app behind every demo Service, reached through the API server's service proxy.
// Like kube-proxy it picks a random ready endpoint; the answer names the version it runs (seed 001:
// v1 says "Hello World!", v2 "Howdy World!") so a prober can tell versions apart. A pod that is Ready
// only because it has no readiness probe, while its app is still starting, refuses the connection
// (seed 004's dropped requests).
import type {EndpointSlice, Pod, Service} from '../k8s/types.js';
import type {ObjectStore} from './objects.js';
import type {ProxyRequest, ProxyResponse} from './server.js';
import {serviceNameLabel} from '../rollout/traffic.js';
import {imageRepository, imageTag} from './controllers/settings.js';

export type AppOptions = {store: ObjectStore; isServing(pod: Pod): boolean; random?: () => number};

const GREETINGS = ['Hello', 'Howdy', 'Hi', 'Hey', 'Greetings', 'Ahoy'];

export function createAppProxy(options: AppOptions): (request: ProxyRequest) => ProxyResponse {
	const random = options.random ?? Math.random;
	return request => {
		const {store} = options;
		const service = store.get<Service>('services', request.namespace, request.service);
		if (!service) return status(404, 'NotFound', `services "${request.service}" not found`, request.service);
		const ready = store
			.list<EndpointSlice>('endpointslices', request.namespace)
			.filter(slice => slice.metadata.labels?.[serviceNameLabel] === request.service)
			.flatMap(slice => slice.endpoints ?? [])
			.filter(endpoint => endpoint.conditions?.ready !== false);
		if (ready.length === 0) return status(503, 'ServiceUnavailable', `no endpoints available for service "${request.service}"`, request.service);
		const endpoint = ready[Math.floor(random() * ready.length) % ready.length]!;
		const pod = endpoint.targetRef?.name ? store.get<Pod>('pods', request.namespace, endpoint.targetRef.name) : undefined;
		const port = targetPort(service, request.port);
		const address = `${endpoint.addresses[0]}:${port}`;
		if (!pod || !options.isServing(pod)) {
			return {status: 502, headers: {'Content-Type': 'text/plain; charset=utf-8'}, body: `error trying to reach service: dial tcp ${address}: connect: connection refused\n`};
		}
		const image = pod.spec.containers[0]?.image ?? '';
		const version = imageTag(image) || 'latest';
		const short = `${imageRepository(image).split('/').pop()}:${version}`;
		return {
			status: 200,
			headers: {'Content-Type': 'text/plain; charset=utf-8', 'X-Rollwatch-Version': version, 'X-Rollwatch-Pod': pod.metadata.name!},
			body: `${greeting(version)} World! (${short}, pod ${pod.metadata.name})\n`,
		};
	};
}

/** v1 / 1.x.y → Hello, v2 → Howdy, …: the major version picks the greeting. */
export function greeting(version: string): string {
	const major = Number(/(\d+)/.exec(version)?.[1] ?? 1);
	return GREETINGS[(Math.max(major, 1) - 1) % GREETINGS.length]!;
}

function targetPort(service: Service, requested: string | undefined): string {
	const ports = service.spec.ports ?? [];
	const port = ports.find(candidate => candidate.name === requested || String(candidate.port) === requested) ?? ports[0];
	return String(port?.targetPort ?? port?.port ?? 80);
}

function status(code: number, reason: string, message: string, name: string): ProxyResponse {
	const body = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: {name, kind: 'services'}, code};
	return {status: code, headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)};
}
