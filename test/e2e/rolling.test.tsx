// Issue 3, RollingUpdate: the real TUI against the demo cluster's rolling scenario. Every key is checked
// on screen, through the API and, for the status line, against what real kubectl prints for the same state.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {stripAnsi} from '../support/render.js';
import {kubectlStatusLine, startE2E, statusLine, stopAll, waitUntil, type E2E} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'app-rolling';
const image = (object: Deployment | ReplicaSet) => object.spec.template.spec.containers[0]?.image;
const revisionOf = (rs: ReplicaSet) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
// Wide enough that the Rollout pane never wraps kubectl's longest line.
const wide = {columns: 200, rows: 40};

/** The status line on screen once it equals what kubectl prints now (both read the same cluster state). */
async function screenMatchesKubectl(e2e: E2E): Promise<string> {
	let kubectl = '';
	await waitUntil('the screen to show kubectl\'s rollout status line', async () => {
		kubectl = kubectlStatusLine(await e2e.kubectl(['rollout', 'status', `deploy/${APP}`, '--watch=false']));
		return statusLine(e2e.screen.lastFrame()) === kubectl;
	});
	return kubectl;
}

describe('rolling update through the TUI', () => {
	it('n, y ships revision 2: the status line counts new replicas up and ends as kubectl says, with the API agreeing', async () => {
		const e2e = await startE2E({scenario: 'rolling', speed: 10, ...wide});
		await e2e.screen.waitFor(`deployment "${APP}" successfully rolled out`, {timeout: 15_000});
		expect(await screenMatchesKubectl(e2e)).toBe(`deployment "${APP}" successfully rolled out`);

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
		expect(await screenMatchesKubectl(e2e)).toBe(`deployment "${APP}" successfully rolled out`);

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

	it('p mid-rollout pauses it (screen and kubectl agree and hold still), r resumes it to the end', async () => {
		// Real time: the pause must land inside the first wave (two new pods take ~2 s of cluster time) even
		// when the machine is busy, so p is pressed as soon as revision 2 shows.
		const e2e = await startE2E({scenario: 'rolling', speed: 1, ...wide});
		await e2e.screen.waitFor(`deployment "${APP}" successfully rolled out`, {timeout: 20_000});
		await e2e.screen.type('n');
		await e2e.screen.waitFor(`Ship the next version of deployment "${APP}"?`);
		await e2e.screen.type('y');
		await e2e.screen.waitFor(frame => /rev 2 → \S*app-upgrade:v2/.test(frame));
		expect(await e2e.confirm('p', `Pause deployment "${APP}"?`, 'paused')).toContain(`✓ deployment.apps/${APP} paused`);
		expect((await e2e.get<Deployment>('deployments', APP)).spec.paused).toBe(true);

		// Pods already started finish starting; the controller starts no more.
		await e2e.cluster.settled();
		const paused = await screenMatchesKubectl(e2e);
		expect(paused).toMatch(new RegExp(`^Waiting for deployment "${APP}" rollout to finish: [0-4] out of 5 new replicas have been updated\\.\\.\\.$`));
		const frame = await e2e.screen.waitFor('⏸ Paused');
		expect(frame).toContain('Rollout is paused: template changes wait until it resumes (press r to resume).');
		// kubectl still waits (it would block until the deadline); a short wait times out.
		const waiting = await e2e.kubectl(['rollout', 'status', `deploy/${APP}`, '--timeout=1s']);
		expect(waiting.code).toBe(1);
		expect(waiting.stderr).toBe('error: timed out waiting for the condition\n');
		// Held still: the same line from kubectl and on screen after that second, and the same counts in the API.
		expect(kubectlStatusLine(await e2e.kubectl(['rollout', 'status', `deploy/${APP}`, '--watch=false']))).toBe(paused);
		expect(statusLine(e2e.screen.lastFrame())).toBe(paused);
		const held = await e2e.get<Deployment>('deployments', APP);
		expect(held.status?.updatedReplicas).toBe(Number(/(\d) out of 5/.exec(paused)![1]));

		expect(await e2e.confirm('r', `Resume deployment "${APP}"?`)).toContain(`✓ deployment.apps/${APP} resumed`);
		expect((await e2e.get<Deployment>('deployments', APP)).spec.paused).toBeFalsy();
		await e2e.screen.waitFor(frame => frame.includes('rev 2 →') && frame.includes(`deployment "${APP}" successfully rolled out`), {timeout: 20_000});
		expect(await screenMatchesKubectl(e2e)).toBe(`deployment "${APP}" successfully rolled out`);
		expect(e2e.screen.lastFrame()).not.toContain('Rollout is paused');
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
