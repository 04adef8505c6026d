// Issue 3, RollingUpdate: the real TUI against the demo cluster's rolling scenario. Every key is checked
// on screen, through the API and, for the status line, against what real kubectl prints for the same state.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {stripAnsi} from '../support/render.js';
import {screenMatchesKubectl, startE2E, statusLine, stopAll, wide} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'app-rolling';
const image = (object: Deployment | ReplicaSet) => object.spec.template.spec.containers[0]?.image;
const revisionOf = (rs: ReplicaSet) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
describe('rolling update through the TUI', () => {
	it('n, y ships revision 2: the status line counts new replicas up and ends as kubectl says, with the API agreeing', async () => {
		const e2e = await startE2E({scenario: 'rolling', speed: 10, ...wide});
		await e2e.screen.waitFor(`deployment "${APP}" successfully rolled out`, {timeout: 15_000});
		expect(await screenMatchesKubectl(e2e, APP)).toBe(`deployment "${APP}" successfully rolled out`);

		const before = e2e.screen.stdout.frames.length;
		const result = await e2e.confirm('n', `Ship the next version of deployment "${APP}"?`);
		expect(result).toContain(`✓ deployment.apps/${APP} image updated to arungupta/app-upgrade:v2`);
		await e2e.screen.waitFor(frame => /rev 2 → \S*app-upgrade:v2/.test(frame) && frame.includes('✓ Complete'), {timeout: 15_000});

		// What the user watched: the kubectl line moving through "N out of 5 new replicas", then done.
		const lines = e2e.screen.stdout.frames.slice(before).map(frame => statusLine(stripAnsi(frame))).filter(line => line !== undefined);
		const counted = [...new Set(lines.map(line => /(\d) out of 5 new replicas have been updated/.exec(line)?.[1]).filter(Boolean))];
		expect(counted.length).toBeGreaterThanOrEqual(1);
		expect(counted.map(Number).every(count => count < 5)).toBe(true);
		expect(lines.at(-1)).toBe(`deployment "${APP}" successfully rolled out`);
		expect(await screenMatchesKubectl(e2e, APP)).toBe(`deployment "${APP}" successfully rolled out`);

		const deployment = await e2e.get<Deployment>('deployments', APP);
		expect(image(deployment)).toBe('arungupta/app-upgrade:v2');
		expect(deployment.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
		const [next, previous] = await e2e.replicaSets(APP);
		expect([revisionOf(next!), image(next!), next!.spec.replicas]).toEqual(['2', 'arungupta/app-upgrade:v2', 5]);
		expect([revisionOf(previous!), image(previous!), previous!.spec.replicas]).toEqual(['1', 'arungupta/app-upgrade:v1', 0]);
		// The History pane lists both revisions with their pod counts.
		const frame = e2e.screen.lastFrame();
		expect(frame).toMatch(/▶ 2\s+\S*app-upgrade:v2\s+5 /);
		expect(frame).toMatch(/ {3}1\s+\S*app-upgrade:v1\s+0 /);
	});

	it('R restarts into a new revision with restartedAt; s scales to the typed number', async () => {
		const e2e = await startE2E({scenario: 'rolling', speed: 10, ...wide});
		await e2e.screen.waitFor(`deployment "${APP}" successfully rolled out`, {timeout: 15_000});
		expect(await e2e.confirm('R', `Restart deployment "${APP}"?`)).toContain(`✓ deployment.apps/${APP} restarted`);
		const restarted = await e2e.get<Deployment>('deployments', APP);
		expect(Date.parse(restarted.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? '')).not.toBeNaN();
		await e2e.screen.waitFor(frame => /rev 2 → \S*app-upgrade:v1/.test(frame) && frame.includes('✓ Complete'), {timeout: 15_000});
		const replicaSets = await e2e.replicaSets(APP);
		expect(replicaSets.map(rs => [revisionOf(rs), rs.spec.replicas])).toEqual([['2', 5], ['1', 0]]);
		expect(replicaSets[0]!.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeDefined();

		await e2e.screen.type('s');
		await e2e.screen.waitFor(`Scale deployment "${APP}" from 5 to`);
		await e2e.screen.type('7');
		await e2e.screen.waitFor('kubectl scale --replicas=7');
		await e2e.screen.press('enter');
		await e2e.screen.waitFor(`✓ deployment.apps/${APP} scaled`);
		expect((await e2e.get<Deployment>('deployments', APP)).spec.replicas).toBe(7);
		await e2e.screen.waitFor(frame => /available\s+█+\s+7\/7/.test(frame), {timeout: 15_000});
		const ready = await e2e.kubectl(['get', 'deploy', APP, '--no-headers']);
		expect(ready.stdout).toMatch(new RegExp(`^${APP}\\s+7/7\\s+7\\s+7\\s`));
	});
});
