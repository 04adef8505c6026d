// Issue 3, undo: a revision selected in History with j/k, then u, rolls back to it (kubectl rollout undo
// --to-revision); u elsewhere goes to the previous revision — checked through the API and real kubectl.
import {afterEach, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import {flat, startE2E, stopAll, type E2E} from '../support/e2e.js';

afterEach(stopAll);

const APP = 'shop';

async function running(e2e: E2E) {
	const deployment = await e2e.get<Deployment>('deployments', APP);
	return [deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], deployment.spec.template.spec.containers[0]?.image];
}

async function historyRevisions(e2e: E2E): Promise<string[]> {
	const history = await e2e.kubectl(['rollout', 'history', `deploy/${APP}`]);
	expect(history.code).toBe(0);
	return history.stdout.split('\n').filter(line => /^\d+\s/.test(line)).map(line => line.split(/\s+/)[0]!);
}

const complete = (revision: number, image: string) => (frame: string) =>
	new RegExp(`rev ${revision} → \\S*${image.replaceAll('.', '\\.')}`).test(frame) && frame.includes(`deployment "${APP}" successfully rolled out`);

describe('undo through the TUI', () => {
	it('j/k select a revision in History and u rolls back to it; u elsewhere rolls back to the previous one', async () => {
		const e2e = await startE2E({scenario: 'history', speed: 20, columns: 120, rows: 36});
		await e2e.screen.waitFor(complete(3, 'shop:1.2.0'), {timeout: 15_000});
		expect(await historyRevisions(e2e)).toEqual(['1', '2', '3']);

		// Focus History (bold border), then down twice to revision 1, up to 2, down again to 1.
		for (let presses = 0; presses < 4 && !e2e.screen.lastFrame().includes('┏ History'); presses++) await e2e.screen.press('tab');
		await e2e.screen.waitFor('┏ History');
		await e2e.screen.type('jjkj');
		const answer = await e2e.confirm('u', `Roll back deployment "${APP}" to revision 1 (shop:1.0.0)? A new rollout starts (kubectl rollout undo --to-revision=1). y/N`);
		expect(answer).toContain(`✓ deployment.apps/${APP} rolled back`);
		await e2e.screen.waitFor(complete(4, 'shop:1.0.0'), {timeout: 15_000});
		expect(await running(e2e)).toEqual(['4', 'shop:1.0.0']);
		expect(await historyRevisions(e2e)).toEqual(['2', '3', '4']);

		// Leave History: u now means "the previous revision", 3 (shop:1.2.0), as plain kubectl rollout undo.
		await e2e.screen.press('tab');
		await e2e.screen.waitFor(frame => !frame.includes('┏ History'));
		await e2e.confirm('u', `Roll back deployment "${APP}" to revision 3 (shop:1.2.0)? A new rollout starts (kubectl rollout undo). y/N`);
		await e2e.screen.waitFor(complete(5, 'shop:1.2.0'), {timeout: 15_000});
		expect(await running(e2e)).toEqual(['5', 'shop:1.2.0']);
		expect(await historyRevisions(e2e)).toEqual(['2', '4', '5']);
		// The History pane lists what kubectl lists, newest first, with the current one marked.
		expect(flat(e2e.screen.lastFrame())).toMatch(/▶ 5 \S*shop:1\.2\.0 2 .* 4 \S*shop:1\.0\.0 0 .* 2 \S*shop:1\.1\.0 0/);
	});
});
