// A tiny recording HTTP server on 127.0.0.1 for cluster-layer tests: every request is recorded
// (method, path, query, headers, body) and answered by the test's handler.
import {createServer} from 'node:http';
import type {IncomingHttpHeaders, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type RecordedRequest = {
	method: string;
	path: string;
	query: URLSearchParams;
	/** Path plus query, as sent. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
};

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export type FakeApi = {
	url: string;
	requests: RecordedRequest[];
	/** Responses not yet finished (open watch streams). */
	openResponses: Set<ServerResponse>;
	setHandler(handler: FakeHandler): void;
	close(): Promise<void>;
};

export function sendJson(response: ServerResponse, code: number, body: unknown): void {
	response.writeHead(code, {'Content-Type': 'application/json'});
	response.end(JSON.stringify(body));
}

export function sendStatus(response: ServerResponse, code: number, reason: string, message: string): void {
	sendJson(response, code, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code});
}

/** Starts a watch stream: headers flushed at once, one JSON event per line via the returned writer. */
export function startStream(response: ServerResponse): (event: unknown) => void {
	response.writeHead(200, {'Content-Type': 'application/json'});
	response.flushHeaders();
	return (event) => response.write(typeof event === 'string' ? event : `${JSON.stringify(event)}\n`);
}

export async function startFakeApi(handler: FakeHandler): Promise<FakeApi> {
	let current = handler;
	const requests: RecordedRequest[] = [];
	const openResponses = new Set<ServerResponse>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				url: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			openResponses.add(res);
			res.on('close', () => openResponses.delete(res));
			Promise.resolve(current(recorded, res)).catch((error: unknown) => {
				if (!res.headersSent) sendStatus(res, 500, 'InternalError', String(error));
				else res.destroy();
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		openResponses,
		setHandler(next) {
			current = next;
		},
		async close() {
			for (const res of openResponses) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Polls `condition` until it holds or the deadline passes (no fixed sleeps in tests). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
