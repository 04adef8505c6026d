// Demo mode's Traffic totals count what the Deployment's rollouts do to requests. Before its Service has
// a ready endpoint every request fails (nothing to send it to yet): the demo's prober starts its totals
// again when the Service first can answer, so a freshly started demo does not open on failures.
import {afterEach, describe, expect, it} from 'vitest';
import {startE2E, stopAll, waitUntil} from '../support/e2e.js';

afterEach(stopAll);

describe('traffic totals in demo mode', () => {
	it('do not count the requests sent before the Service had a ready endpoint', async () => {
		const e2e = await startE2E({scenario: 'rolling', speed: 0.5, probeRate: 20, probeTimeoutMs: 5000});
		let failedBeforeReady = 0;
		e2e.probe.subscribe(() => {
			failedBeforeReady = Math.max(failedBeforeReady, e2e.probe.getSnapshot().failures.total);
		});
		await e2e.screen.waitFor(frame => frame.includes('successfully rolled out'), {timeout: 20_000});
		await waitUntil('the prober to send 20 requests to the ready Service', () => e2e.probe.getSnapshot().requests.total >= 20, 15_000);
		const {failures, requests} = e2e.probe.getSnapshot();
		expect({failed: failures.total, requests: requests.total >= 20}).toEqual({failed: 0, requests: true});
		expect(await e2e.screen.waitFor(frame => /✓ 0\/\d+ failed/.test(frame))).toMatch(/0\/\d+ total/);
		// The first prober did meet the Service before it could answer (what this test is about): at half
		// speed the pods take seconds of wall time to start, and the prober starts with the session.
		expect(failedBeforeReady).toBeGreaterThan(0);
	});
});
