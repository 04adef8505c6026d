// The prober's bounds on simulated time, with transports the test settles by hand.
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createProber} from '../../source/probe/prober.js';
import type {ProbeResponse, ProbeTransport} from '../../source/probe/types.js';
import type {ExternalStore, ProbeSnapshot as TrafficPaneSnapshot} from '../../source/ui/types.js';

type Call = {signal: AbortSignal; resolve(response: ProbeResponse): void; reject(error: unknown): void};

/** A transport whose requests stay open until the test settles them, and which ignores aborts. */
function manualTransport() {
	const calls: Call[] = [];
	const transport: ProbeTransport = signal =>
		new Promise((resolve, reject) => {
			calls.push({signal, resolve, reject});
		});
	return {calls, transport};
}

const answer = (body: string, status = 200): ProbeResponse => ({status, headers: {}, body});
const instant: ProbeTransport = async () => answer('web v1');

beforeEach(() => {
	vi.useFakeTimers({now: 1_000_000});
});
afterEach(() => {
	vi.useRealTimers();
});

describe('createProber', () => {
	it('starts one request per 1/rate seconds, no more', async () => {
		const transport = vi.fn(instant);
		const prober = createProber({transport, rate: 10});
		prober.start();
		prober.start();
		await vi.advanceTimersByTimeAsync(1000);
		expect(transport).toHaveBeenCalledTimes(1 + 1000 / 100);
		prober.stop();
		expect(prober.getSnapshot().perVersion).toEqual([{version: 'v1', total: 11, recent: 11}]);
	});

	it('handles rates below one a second', async () => {
		const transport = vi.fn(instant);
		const prober = createProber({transport, rate: 0.5});
		prober.start();
		await vi.advanceTimersByTimeAsync(1999);
		expect(transport).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(transport).toHaveBeenCalledTimes(2);
		prober.stop();
	});

	it('counts a timeout at the deadline but keeps the slot until the transport lets go', async () => {
		const {calls, transport} = manualTransport();
		const prober = createProber({transport, rate: 50, timeoutMs: 100, concurrency: 2});
		prober.start();
		await vi.advanceTimersByTimeAsync(1000);
		expect(calls).toHaveLength(2);
		expect(calls.every(call => call.signal.aborted)).toBe(true);
		expect(prober.inFlight()).toBe(2);
		expect(prober.getSnapshot().failures).toEqual({total: 2, recent: 2, lastReason: 'timeout'});
		// a late answer is not counted twice, and frees the slot for the next beat
		calls[0]!.resolve(answer('web v1'));
		await vi.advanceTimersByTimeAsync(20);
		expect(calls).toHaveLength(3);
		expect(prober.getSnapshot().requests.total).toBe(2);
		expect(prober.getSnapshot().perVersion).toEqual([]);
		prober.stop();
	});

	it('stop() aborts every request, clears every timer and ignores answers that come later', async () => {
		const {calls, transport} = manualTransport();
		const prober = createProber({transport, rate: 20, timeoutMs: 10_000});
		const listener = vi.fn();
		prober.subscribe(listener);
		prober.start();
		await vi.advanceTimersByTimeAsync(120);
		expect(calls).toHaveLength(3);
		listener.mockClear();
		prober.stop();
		expect(vi.getTimerCount()).toBe(0);
		expect(calls.every(call => call.signal.aborted)).toBe(true);
		expect(prober.getSnapshot().running).toBe(false);
		expect(listener).toHaveBeenCalledTimes(1);
		for (const call of calls) call.resolve(answer('web v1'));
		await prober.idle();
		await vi.advanceTimersByTimeAsync(5000);
		expect(calls).toHaveLength(3);
		expect(prober.getSnapshot().requests.total).toBe(0);
	});

	it('can start again after stop() without counting the earlier run', async () => {
		const {calls, transport} = manualTransport();
		const prober = createProber({transport, rate: 1, concurrency: 1, timeoutMs: 60_000});
		prober.start();
		prober.stop();
		prober.start();
		// the first run's request still holds the only slot until its transport lets go
		await vi.advanceTimersByTimeAsync(1000);
		expect(calls).toHaveLength(1);
		calls[0]!.resolve(answer('web v1'));
		await vi.advanceTimersByTimeAsync(1000);
		expect(calls).toHaveLength(2);
		calls[1]!.resolve(answer('web v2'));
		await vi.advanceTimersByTimeAsync(1);
		prober.stop();
		expect(prober.getSnapshot().perVersion).toEqual([{version: 'v2', total: 1, recent: 1}]);
	});

	it('publishes at most every 250 ms, a new snapshot only when it changed', async () => {
		const prober = createProber({transport: instant, rate: 100});
		const seen = [prober.getSnapshot()];
		prober.subscribe(() => seen.push(prober.getSnapshot()));
		prober.start();
		await vi.advanceTimersByTimeAsync(10_000);
		// start() publishes once, then one per 250 ms tick at most
		expect(seen.length - 1).toBeLessThanOrEqual(1 + 10_000 / 250);
		expect(new Set(seen).size).toBe(seen.length);
		prober.stop();
	});

	it('lets the live window empty while totals stay', async () => {
		let failing = false;
		const prober = createProber({transport: async () => (failing ? answer('', 502) : answer('v1')), rate: 10, windowMs: 5000});
		prober.start();
		await vi.advanceTimersByTimeAsync(2000);
		failing = true;
		await vi.advanceTimersByTimeAsync(6000);
		const snapshot = prober.getSnapshot();
		expect(snapshot.perVersion).toEqual([{version: 'v1', total: 1 + 2000 / 100, recent: 0}]);
		expect(snapshot.failures).toMatchObject({recent: snapshot.requests.recent, lastReason: '502 Bad Gateway'});
		expect(snapshot.lastError).toBe('502 Bad Gateway');
		prober.stop();
	});

	it('names transport errors and survives a transport that throws or an extractor that fails', async () => {
		let n = 0;
		const prober = createProber({
			transport: signal => {
				if (n++ === 0) throw new Error('kubeconfig has no current context');
				return Promise.resolve(answer(signal.aborted ? '' : 'ok'));
			},
			versionFrom: () => {
				throw new Error('bad extractor');
			},
			rate: 10,
		});
		prober.start();
		await vi.advanceTimersByTimeAsync(100);
		prober.stop();
		const snapshot = prober.getSnapshot();
		expect(snapshot.failures.lastReason).toBe('kubeconfig has no current context');
		expect(snapshot.perVersion).toEqual([{version: 'unknown', total: 1, recent: 1}]);
	});

	it('is the external store the Traffic pane reads (source/ui/types.ts)', async () => {
		const prober = createProber({transport: instant, target: 'svc/web'});
		const store: ExternalStore<TrafficPaneSnapshot> = prober;
		const changes = vi.fn();
		const unsubscribe = store.subscribe(changes);
		prober.start();
		await vi.advanceTimersByTimeAsync(300);
		unsubscribe();
		prober.stop();
		expect(changes).toHaveBeenCalled();
		expect(changes.mock.calls.length).toBeLessThanOrEqual(2);
		expect(store.getSnapshot()).toMatchObject({target: 'svc/web', since: 1_000_000, requests: {total: 1 + 300 / 100}});
	});

	it('refuses limits that make no sense', () => {
		expect(() => createProber({transport: instant, rate: 0})).toThrowError('probe rate must be a positive number, got 0');
		expect(() => createProber({transport: instant, timeoutMs: Number.NaN})).toThrowError('probe timeoutMs must be a positive number, got NaN');
		expect(() => createProber({transport: instant, concurrency: -1})).toThrowError(RangeError);
	});
});
