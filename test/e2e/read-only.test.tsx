// Issue 3, --read-only: against the live demo cluster, no key that changes the cluster is offered, and
// pressing them (and confirming anything) sends nothing — the Deployment stays exactly as it was.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {startE2E, stopAll} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'app-rolling';

describe('read-only through the TUI', () => {
	it('shows no mutating key, and p r R u s n b with y and Enter change nothing', async () => {
		const e2e = await startE2E({scenario: 'rolling', speed: 20, readOnly: true, columns: 120, rows: 36});
		const frame = await e2e.screen.waitFor(`deployment "${APP}" successfully rolled out`, {timeout: 15_000});
		await e2e.cluster.settled();
		const before = await e2e.get<Deployment>('deployments', APP);
		const footer = frame.split('\n').at(-1)!;
		expect(footer).toContain('q quit');
		for (const label of ['pause', 'resume', 'scale', 'undo', 'restart', 'ship']) expect(footer).not.toContain(label);

		const rv = e2e.cluster.store.resourceVersion;
		for (const key of ['p', 'r', 'R', 'u', 'n', 'b']) {
			await e2e.screen.type(key);
			await e2e.screen.type('y');
		}
		await e2e.screen.type('s3');
		await e2e.screen.press('enter');
		// A round trip through the API server after the keys: anything they sent has been handled by now.
		const after = await e2e.get<Deployment>('deployments', APP);
		expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
		expect(after.metadata.generation).toBe(before.metadata.generation);
		expect(after.spec).toEqual(before.spec);
		await e2e.cluster.settled();
		expect(e2e.cluster.store.resourceVersion).toBe(rv);
		const last = e2e.screen.lastFrame();
		expect(last).not.toContain('y/N');
		expect(last).not.toMatch(/[✓✗] deployment\.apps/);
		expect(last).toContain(`deployment "${APP}" successfully rolled out`);
		expect((await e2e.replicaSets(APP)).length).toBe(1);
	});
});
