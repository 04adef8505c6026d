// Issue 3, pause and resume: p mid-rollout stops the rollout where it is — the screen's kubectl line and
// real kubectl's agree and hold still, kubectl rollout status keeps waiting — and r takes it to the end.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {kubectlStatusLine, screenMatchesKubectl, startE2E, statusLine, stopAll, wide} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'app-rolling';

describe('pause and resume through the TUI', () => {
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
		const paused = await screenMatchesKubectl(e2e, APP);
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
		expect(await screenMatchesKubectl(e2e, APP)).toBe(`deployment "${APP}" successfully rolled out`);
		expect(e2e.screen.lastFrame()).not.toContain('Rollout is paused');
	});
});
