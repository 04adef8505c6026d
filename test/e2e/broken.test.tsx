// Issues 3 and 4, broken release: n ships a good version, b a crashing one that stalls until
// ProgressDeadlineExceeded, u rolls back — on screen, through the API and in real kubectl's history.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {kubectlStatusLine, startE2E, statusLine, stopAll, type E2E} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'api';

async function state(e2e: E2E) {
	const deployment = await e2e.get<Deployment>('deployments', APP);
	const replicaSets = await e2e.replicaSets(APP);
	return {
		revision: deployment.metadata.annotations?.['deployment.kubernetes.io/revision'],
		image: deployment.spec.template.spec.containers[0]?.image,
		progressing: deployment.status?.conditions?.find(condition => condition.type === 'Progressing')?.reason,
		replicaSets: replicaSets.map(rs => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.spec.template.spec.containers[0]?.image, rs.spec.replicas]),
	};
}

const done = (frame: string, revision: number) => new RegExp(`rev ${revision} →`).test(frame) && frame.includes(`deployment "${APP}" successfully rolled out`);

describe('broken release through the TUI', () => {
	it('n, then b stalls at ProgressDeadlineExceeded with CrashLoopBackOff, then u restores; revisions rise as kubectl shows', async () => {
		const e2e = await startE2E({scenario: 'broken', speed: 10, columns: 120, rows: 36});
		await e2e.screen.waitFor(frame => done(frame, 1), {timeout: 15_000});

		expect(await e2e.confirm('n', `Ship the next version of deployment "${APP}"?`)).toContain(`✓ deployment.apps/${APP} image updated to example/api:v2`);
		await e2e.screen.waitFor(frame => done(frame, 2), {timeout: 15_000});
		expect(await state(e2e)).toMatchObject({revision: '2', image: 'example/api:v2', progressing: 'NewReplicaSetAvailable'});

		expect(await e2e.confirm('b', `Ship a broken version of deployment "${APP}"?`)).toContain(`✓ deployment.apps/${APP} image updated to example/api:v3-broken`);
		const failed = await e2e.screen.waitFor(frame => frame.includes(`error: deployment "${APP}" exceeded its progress deadline`) && /rev3\s+CrashLoopBackOff/.test(frame), {timeout: 20_000});
		expect(failed).toContain('ProgressDeadlineExceeded');
		expect(failed).toMatch(/Progress deadline \(20s\) exceeded/);
		expect(failed).toMatch(/\d pods? crashing \((CrashLoopBackOff|Error)\)/);
		expect(failed).toMatch(/rev 3 → \S*api:v3-broken/);
		// The kubelet's own word, from the Warning events: which pod, how often, how recently.
		expect(failed).toMatch(/ BackOff pod\/api-\w+-\w+, (x\d+ over \d+s, last )?\d+s ago: Back-off restarting failed container api/);
		expect(await state(e2e)).toMatchObject({revision: '3', image: 'example/api:v3-broken', progressing: 'ProgressDeadlineExceeded'});
		// The old revision keeps serving: the controller stopped, it did not scale v2 down to nothing.
		expect((await state(e2e)).replicaSets).toContainEqual(['2', 'example/api:v2', expect.any(Number)]);
		expect(((await state(e2e)).replicaSets.find(rs => rs[0] === '2')?.[2] as number)).toBeGreaterThan(0);
		const kubectl = await e2e.kubectl(['rollout', 'status', `deploy/${APP}`, '--watch=false']);
		expect(kubectl.code).toBe(1);
		expect(kubectlStatusLine(kubectl)).toBe(statusLine(e2e.screen.lastFrame()));

		expect(await e2e.confirm('u', `Roll back deployment "${APP}" to revision 2 (`)).toContain(`✓ deployment.apps/${APP} rolled back`);
		// Restored once the crashing pods are gone (the transition log still remembers them).
		const back = await e2e.screen.waitFor(frame => done(frame, 4) && !/rev3\s+(CrashLoopBackOff|Error|Terminating)/.test(frame), {timeout: 15_000});
		expect(back).not.toMatch(/crashing \(|Progress deadline|BackOff pod/);
		const restored = await state(e2e);
		expect(restored).toMatchObject({revision: '4', image: 'example/api:v2', progressing: 'NewReplicaSetAvailable'});
		expect(restored.replicaSets).toEqual([['4', 'example/api:v2', 3], ['3', 'example/api:v3-broken', 0], ['1', 'example/api:v1', 0]]);

		// As on a real cluster: the restored template takes the next number, its old one leaves the list.
		const history = await e2e.kubectl(['rollout', 'history', `deploy/${APP}`]);
		expect(history.code).toBe(0);
		const rows = history.stdout.split('\n').filter(line => /^\d+\s/.test(line)).map(line => line.split(/\s+/)[0]);
		expect(rows).toEqual(['1', '3', '4']);
		expect(history.stdout).toMatch(/3\s+rollwatch demo: kubectl set image deployment\/api api=example\/api:v3-broken/);
	});
});
