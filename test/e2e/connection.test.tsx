// The demo shows object ages on the cluster's simulated clock, but how old the data on screen is (and
// when the watch retries) is wall time: at --speed 10 a one-second outage must not read "data 30s old".
import {afterEach, describe, expect, it} from 'vitest';
import {startE2E, stopAll} from '../support/e2e.js';

afterEach(stopAll);

const headerOf = (frame: string) => frame.split('\n')[0] ?? '';

describe('connection state in the demo', () => {
	it('a broken watch at speed 10 says how old the data is in real seconds, then goes live again', async () => {
		const started = Date.now();
		const e2e = await startE2E({scenario: 'rolling', speed: 10, columns: 120, rows: 36});
		const ready = await e2e.screen.waitFor('deployment "app-rolling" successfully rolled out', {timeout: 15_000});
		// Let the header's clock tick at least once (it ticks every second), so the screen's "now" has moved on.
		const clock = (frame: string) => /\d\d:\d\d:\d\d/.exec(headerOf(frame))?.[0];
		await e2e.screen.waitFor(frame => clock(frame) !== clock(ready), {timeout: 5000});
		e2e.cluster.server.inject({kind: 'status', code: 503, count: 100_000, retryAfterSeconds: 1});
		e2e.cluster.server.inject({kind: 'drop-watches'});
		const broken = await e2e.screen.waitFor(frame => /reconnecting.*data \d+s old/.test(headerOf(frame)), {timeout: 10_000});
		const age = Number(/data (\d+)s old/.exec(headerOf(broken))![1]);
		// The data cannot be older than the session itself (wall clock), whatever the cluster's speed.
		expect(age).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
		e2e.cluster.server.clearFaults();
		await e2e.screen.waitFor(frame => headerOf(frame).includes('● live'), {timeout: 15_000});
	});
});
