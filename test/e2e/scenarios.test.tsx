// Issue 4: every demo scenario plays through under the real TUI. The others each have their own file
// (rolling, recreate, broken, zero-downtime, history's undo); here: canary and history ship a next
// version that completes, and the empty cluster renders an empty list that fills when kubectl creates.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {startE2E, stopAll} from '../support/e2e.js';

afterEach(stopAll);

describe('demo scenarios under the TUI', () => {
	it.each([
		{scenario: 'canary' as const, name: 'app-v1', from: 'app-upgrade:v1', to: 'arungupta/app-upgrade:v2', replicas: 2},
		{scenario: 'history' as const, name: 'shop', from: 'shop:1.2.0', to: 'shop:1.3.0', replicas: 2},
	])('$scenario: renders $name and n ships $to to completion', async ({scenario, name, from, to, replicas}) => {
		const e2e = await startE2E({scenario, speed: 20, targets: [name], columns: 120, rows: 36});
		const first = await e2e.screen.waitFor(frame => frame.includes(`deployment "${name}" successfully rolled out`), {timeout: 15_000});
		expect(first).toContain(`deploy/${name}`);
		expect(first).toContain(from);
		const revision = Number((await e2e.get<Deployment>('deployments', name)).metadata.annotations?.['deployment.kubernetes.io/revision']);

		expect(await e2e.confirm('n', `Ship the next version of deployment "${name}"?`)).toContain(`image updated to ${to}`);
		const tag = to.split('/').at(-1)!;
		await e2e.screen.waitFor(frame => frame.includes(`rev ${revision + 1} →`) && frame.includes(tag) && frame.includes(`deployment "${name}" successfully rolled out`), {timeout: 15_000});
		const deployment = await e2e.get<Deployment>('deployments', name);
		expect(deployment.spec.template.spec.containers[0]?.image).toBe(to);
		expect(deployment.status).toMatchObject({updatedReplicas: replicas, availableReplicas: replicas, replicas});
	});

	it('empty: an empty list, then a Deployment kubectl creates appears and rolls out', async () => {
		const e2e = await startE2E({scenario: 'empty', speed: 20, columns: 120, rows: 36});
		await e2e.screen.waitFor('Deployments');
		expect(e2e.screen.lastFrame()).not.toMatch(/✓ complete/);
		const created = await e2e.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
		expect(created.stdout).toBe('deployment.apps/web created\n');
		await e2e.screen.waitFor(frame => /✓ complete\s+web\s+2\/2/.test(frame), {timeout: 15_000});
	});
});
