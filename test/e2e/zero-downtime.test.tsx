// Issue 4, zero-downtime: an app that needs 20 s (cluster time) to answer after it starts. Shipping the
// Deployment without a readiness probe sends requests to pods that cannot answer yet, and the prober
// counts the failures; shipping the one with a probe (maxUnavailable 0) drops none.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {stripAnsi} from '../support/render.js';
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
		// Speed 15: the 20 s app start leaves each new pod ~1.3 s unable to answer, sampled at up to 40 req/s.
		const e2e = await startE2E({scenario: 'zero-downtime', speed: 15, targets: ['myapp-no-probe', 'myapp-probe'], columns: 120, rows: 36, probeRate: 40, probeTimeoutMs: 5000});
		await e2e.screen.waitFor(frame => (frame.match(/✓ complete/g) ?? []).length === 2, {timeout: 20_000});
		// Failures as the prober counts them, whichever prober runs (shipping switches to a fresh one).
		let failures = 0;
		const reasons = new Set<string>();
		e2e.probe.subscribe(() => {
			const {total, lastReason} = e2e.probe.current()!.getSnapshot().failures;
			failures = Math.max(failures, total);
			if (lastReason) reasons.add(lastReason);
		});

		await open(e2e, 'myapp-no-probe', 'k');
		expect(e2e.screen.lastFrame()).toContain('No readiness probe: pods get traffic as soon as they start');
		const shipped = e2e.screen.stdout.frames.length;
		await ship(e2e, 'myapp-no-probe');
		await e2e.screen.waitFor(frame => /rev 2 →/.test(frame) && frame.includes('deployment "myapp-no-probe" successfully rolled out'), {timeout: 20_000});
		// The last new pod is Ready (and gets traffic) before its app answers: the gap outlives the rollout.
		await waitUntil('the prober to count failed requests', () => failures > 0, 10_000);
		// Dropped by the Service's proxy (the pod does not answer yet), not a slow answer.
		expect([...reasons].filter(reason => !/^5\d\d /.test(reason))).toEqual([]);
		await e2e.screen.waitFor(() => e2e.screen.stdout.frames.slice(shipped).some(frame => (screenFailures(stripAnsi(frame))?.failed ?? 0) > 0));

		await e2e.screen.press('escape');
		await open(e2e, 'myapp-probe', 'j');
		expect(e2e.screen.lastFrame()).not.toContain('No readiness probe');
		await ship(e2e, 'myapp-probe');
		failures = e2e.probe.getSnapshot().failures.total;
		const deployment = await e2e.get<Deployment>('deployments', 'myapp-probe');
		expect(deployment.spec.template.spec.containers[0]?.readinessProbe).toBeDefined();
		await e2e.screen.waitFor(frame => /rev 2 →/.test(frame) && frame.includes('deployment "myapp-probe" successfully rolled out'), {timeout: 30_000});
		await e2e.cluster.settled();
		const snapshot = e2e.probe.getSnapshot();
		// It sampled across the whole rollout — answers from the old version and from the new one — and
		// not one request failed.
		expect(snapshot.perVersion.map(version => version.version).toSorted()).toEqual(['1', '2']);
		expect(snapshot.failures.total).toBe(0);
		expect(failures).toBe(0);
		const clean = await e2e.screen.waitFor(frame => (screenFailures(frame)?.requests ?? 0) > 0);
		expect(screenFailures(clean)!.failed).toBe(0);
	});
});
