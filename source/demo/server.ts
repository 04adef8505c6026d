// The demo cluster's Kubernetes HTTP API on loopback: discovery, CRUD, watch, tables, /scale, service proxy
// and run-time fault injection. Real kubectl and @kubernetes/client-node use it exactly as a real API server;
// the store behind it is the ObjectStore the controllers write to. HTTPS (node:https, self-signed certificate
// made at start) because kubectl sends bearer tokens only over TLS. Pods deleted through the API get a
// deletionTimestamp and stay until the kubelet removes them (it sees the MODIFIED event in the store).
import type {IncomingMessage, ServerResponse} from 'node:http';
import {createServer} from 'node:https';
import type {Server} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import type {ObjectStore} from './objects.js';
import {ApiError} from './status.js';
import {rfc3339} from './clock.js';
import type {AdmitHook, RequestContext, ServerHooks} from './api/context.js';
import {apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION} from './api/discovery.js';
import {ensureSystemNamespaces} from './api/namespaces.js';
import {negotiate, notAcceptable, sendError, sendJson, sendText} from './api/http.js';
import {openApiGroupVersion, openApiRoot} from './api/openapi.js';
import {handleResource, notFoundPath} from './api/resource-handlers.js';
import {route} from './api/router.js';
import {createHistoryTracker} from './api/history-tracker.js';
import type {Fault} from './api/faults.js';
import {FaultState} from './api/faults.js';
import type {OpenWatch} from './api/watch.js';
import type {Certificate} from './api/certificate.js';
import {createSelfSignedCertificate} from './api/certificate.js';

export type {Fault} from './api/faults.js';
export type {AdmitHook, AdmitVerb} from './api/context.js';
export {applyDefaults, defaultDeployment, defaultPod, defaultPodTemplate, defaultReplicaSet, defaultService} from './api/defaults.js';
export {deleteObject, deletePod} from './api/delete.js';
export type {DeleteOptions, PropagationPolicy} from './api/delete.js';
export {podStatusText} from '../rollout/pod-status.js';
export type {Certificate} from './api/certificate.js';

export type ProxyRequest = {namespace: string; service: string; port?: string; path: string; method: string; headers: Record<string, string | string[] | undefined>};
export type ProxyResponse = {status: number; headers?: Record<string, string>; body: string};

export type ApiServerOptions = {
	store: ObjectStore;
	/** Default 127.0.0.1; anything not loopback is refused. */
	host?: string;
	/** 0 = any free port. */
	port?: number;
	/** Bearer token required on every request except /healthz, /livez, /readyz. */
	token: string;
	proxy?: (request: ProxyRequest) => ProxyResponse | Promise<ProxyResponse>;
	/** Called with the defaulted, validated object before it is stored (create, update, patch); may mutate it. */
	onAdmit?: AdmitHook;
	/** TLS identity; a fresh self-signed one for 127.0.0.1/localhost by default (kubectl sends tokens only over TLS). */
	certificate?: Certificate;
	/** Nodes the cluster has from the start (nodes pods are bound to are added). Default none. */
	nodes?: string[];
	/** Period of watch BOOKMARKs when a client allows them (wall time). Default 60 s, as a real server. */
	bookmarkIntervalMs?: number;
};

