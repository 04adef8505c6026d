// `rollwatch status` against the demo cluster: kubectl rollout status's lines and exit codes.
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {parseDuration} from '../../source/cli/status.js';
import {startDemoCluster} from '../../source/demo/cluster.js';
import type {DemoCluster} from '../../source/demo/cluster.js';
import {kubectlPath} from '../support/kubectl.js';

const run = promisify(execFile);
let cluster: DemoCluster | undefined;
let dir: string | undefined;
afterEach(async () => {
	await cluster?.stop();
	if (dir) await rm(dir, {recursive: true, force: true});
	cluster = undefined;
	dir = undefined;
});

async function start(scenario: 'rolling' | 'broken', speed = 20) {
	cluster = await startDemoCluster({scenario, speed});
	dir = await mkdtemp(join(tmpdir(), 'rollwatch-status-'));
	return cluster.writeKubeconfig(join(dir, 'kubeconfig'));
}

async function status(kubeconfig: string, ...args: string[]) {
	try {
		const {stdout, stderr} = await run(process.execPath, ['dist/cli.js', 'status', ...args, '--kubeconfig', kubeconfig], {timeout: 30_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, stdout: failure.stdout, stderr: failure.stderr};
	}
}

describe('rollwatch status', () => {
	it('parses kubectl-style durations', () => {
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('5')).toBe(5000);
		expect(() => parseDuration('5 minutes')).toThrowError('--timeout must be a duration such as 90s, 5m or 1h30m, not "5 minutes".');
	});

	it('waits for a rollout and ends with kubectl\'s success line and exit 0', async () => {
		const kubeconfig = await start('rolling');
		await run(kubectlPath, ['--kubeconfig', kubeconfig, 'set', 'image', 'deployment/app-rolling', 'app-rolling=arungupta/app-upgrade:v2']);
		const result = await status(kubeconfig, 'deploy/app-rolling', '--timeout', '60s');
		expect(result.code).toBe(0);
		const lines = result.stdout.trim().split('\n');
		expect(lines.at(-1)).toBe('deployment "app-rolling" successfully rolled out');
		// The same message kubectl prints for the same, now stable, state.
		const kubectl = await run(kubectlPath, ['--kubeconfig', kubeconfig, 'rollout', 'status', 'deployment/app-rolling', '--watch=false']);
		expect(kubectl.stdout.trim()).toBe(lines.at(-1));
	});

	it('fails like kubectl when the progress deadline passes, and prints JSON with -o json', async () => {
		const kubeconfig = await start('broken');
		await run(kubectlPath, ['--kubeconfig', kubeconfig, 'set', 'image', 'deployment/api', 'api=example/api:v2-broken']);
		const result = await status(kubeconfig, 'api', '-o', 'json');
		expect(result.code).toBe(1);
		const last = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {done: boolean; error?: string};
		expect(last).toMatchObject({done: false, error: 'deployment "api" exceeded its progress deadline'});
	});

	it('times out with kubectl\'s message and exit 1', async () => {
		// Human pace: the 20 s progress deadline must not pass before our 100 ms timeout.
		const kubeconfig = await start('broken', 1);
		await run(kubectlPath, ['--kubeconfig', kubeconfig, 'set', 'image', 'deployment/api', 'api=example/api:v2-broken']);
		const result = await status(kubeconfig, 'deploy/api', '--timeout', '100ms');
		expect(result).toMatchObject({code: 1, stderr: 'error: timed out waiting for the condition\n'});
	});

	it('says in one line when the Deployment does not exist', async () => {
		const kubeconfig = await start('rolling');
		const result = await status(kubeconfig, 'deploy/nope');
		expect(result.code).toBe(6);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain('"nope"');
	});
});
