// Issue 3, Recreate: what the user sees is what the strategy does — every old pod Terminating, no new
// pod until they are gone, 0 ready endpoints in between — and the screen says it is downtime by design.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment, EndpointSlice, Pod} from '../../source/k8s/types.js';
import {stripAnsi} from '../support/render.js';
import {startE2E, stopAll} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'app-recreate';
type PodLine = {name: string; revision: number; status: string};

/** The Pods pane's rows in one frame: name, revision, kubectl STATUS. */
function podLines(frame: string): PodLine[] {
	return [...frame.matchAll(new RegExp(`[●◐✕✓] (${APP}-[a-z0-9]+-[a-z0-9]{5})\\s+rev(\\d+)\\s+(\\S+)`, 'g'))]
		.map(match => ({name: match[1]!, revision: Number(match[2]), status: match[3]!}));
}

describe('Recreate through the TUI', () => {
	it('n, y: old pods terminate, no new pod until they are gone, 0 ready endpoints and failed probes, downtime warned', async () => {
		const e2e = await startE2E({scenario: 'recreate', speed: 4, columns: 120, rows: 36, probeRate: 40});
		const ready = await e2e.screen.waitFor(frame => frame.includes(`deployment "${APP}" successfully rolled out`) && /rev 1\b[^\n]*100%\s+5 ready/.test(frame), {timeout: 15_000});
		expect(ready).toContain('i Recreate strategy: every old pod stops before new ones start, so the app is down during each rollout.');
		expect(ready).toContain('Recreate: old pods stop before new ones start');

		// The cluster's own record of every pod change: a new-revision pod must not exist beside an old one.
		const pods = new Map<string, Pod>();
		for (const pod of await e2e.list<Pod>('pods')) pods.set(pod.metadata.name!, pod);
		const overlaps: string[] = [];
		const unsubscribe = e2e.cluster.store.subscribe(event => {
			if (event.resource !== 'pods') return;
			const pod = event.object as Pod;
			if (event.type === 'DELETED') pods.delete(pod.metadata.name!);
			else pods.set(pod.metadata.name!, pod);
			const hashes = new Set([...pods.values()].map(candidate => candidate.metadata.labels?.['pod-template-hash']));
			if (hashes.size > 1) overlaps.push([...pods.keys()].join(' '));
		});

		// The prober follows the shipped Deployment (a fresh prober after the ship): either one may see the gap.
		let probeFailures = 0;
		const unsubscribeProbe = e2e.probe.subscribe(() => {
			probeFailures = Math.max(probeFailures, e2e.probe.getSnapshot().failures.recent);
		});
		const before = e2e.screen.stdout.frames.length;
		expect(await e2e.confirm('n', `Ship the next version of deployment "${APP}"?`)).toContain(`✓ deployment.apps/${APP} image updated to arungupta/app-upgrade:v2`);
		await e2e.screen.waitFor(frame => /rev 2 → \S*app-upgrade:v2/.test(frame) && frame.includes(`deployment "${APP}" successfully rolled out`), {timeout: 15_000});
		unsubscribe();
		unsubscribeProbe();
		expect(overlaps).toEqual([]);

		const frames = e2e.screen.stdout.frames.slice(before).map(stripAnsi);
		const rows = frames.map(podLines);
		// Every old pod was shown Terminating at some point…
		const terminating = new Set(rows.flat().filter(pod => pod.revision === 1 && pod.status === 'Terminating').map(pod => pod.name));
		expect(terminating.size).toBe(5);
		// …and no frame ever showed a revision-2 pod while a revision-1 pod was still listed.
		const mixed = rows.filter(lines => lines.some(pod => pod.revision === 2) && lines.some(pod => pod.revision === 1));
		expect(mixed).toEqual([]);
		expect(rows.some(lines => lines.some(pod => pod.revision === 2))).toBe(true);
		// The Service had nowhere to send traffic: the Traffic pane said so.
		expect(frames.some(frame => /no ready endpoints|\s0%\s+0 ready/.test(frame))).toBe(true);
		// And the prober, following the rollout, saw requests fail in the gap (~3 s of cluster time, 0.7 s at speed 4).
		expect(probeFailures).toBeGreaterThan(0);

		// Through the API: the new template, and every endpoint ready again behind the Service.
		const deployment = await e2e.get<Deployment>('deployments', APP);
		expect(deployment.spec.template.spec.containers[0]?.image).toBe('arungupta/app-upgrade:v2');
		const slices = await e2e.list<EndpointSlice>('endpointslices', `kubernetes.io/service-name=${APP}`);
		expect(slices.flatMap(slice => slice.endpoints ?? []).filter(endpoint => endpoint.conditions?.ready).length).toBe(5);
		expect(e2e.screen.lastFrame()).toMatch(/rev 2\b[^\n]*100%\s+5 ready/);
	});
});
