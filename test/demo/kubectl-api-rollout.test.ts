// Real kubectl 1.35 rollout commands against the demo API server with no controllers: the stored objects
// must change exactly as a real API server would change them, and watches must behave as kubectl expects.
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Deployment} from '../../source/k8s/types.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {ensureKubectl} from '../support/kubectl.js';
import {seedDeployment, seedReplicaSet, setDeploymentStatus} from './api-seed.js';

let demo: DemoServer;
beforeAll(async () => {
	demo = await startDemoServer();
});
afterAll(async () => {
	await demo?.close();
});

const kubectl = (ns: string, ...args: string[]) => demo.kubectl(['-n', ns, ...args]);
const deployment = (ns: string, name = 'web') => demo.store.mustGet<Deployment>('deployments', ns, name);
const hasDollarKey = (value: unknown): boolean =>
	typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => k.startsWith('$') || hasDollarKey(v));

describe('kubectl changes a deployment as a real server stores it', () => {
	it('scale goes through /scale and bumps the generation', async () => {
		seedDeployment(demo.store, 'scale', 'web', {replicas: 2});
		expect(await kubectl('scale', 'scale', 'deploy/web', '--replicas=5')).toMatchObject({code: 0, stdout: 'deployment.apps/web scaled\n'});
		expect(deployment('scale').spec.replicas).toBe(5);
		expect(deployment('scale').metadata.generation).toBe(2);
		const current = await kubectl('scale', 'scale', 'deploy/web', '--current-replicas=3', '--replicas=1');
		expect(current.code).toBe(1);
		expect(current.stderr).toContain('Expected replicas to be 3, was 5');
	});

	it('set image merges the container by name and stores no patch directive', async () => {
		seedDeployment(demo.store, 'image', 'web', {image: 'web:1'});
		const result = await kubectl('image', 'set', 'image', 'deploy/web', 'app=web:2');
		expect(result).toMatchObject({code: 0, stdout: 'deployment.apps/web image updated\n'});
		const stored = deployment('image');
		expect(stored.spec.template.spec.containers).toEqual([expect.objectContaining({name: 'app', image: 'web:2', imagePullPolicy: 'IfNotPresent'})]);
		expect(hasDollarKey(stored)).toBe(false);
		expect(stored.metadata.generation).toBe(2);
		const missing = await kubectl('image', 'set', 'image', 'deploy/web', 'nope=web:3');
		expect(missing.stderr).toContain('error: unable to find container named "nope"');
	});

	it('rollout pause, resume and restart change spec.paused and the template annotation', async () => {
		seedDeployment(demo.store, 'pause', 'web');
		expect((await kubectl('pause', 'rollout', 'pause', 'deploy/web')).stdout).toBe('deployment.apps/web paused\n');
		expect(deployment('pause').spec.paused).toBe(true);
		expect((await kubectl('pause', 'rollout', 'pause', 'deploy/web')).stderr).toContain('error: deployments.apps "web" is already paused');
		expect((await kubectl('pause', 'rollout', 'resume', 'deploy/web')).stdout).toBe('deployment.apps/web resumed\n');
		expect('paused' in deployment('pause').spec).toBe(false);
		expect((await kubectl('pause', 'rollout', 'restart', 'deploy/web')).stdout).toBe('deployment.apps/web restarted\n');
		const restartedAt = deployment('pause').spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
		expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
		expect(deployment('pause').metadata.generation).toBe(4);
	});

	it('rollout history lists the owned replica sets; undo applies the JSON patch of the previous revision', async () => {
		const owner = seedDeployment(demo.store, 'history', 'web', {image: 'web:3', annotations: {'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'third'}});
		seedReplicaSet(demo.store, owner, 1, 'web:1', 0, 'first');
		seedReplicaSet(demo.store, owner, 2, 'web:22', 0);
		seedReplicaSet(demo.store, owner, 3, 'web:3', 2, 'third');
		const history = await kubectl('history', 'rollout', 'history', 'deploy/web');
		expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n3         third\n\n');
		const one = await kubectl('history', 'rollout', 'history', 'deploy/web', '--revision=1');
		expect(one.stdout).toContain('deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=h1x5\n');
		expect((await kubectl('history', 'rollout', 'undo', 'deploy/web', '--to-revision=7')).stderr).toContain('error: unable to find specified revision 7 in history');
		const undo = await kubectl('history', 'rollout', 'undo', 'deploy/web', '--to-revision=1');
		expect(undo).toMatchObject({code: 0, stdout: 'deployment.apps/web rolled back\n'});
		const stored = deployment('history');
		expect(stored.spec.template.spec.containers[0]!.image).toBe('web:1');
		expect(stored.spec.template.metadata?.labels).toEqual({app: 'web'});
		expect(stored.metadata.annotations).toEqual({'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'first'});
	});
});

describe('kubectl rollout status (watch-list in 1.35)', () => {
	it('exits 0 at once for a rolled-out deployment', async () => {
		seedDeployment(demo.store, 'status', 'done', {replicas: 2});
		setDeploymentStatus(demo.store, 'status', 'done', {observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [{type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable'}]});
		const result = await demo.kubectl(['-n', 'status', 'rollout', 'status', 'deploy/done', '--timeout=15s']);
		expect(result).toMatchObject({code: 0, stdout: 'deployment "done" successfully rolled out\n'});
	});

	it('exits 1 with the real error when the progress deadline was exceeded', async () => {
		seedDeployment(demo.store, 'status', 'stuck', {replicas: 3});
		setDeploymentStatus(demo.store, 'status', 'stuck', {observedGeneration: 1, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded'}]});
		const result = await demo.kubectl(['-n', 'status', 'rollout', 'status', 'deploy/stuck', '--timeout=15s']);
		expect(result).toMatchObject({code: 1, stderr: 'error: deployment "stuck" exceeded its progress deadline\n'});
	});

	it('follows status updates made while it waits', async () => {
		seedDeployment(demo.store, 'status', 'live', {replicas: 2});
		setDeploymentStatus(demo.store, 'status', 'live', {observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 1});
		const status = startKubectl(['-n', 'status', 'rollout', 'status', 'deploy/live', '--timeout=15s']);
		await status.waitFor(/Waiting for deployment "live" rollout to finish: 1 out of 2 new replicas have been updated...\n/);
		setDeploymentStatus(demo.store, 'status', 'live', {observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2});
		expect(await status.exited).toBe(0);
		expect(status.output().endsWith('deployment "live" successfully rolled out\n')).toBe(true);
	});
});

describe('kubectl get -w', () => {
	it('prints the table, then a row per change made through the store; --watch-only skips the initial rows', async () => {
		seedDeployment(demo.store, 'watch', 'web', {replicas: 2});
		const full = startKubectl(['-n', 'watch', 'get', 'deploy', 'web', '-w']);
		const only = startKubectl(['-n', 'watch', 'get', 'deploy', '--watch-only']);
		await full.waitFor(/^web\s+0\/2\s+0\s+0\s+\d+s$/m);
		// Both watches must be established before the change; kubectl gives no signal, so keep changing until seen.
		let replicas = 3;
		await waitFor(() => {
			const current = deployment('watch');
			demo.store.update('deployments', {...current, spec: {...current.spec, replicas: replicas++}});
			return /^web\s+0\/\d\s+0\s+0\s+\d+s$/m.test(only.output()) && full.output().trim().split('\n').length >= 3;
		});
		full.stop();
		only.stop();
		expect(full.output().split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
		expect(full.output()).toMatch(/^web\s+0\/[3-9]\s+0\s+0\s+\d+s$/m);
		expect(only.output()).not.toMatch(/^web\s+0\/2\s/m);
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

function startKubectl(args: string[]) {
	const child = spawn(ensureKubectl(), ['--kubeconfig', demo.kubeconfig, '--cache-dir', join(demo.dir, 'cache'), ...args], {env: {PATH: process.env.PATH ?? '', HOME: demo.dir}});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const killer = setTimeout(() => child.kill(), 20_000);
	const exited = new Promise<number | null>(resolve => child.on("exit", code => {
		clearTimeout(killer);
		resolve(code);
	}));
	return {
		exited,
		output: () => out,
		waitFor: (pattern: RegExp) => waitFor(() => pattern.test(out)),
		stop() {
			clearTimeout(killer);
			child.kill();
		},
	};
}
