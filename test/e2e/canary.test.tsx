// Issue 3 and 4, canary: two Deployments behind one Service; scaling them with `s` shifts the split of
// ready endpoints (50/50 → 67/33 → 100/0), on screen, in the API's EndpointSlices and in what the
// prober actually gets back.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment, EndpointSlice} from '../../source/k8s/types.js';
import {startE2E, stopAll, waitUntil, type E2E} from '../support/e2e.js';

afterEach(stopAll);

type Split = Record<string, {share: number; ready: number}>;

/** The Traffic pane's rows: version → share % and ready endpoints. */
function screenSplit(frame: string): Split {
	const split: Split = {};
	for (const match of frame.matchAll(/[│┃] (v[12]) [^%\n]*?(\d+)%\s+(\d+) ready/g)) split[match[1]!] = {share: Number(match[2]), ready: Number(match[3])};
	return split;
}

/** Ready endpoints of the Service per version, from its EndpointSlices (pods are named after their Deployment). */
async function apiSplit(e2e: E2E): Promise<Record<string, number>> {
	const slices = await e2e.list<EndpointSlice>('endpointslices', 'kubernetes.io/service-name=app-service');
	const counts: Record<string, number> = {v1: 0, v2: 0};
	for (const endpoint of slices.flatMap(slice => slice.endpoints ?? [])) {
		const version = /^app-(v[12])-/.exec(endpoint.targetRef?.name ?? '')?.[1];
		if (version && endpoint.conditions?.ready) counts[version]! += 1;
	}
	return counts;
}

async function scale(e2e: E2E, name: string, from: number, to: number) {
	await e2e.screen.type('s');
	await e2e.screen.waitFor(`Scale deployment "${name}" from ${from} to`);
	await e2e.screen.type(String(to));
	await e2e.screen.press('enter');
	await e2e.screen.waitFor(`✓ deployment.apps/${name} scaled`);
	expect((await e2e.get<Deployment>('deployments', name)).spec.replicas).toBe(to);
}

/**
 * What the prober observes from now on: totals reset, then `count` answers. The proxy picks a ready
 * endpoint at random (as kube-proxy does), so each answer is v2 with probability p = the endpoint share.
 */
async function observedV2Share(e2e: E2E, count: number): Promise<number> {
	const prober = e2e.probe.current()!;
	await prober.idle();
	prober.resetTotals();
	// A busy machine slows the prober down (it skips beats rather than piling up): allow for it.
	await waitUntil(`${count} probe answers`, () => prober.getSnapshot().requests.total >= count, 30_000);
	const snapshot = prober.getSnapshot();
	expect(snapshot.failures.total).toBe(0);
	const v2 = snapshot.perVersion.find(version => version.version === 'v2')?.total ?? 0;
	return (100 * v2) / snapshot.requests.total;
}

/** From the list (sorted by name: app-v1, then app-v2), select and open one Deployment. */
async function openDeployment(e2e: E2E, name: string) {
	await e2e.screen.waitFor(frame => frame.includes('Deployments') && frame.includes(name));
	await e2e.screen.type(name === 'app-v1' ? 'k' : 'j');
	await e2e.screen.press('enter');
	await e2e.screen.waitFor(`deploy/${name}`);
}

describe('canary through the TUI', () => {
	it('scaling app-v2 up and app-v1 down moves the endpoint share 50/50 → 67/33 → 100/0, and the probed share follows', async () => {
		const e2e = await startE2E({scenario: 'canary', speed: 10, targets: ['app-v1', 'app-v2'], columns: 120, rows: 36, probeRate: 100, probeTimeoutMs: 5000});
		await e2e.screen.waitFor(frame => (frame.match(/✓ complete/g) ?? []).length === 2, {timeout: 15_000});
		await openDeployment(e2e, 'app-v2');
		await e2e.screen.waitFor(frame => JSON.stringify(screenSplit(frame)) === JSON.stringify({v2: {share: 50, ready: 2}, v1: {share: 50, ready: 2}}), {timeout: 10_000});
		expect(await apiSplit(e2e)).toEqual({v1: 2, v2: 2});

		await scale(e2e, 'app-v2', 2, 4);
		const shifted = await e2e.screen.waitFor(frame => screenSplit(frame).v2?.share === 67 && screenSplit(frame).v1?.share === 33, {timeout: 10_000});
		expect(screenSplit(shifted)).toEqual({v2: {share: 67, ready: 4}, v1: {share: 33, ready: 2}});
		await waitUntil('4 v2 and 2 v1 ready endpoints in the API', async () => JSON.stringify(await apiSplit(e2e)) === JSON.stringify({v1: 2, v2: 4}));
		// 120 answers, p = 2/3: the standard deviation of the observed share is √(p(1−p)/120) ≈ 4.3 points, so
		// ±16 points is a 3.7σ band (a false failure about once in 5,000 runs) that still excludes the old 50%.
		expect(Math.abs((await observedV2Share(e2e, 120)) - 200 / 3)).toBeLessThan(16);

		await e2e.screen.press('escape');
		await e2e.screen.waitFor('Deployments');
		await openDeployment(e2e, 'app-v1');
		await scale(e2e, 'app-v1', 2, 0);
		const moved = await e2e.screen.waitFor(frame => screenSplit(frame).v2?.share === 100, {timeout: 10_000});
		expect(screenSplit(moved).v2).toEqual({share: 100, ready: 4});
		expect(screenSplit(moved).v1 ?? {share: 0, ready: 0}).toEqual({share: 0, ready: 0});
		await waitUntil('only v2 ready endpoints in the API', async () => JSON.stringify(await apiSplit(e2e)) === JSON.stringify({v1: 0, v2: 4}));
		// No v1 endpoint is ready, so no answer can come from v1: every one is v2.
		expect(await observedV2Share(e2e, 50)).toBe(100);
	});
});
