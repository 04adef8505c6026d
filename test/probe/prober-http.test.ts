// The prober against a node:http server on 127.0.0.1 that it does not control: what it counts must be
// what the server served, and its bounds must hold whatever the server does.
import {readFileSync} from 'node:fs';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {httpTransport} from '../../source/probe/http-transport.js';
import {createProber, type Prober} from '../../source/probe/prober.js';
import {seededRandom, startServer, waitFor, type TestServer} from './support/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/probe/${name}`, import.meta.url), 'utf8');
const v1 = {body: fixture('myapp-v1.html'), label: '1'};
const v2 = {body: fixture('myapp-v2.html'), label: '2'};
const noEndpoints = {status: 503, headers: {'content-type': 'application/json'}, body: fixture('no-endpoints-status.json'), label: '503'};

let server: TestServer | undefined;
let prober: Prober | undefined;
afterEach(async () => {
	prober?.stop();
	await server?.close();
	prober = server = undefined;
});

const count = (p: Prober, version: string) => p.getSnapshot().perVersion.find(v => v.version === version)?.total ?? 0;

describe('createProber over http', () => {
	it('reports the share each version was served, and never starts more than `rate` requests a second', async () => {
		const random = seededRandom(7);
		server = await startServer(() => (random() < 0.3 ? v2 : v1));
		prober = createProber({transport: httpTransport(server.url), rate: 100, target: 'myapp'});
		const started = Date.now();
		prober.start();
		await waitFor(() => prober!.getSnapshot().requests.total >= 200, '200 answers');
		prober.stop();
		const elapsed = Date.now() - started;
		await waitFor(() => prober!.inFlight() === 0, "the last requests to settle");

		const snapshot = prober.getSnapshot();
		expect(snapshot.running).toBe(false);
		expect(snapshot.failures.total).toBe(0);
		expect(snapshot.perVersion.map(v => v.version)).toEqual(['1', '2']);
		// Counted only what was served; at most the requests cut off by stop() were served and not counted.
		const served = (label: string) => server!.served.get(label) ?? 0;
		expect(count(prober, '1')).toBeLessThanOrEqual(served('1'));
		expect(count(prober, '2')).toBeLessThanOrEqual(served('2'));
		expect(served('1') + served('2') - snapshot.requests.total).toBeLessThanOrEqual(4);
		const share = count(prober, '2') / snapshot.requests.total;
		expect(share).toBeGreaterThan(0.3 - 0.08);
		expect(share).toBeLessThan(0.3 + 0.08);
		expect(server.arrivals()).toBeLessThanOrEqual(1 + (elapsed * 100) / 1000);
	});

	it('counts 503s from the service proxy with the API server message', async () => {
		server = await startServer(n => (n % 4 === 3 ? noEndpoints : v1));
		prober = createProber({transport: httpTransport(server.url), rate: 100});
		prober.start();
		await waitFor(() => prober!.getSnapshot().requests.total >= 40, '40 answers');
		prober.stop();
		const {failures, requests} = prober.getSnapshot();
		expect(failures.lastReason).toBe('503 no endpoints available for service "web"');
		expect(failures.total + count(prober, '1')).toBe(requests.total);
		expect(failures.total).toBeLessThanOrEqual(server.served.get('503') ?? 0);
		expect(Math.abs(failures.total - requests.total / 4)).toBeLessThanOrEqual(5);
	});

	it('shows a Recreate rollout: v1, then an outage, then v2, and recovers', async () => {
		server = await startServer(n => (n < 30 ? v1 : n < 36 ? 'reset' : n < 45 ? noEndpoints : v2));
		prober = createProber({transport: httpTransport(server.url), rate: 100});
		let recentFailures = 0;
		prober.subscribe(() => (recentFailures = Math.max(recentFailures, prober!.getSnapshot().failures.recent)));
		prober.start();
		await waitFor(() => count(prober!, '2') >= 20, '20 answers from v2');
		prober.stop();
		const snapshot = prober.getSnapshot();
		expect(snapshot.perVersion.map(v => [v.version, v.total])).toEqual([['1', 30], ['2', count(prober, '2')]]);
		expect(snapshot.failures.total).toBe(6 + 9);
		expect(snapshot.failures.lastReason).toBe('503 no endpoints available for service "web"');
		expect(snapshot.lastError).toBeUndefined();
		// The outage is shorter than one publishing tick: the live window is what keeps it on screen.
		expect(recentFailures).toBeGreaterThan(0);
	});

	it('counts refused connections', async () => {
		const port = await closedPort();
		prober = createProber({transport: httpTransport(`http://127.0.0.1:${port}/`), rate: 50});
		prober.start();
		await waitFor(() => prober!.getSnapshot().failures.total >= 3, 'three refusals');
		const snapshot = prober.getSnapshot();
		expect(snapshot.lastError).toBe('connection refused');
		expect(snapshot.perVersion).toEqual([]);
	});

	it('times out a server that never answers, closes those requests and keeps at most `concurrency` open', async () => {
		server = await startServer(() => 'hang');
		prober = createProber({transport: httpTransport(server.url), rate: 50, timeoutMs: 100, concurrency: 4});
		let mostInFlight = 0;
		prober.subscribe(() => (mostInFlight = Math.max(mostInFlight, prober!.inFlight())));
		prober.start();
		// More timeouts than slots: every slot was freed by a timeout at least twice.
		await waitFor(() => prober!.getSnapshot().failures.total >= 10, 'ten timeouts');
		const snapshot = prober.getSnapshot();
		expect(snapshot.lastError).toBe('timeout');
		expect(snapshot.failures.lastReason).toBe('timeout');
		expect(snapshot.requests.total).toBe(snapshot.failures.total);
		expect(server.maxActive()).toBeLessThanOrEqual(4);
		expect(mostInFlight).toBeLessThanOrEqual(4);
		prober.stop();
		await waitFor(() => prober!.inFlight() === 0 && server!.active() === 0, 'the server to see every request closed');
	});

	it('skips beats instead of piling up on a slow server', async () => {
		server = await startServer(() => ({...v1, delayMs: 300}));
		prober = createProber({transport: httpTransport(server.url), rate: 100, timeoutMs: 10_000, concurrency: 3});
		prober.start();
		await waitFor(() => prober!.getSnapshot().requests.total >= 9, 'nine slow answers');
		prober.stop();
		expect(server.maxActive()).toBe(3);
		expect(prober.getSnapshot().failures.total).toBe(0);
		// Everything that arrived was answered, or was one of the three in flight when we stopped.
		expect(server.arrivals()).toBeLessThanOrEqual(prober.getSnapshot().requests.total + 3);
	});

	it('closes every connection on stop() and sends nothing after it', async () => {
		server = await startServer(n => (n % 2 ? 'hang' : v1));
		const before = sockets();
		prober = createProber({transport: httpTransport(server.url), rate: 50, timeoutMs: 30_000});
		prober.start();
		await waitFor(() => prober!.getSnapshot().requests.total >= 3 && prober!.inFlight() > 0, 'traffic with requests in flight');
		prober.stop();
		// The hung requests have a 30 s deadline: only stop() can close them within the wait.
		await waitFor(() => prober!.inFlight() === 0, 'every request to be aborted');
		await waitFor(() => server!.active() === 0, 'the server to see every request closed');
		await waitFor(() => sockets() <= before, 'client sockets to be released');
		const arrivals = server.arrivals();
		const total = prober.getSnapshot().requests.total;
		expect(prober.getSnapshot().running).toBe(false);
		// A later request from anyone is served, and the stopped prober adds nothing.
		await fetch(server.url).then(response => response.text());
		expect(server.arrivals()).toBe(arrivals + 1);
		expect(prober.getSnapshot().requests.total).toBe(total);
	});

	it('publishes at most about four snapshots a second, each a new object only when something changed', async () => {
		server = await startServer(() => v1);
		prober = createProber({transport: httpTransport(server.url), rate: 100});
		const seen = [prober.getSnapshot()];
		prober.subscribe(() => seen.push(prober!.getSnapshot()));
		const started = Date.now();
		prober.start();
		await waitFor(() => prober!.getSnapshot().requests.total >= 100, '100 answers');
		prober.stop();
		const elapsed = Date.now() - started;
		// one per 250 ms tick, plus start() and stop()
		expect(seen.length - 1).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
		expect(new Set(seen).size).toBe(seen.length);
		expect(prober.getSnapshot()).toBe(prober.getSnapshot());
	});

	it('restarts totals when a rollout begins, keeping the live window', async () => {
		server = await startServer(() => v1);
		const prober_ = (prober = createProber({transport: httpTransport(server.url), rate: 100}));
		prober_.start();
		await waitFor(() => prober_.getSnapshot().requests.total >= 20, '20 answers');
		const before = prober_.getSnapshot();
		prober_.resetTotals();
		const after = prober_.getSnapshot();
		expect(after.since).toBeGreaterThanOrEqual(before.since);
		expect(after.requests.total).toBe(0);
		expect(after.perVersion).toEqual([{version: '1', total: 0, recent: after.requests.recent}]);
		expect(after.requests.recent).toBeGreaterThanOrEqual(20);
		await waitFor(() => prober_.getSnapshot().requests.total >= 5, 'counting again');
	});
});

async function closedPort(): Promise<number> {
	const listener = net.createServer();
	await new Promise<void>(resolve => listener.listen(0, '127.0.0.1', resolve));
	const {port} = listener.address() as net.AddressInfo;
	await new Promise<void>(resolve => listener.close(() => resolve()));
	return port;
}

function sockets() {
	return process.getActiveResourcesInfo().filter(kind => kind === 'TCPSocketWrap').length;
}
