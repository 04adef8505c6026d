// A node:http server on 127.0.0.1 whose answers each test chooses, and which counts what it served and
// how many requests it held at once.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type Reply = {status?: number; headers?: Record<string, string>; body?: string; delayMs?: number} | 'hang' | 'reset';

export type TestServer = {
	url: string;
	/** Requests received. */
	arrivals(): number;
	/** Requests being handled now, and the most at once. */
	active(): number;
	maxActive(): number;
	/** Replies sent, by label (the reply's body or status, as the test labels it). */
	served: Map<string, number>;
	close(): Promise<void>;
};

/** `reply(n)` decides the answer to the n-th request (0-based); `label` names it for `served`. */
export async function startServer(reply: (n: number) => Reply & {label?: string}): Promise<TestServer> {
	let arrivals = 0;
	let active = 0;
	let maxActive = 0;
	const served = new Map<string, number>();
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((request, response) => {
		const answer = reply(arrivals++);
		active++;
		maxActive = Math.max(maxActive, active);
		response.on('close', () => active--);
		if (answer === 'hang') return;
		if (answer === 'reset') {
			served.set('reset', (served.get('reset') ?? 0) + 1);
			request.socket.destroy();
			return;
		}
		const send = () => {
			if (response.destroyed) return;
			const label = answer.label ?? String(answer.status ?? 200);
			served.set(label, (served.get(label) ?? 0) + 1);
			response.writeHead(answer.status ?? 200, {'content-type': 'text/html', ...answer.headers});
			response.end(answer.body ?? '');
		};
		if (!answer.delayMs) return send();
		const timer = setTimeout(() => {
			timers.delete(timer);
			send();
		}, answer.delayMs);
		timers.add(timer);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		arrivals: () => arrivals,
		active: () => active,
		maxActive: () => maxActive,
		served,
		async close() {
			for (const timer of timers) clearTimeout(timer);
			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

/** Polls `condition` until it holds or `deadlineMs` passes (then throws with `what`). */
export async function waitFor(condition: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
	const giveUp = Date.now() + deadlineMs;
	while (!condition()) {
		if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a "30% canary" is the same every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
