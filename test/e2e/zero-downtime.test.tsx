// Issue 4, zero-downtime: an app that needs 20 s (cluster time) to answer after it starts. Shipping the
// Deployment without a readiness probe sends requests to pods that cannot answer yet, and the prober
// counts the failures; shipping the one with a probe (maxUnavailable 0) drops none.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {startE2E, stopAll, waitUntil, type E2E} from '../support/e2e.js';

afterEach(stopAll);

/** The Traffic pane's probe line: failed requests and requests, whichever way the pane words them. */
function screenFailures(frame: string): {failed: number; requests: number} | undefined {
	const match = /(\d+)(?: of |\/)(\d+) failed/.exec(frame) ?? /(\d+) failed of (\d+)/.exec(frame);
	return match ? {failed: Number(match[1]), requests: Number(match[2])} : undefined;
}

async function open(e2e: E2E, name: string, key: 'j' | 'k') {
	await e2e.screen.waitFor(frame => frame.includes('Deployments') && frame.includes(name));
	await e2e.screen.type(key);
	await e2e.screen.press('enter');
	await e2e.screen.waitFor(frame => frame.includes(`deploy/${name}`) && frame.includes('successfully rolled out'), {timeout: 20_000});
}

async function ship(e2e: E2E, name: string) {
	expect(await e2e.confirm('n', `Ship the next version of deployment "${name}"?`)).toContain(`✓ deployment.apps/${name} image updated to jahongirr/myapp:2`);
	// The prober now follows this Deployment's Service, its totals counted from the ship.
	expect(e2e.probe.getSnapshot().target).toBe(`svc/${name}`);
}

describe('zero downtime through the TUI', () => {
	it('without a readiness probe the rollout drops requests; with one it drops none', async () => {
		// Speed 20: the 20 s app start is a 1 s gap per new pod, sampled at ~40 requests per second.
		const e2e = await startE2E({scenario: 'zero-downtime', speed: 20, targets: ['myapp-no-probe', 'myapp-probe'], columns: 120, rows: 36, probeRate: 40});
		await e2e.screen.waitFor(frame => (frame.match(/✓ complete/g) ?? []).length === 2, {timeout: 20_000});

		await open(e2e, 'myapp-no-probe', 'k');
		expect(e2e.screen.lastFrame()).toContain('No readiness probe: pods get traffic as soon as they start');
		await ship(e2e, 'myapp-no-probe');
		await e2e.screen.waitFor(frame => /rev 2 →/.test(frame) && frame.includes('deployment "myapp-no-probe" successfully rolled out'), {timeout: 20_000});
		await waitUntil('the prober to count failed requests', () => e2e.probe.getSnapshot().failures.total > 0, 10_000);
		const dropped = await e2e.screen.waitFor(frame => (screenFailures(frame)?.failed ?? 0) > 0);
		expect(screenFailures(dropped)!.requests).toBeGreaterThanOrEqual(screenFailures(dropped)!.failed);

		await e2e.screen.press('escape');
		await open(e2e, 'myapp-probe', 'j');
		expect(e2e.screen.lastFrame()).not.toContain('No readiness probe');
		await ship(e2e, 'myapp-probe');
		const deployment = await e2e.get<Deployment>('deployments', 'myapp-probe');
		expect(deployment.spec.template.spec.containers[0]?.readinessProbe).toBeDefined();
		await e2e.screen.waitFor(frame => /rev 2 →/.test(frame) && frame.includes('deployment "myapp-probe" successfully rolled out'), {timeout: 30_000});
		await e2e.cluster.settled();
		const snapshot = e2e.probe.getSnapshot();
		// It sampled the whole rollout (three 20 s pod starts, ~3 s here) and every answer succeeded.
		expect(snapshot.requests.total).toBeGreaterThanOrEqual(40);
		expect(snapshot.failures.total).toBe(0);
		expect(snapshot.perVersion.map(version => version.version)).toContain('2');
		const clean = await e2e.screen.waitFor(frame => (screenFailures(frame)?.requests ?? 0) > 0);
		expect(screenFailures(clean)!.failed).toBe(0);
	});
});
