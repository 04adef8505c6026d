// The README's first command, as a newcomer runs it: `npx rollwatch demo` in a terminal, pick a
// scenario, see the rollout dashboard, ship a version, quit cleanly.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {spawnPty} from '../support/pty.js';
import type {PtySession} from '../support/pty.js';

let session: PtySession | undefined;
afterEach(() => session?.kill());

describe('README demo command', () => {
	it('is the command the README tells newcomers to run', () => {
		expect(readFileSync('README.md', 'utf8')).toContain('npm install && npx rollwatch demo');
	});

	it('starts the picker, runs the rolling demo, ships v2 and quits with exit code 0', async () => {
		session = spawnPty('npx', ['rollwatch', 'demo', '--speed', '4'], {cols: 100, rows: 30});
		await session.waitFor(screen => screen.includes('pick a scenario') && screen.includes('Rolling update'), 'the scenario picker');
		session.write('\r');
		await session.waitFor(screen => screen.includes('deploy/app-rolling') && screen.includes('successfully rolled out'), 'the rolled-out dashboard');
		session.write('n');
		await session.waitFor(screen => screen.includes('Ship the next version of deployment "app-rolling"?'), 'the ship-next confirmation');
		session.write('y');
		await session.waitFor(screen => screen.includes('app-upgrade:v2') && screen.includes('rev 2'), 'revision 2 rolling out');
		session.write('q');
		expect(await session.exited).toBe(0);
	});
});