export type ApiServer = {
	/** `https://127.0.0.1:PORT` */
	url: string;
	port: number;
	/** PEM of the self-signed certificate: the kubeconfig's certificate-authority-data (base64 of this). */
	ca: string;
	/** Watch streams currently open (a client that goes away is dropped at once). */
	readonly openWatches: number;
	inject(fault: Fault): void;
	clearFaults(): void;
	/** Close and listen again on the same port; the store is kept. */
	restart(): Promise<void>;
	close(): Promise<void>;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) throw new Error(`the demo API server only listens on loopback, not ${host}`);
	const {store} = options;
	ensureSystemNamespaces(store);
	const tracker = createHistoryTracker(store);
	const registry = new Set<OpenWatch>();
	const faults = new FaultState(registry);
	const nodes = {names: options.nodes ?? [], createdAt: rfc3339(store.clock.now())};
	const hooks: ServerHooks = {registry, nodes, previousOf: tracker.previousOf, bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000, ...(options.onAdmit ? {onAdmit: options.onAdmit} : {})};
	const certificate = options.certificate ?? createSelfSignedCertificate();
	let port = options.port ?? 0;
	let server: Server;
	const sockets = new Set<Socket>();

	const handler = (req: IncomingMessage, res: ServerResponse) => {
		handle(req, res).catch((error: unknown) => sendError(res, error));
	};

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const target = route(url.pathname);
		if (target.kind === 'health') return sendText(res, 200, 'ok');
		if (req.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
		await faults.before(`${req.method ?? 'GET'} ${url.pathname}${url.search}`);
		switch (target.kind) {
			case 'version':
				return sendJson(res, 200, SERVER_VERSION);
			case 'api':
				return sendJson(res, 200, apiVersions(`${host}:${port}`));
			case 'apis':
				return sendJson(res, 200, apiGroupList());
			case 'group':
				return sendDocument(res, apiGroup(target.group));
			case 'resource-list':
				return sendDocument(res, apiResourceList(target.group, target.version));
			case 'openapi-root':
				return sendJson(res, 200, openApiRoot());
			case 'openapi-group-version':
				return sendDocument(res, openApiGroupVersion(target.path));
			case 'proxy':
				return proxy(req, res, target);
			case 'resource': {
				const representation = negotiate(req.headers.accept, true);
				if (!representation) throw notAcceptable();
				const ctx: RequestContext = {req, res, query: url.searchParams, store, resource: target.resource, representation, hooks};
				if (target.namespace !== undefined) ctx.namespace = target.namespace;
				if (target.name !== undefined) ctx.name = target.name;
				if (target.subresource !== undefined) ctx.subresource = target.subresource;
				return handleResource(ctx);
			}
			default:
				throw notFoundPath();
		}
	}

	async function proxy(req: IncomingMessage, res: ServerResponse, target: {namespace: string; service: string; port?: string; path: string}) {
		if (!options.proxy) throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${target.service}"`);
		const search = new URL(req.url ?? '/', 'http://127.0.0.1').search;
		const request: ProxyRequest = {namespace: target.namespace, service: target.service, path: target.path + search, method: req.method ?? 'GET', headers: req.headers};
		if (target.port !== undefined) request.port = target.port;
		const response = await options.proxy(request);
		res.writeHead(response.status, {'Content-Type': 'text/plain; charset=utf-8', ...response.headers});
		res.end(response.body);
	}

	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server = createServer({cert: certificate.cert, key: certificate.key}, handler);
			// Watches are long-lived: no idle or request timeouts on the socket.
			server.requestTimeout = 0;
			server.headersTimeout = 60_000;
			server.keepAliveTimeout = 5_000;
			server.once('error', reject);
			// Sockets still in their TLS handshake are not HTTP connections yet, so closeAllConnections()
			// misses them and server.close() would wait for them: track them to close them on stop.
			server.on('connection', (socket: Socket) => {
				sockets.add(socket);
				socket.once('close', () => sockets.delete(socket));
			});
			server.listen(port, host, () => {
				port = (server.address() as AddressInfo).port;
				resolve();
			});
		});

	const stop = () =>
		new Promise<void>(resolve => {
			for (const watch of [...registry]) watch.end();
			server.close(() => resolve());
			server.closeAllConnections();
			for (const socket of sockets) socket.destroy();
		});

	await listen();
	const api: ApiServer = {
		get url() {
			return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
		},
		get port() {
			return port;
		},
		ca: certificate.cert,
		get openWatches() {
			return registry.size;
		},
		inject: fault => faults.inject(fault),
		clearFaults: () => faults.clear(),
		async restart() {
			await stop();
			await listen();
		},
		async close() {
			await stop();
			tracker.stop();
		},
	};
	return api;
}

/** A kubeconfig (YAML) for this server: what kubectl and @kubernetes/client-node need to connect. */
export function renderKubeconfig(server: Pick<ApiServer, 'url' | 'ca'>, token: string, options: {name?: string; namespace?: string} = {}): string {
	const name = options.name ?? 'rollwatch-demo';
	const ca = Buffer.from(server.ca).toString('base64');
	return [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		`- name: ${name}`,
		'  cluster:',
		`    server: ${server.url}`,
		`    certificate-authority-data: ${ca}`,
		'users:',
		`- name: ${name}`,
		'  user:',
		`    token: ${token}`,
		'contexts:',
		`- name: ${name}`,
		'  context:',
		`    cluster: ${name}`,
		`    user: ${name}`,
		`    namespace: ${options.namespace ?? 'default'}`,
		`current-context: ${name}`,
		'',
	].join('\n');
}

function sendDocument(res: ServerResponse, document: unknown) {
	if (document === undefined) throw notFoundPath();
	sendJson(res, 200, document);
}

