// The seed tutorials' kubectl steps against the demo scenarios, with the output and exit codes a real
// cluster gives (wording from the recordings' transcripts).
import {execFile} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import {promisify} from 'node:util';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {serve} from '../../source/demo/serve.js';
import {ensureKubectl} from '../support/kubectl.js';
import {type Kubectl, startKubectl} from './kubectl-support.js';

let k: Kubectl | undefined;
afterEach(async () => {
	await k?.close();
	k = undefined;
});

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('kubectl walkthroughs on the demo scenarios', () => {
	it('history: lists change-causes, undoes to a revision, and renumbers it like a real cluster', async () => {
		k = await startKubectl({scenario: 'history', speed: 20});
		expect((await k.run(['rollout', 'status', 'deployment/shop', '--timeout=30s'])).stdout).toContain('deployment "shop" successfully rolled out');
		const history = await k.run(['rollout', 'history', 'deployment/shop']);
		expect(lines(history.stdout)).toEqual([
			'deployment.apps/shop ',
			'REVISION  CHANGE-CAUSE',
			'1         kubectl create deployment shop --image=shop:1.0.0 --replicas=2',
			'2         kubectl set image deployment/shop shop=shop:1.1.0',
			'3         kubectl set image deployment/shop shop=shop:1.2.0',
		].map(line => line.trimEnd()).map((line, i) => (i === 0 ? `${line} ` : line)));
		expect(await k.run(['rollout', 'undo', 'deployment/shop', '--to-revision=1'])).toMatchObject({code: 0, stdout: 'deployment.apps/shop rolled back\n'});
		expect((await k.run(['rollout', 'status', 'deployment/shop', '--timeout=30s'])).code).toBe(0);
		const after = await k.run(['rollout', 'history', 'deployment/shop']);
		expect(lines(after.stdout).slice(2).map(line => line.split(/\s+/)[0])).toEqual(['2', '3', '4']);
		expect(await k.run(['rollout', 'history', 'deployment/shop', '--revision=1'])).toMatchObject({code: 1, stderr: 'error: unable to find the specified revision\n'});
		expect(await k.run(['rollout', 'undo', 'deployment/shop', '--to-revision=1'])).toMatchObject({code: 1, stderr: 'error: unable to find specified revision 1 in history\n'});
		const revision4 = await k.run(['rollout', 'history', 'deployment/shop', '--revision=4']);
		expect(revision4.stdout).toContain('deployment.apps/shop with revision #4');
		expect(revision4.stdout).toContain('Image:\tshop:1.0.0');
	});

	it('broken: the stalled rollout exceeds its deadline, times out a short wait, and undo recovers at once', async () => {
		k = await startKubectl({scenario: 'broken', speed: 10});
		expect((await k.run(['rollout', 'status', 'deployment/api', '--timeout=30s'])).code).toBe(0);
		expect((await k.run(['set', 'image', 'deployment/api', 'api=example/api:v2-broken'])).stdout).toBe('deployment.apps/api image updated\n');
		expect(await k.run(['rollout', 'status', 'deployment/api', '--timeout=1s'])).toMatchObject({code: 1, stderr: 'error: timed out waiting for the condition\n'});
		const failed = await k.run(['rollout', 'status', 'deployment/api', '--timeout=60s']);
		expect(failed.code).toBe(1);
		expect(failed.stderr).toBe('error: deployment "api" exceeded its progress deadline\n');
		expect(lines(failed.stdout).at(-1)).toBe('Waiting for deployment "api" rollout to finish: 1 out of 3 new replicas have been updated...');
		const pods = await k.run(['get', 'pods']);
		expect(pods.stdout).toMatch(/api-[456789bcdf]+-\w{5}\s+0\/1\s+(CrashLoopBackOff|Error)\s+\d+/);
		expect((await k.run(['rollout', 'undo', 'deployment/api'])).stdout).toBe('deployment.apps/api rolled back\n');
		expect(await k.run(['rollout', 'status', 'deployment/api', '--timeout=30s'])).toMatchObject({code: 0, stdout: 'deployment "api" successfully rolled out\n'});
	});

	it('rolling: the service proxy answers as the pods behind it, and delete takes everything down', async () => {
		k = await startKubectl({scenario: 'rolling', speed: 20});
		await k.run(['rollout', 'status', 'deployment/app-rolling', '--timeout=30s']);
		const raw = await k.run(['get', '--raw', '/api/v1/namespaces/default/services/app-rolling:80/proxy/']);
		expect(raw.stdout).toMatch(/^Hello World! \(app-upgrade:v1, pod app-rolling-[456789bcdf]+-\w{5}\)\n$/);
		await k.run(['set', 'image', 'deployment/app-rolling', 'app-rolling=arungupta/app-upgrade:v2']);
		await k.run(['rollout', 'status', 'deployment/app-rolling', '--timeout=30s']);
		await k.cluster.settled();
		expect((await k.run(['get', '--raw', '/api/v1/namespaces/default/services/app-rolling:80/proxy/'])).stdout).toMatch(/^Howdy World! \(app-upgrade:v2, /);
		const slices = await k.run(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=app-rolling', '-o', 'jsonpath={.items[*].endpoints[*].conditions.ready}']);
		expect(slices.stdout.split(' ')).toEqual(['true', 'true', 'true', 'true', 'true']);
		expect((await k.run(['delete', 'deployment', 'app-rolling'])).stdout).toBe('deployment.apps "app-rolling" deleted from default namespace\n');
		await k.cluster.settled();
		expect(await k.run(['get', 'rs,pods'])).toMatchObject({stdout: '', stderr: 'No resources found in default namespace.\n'});
		const gone = await k.run(['get', '--raw', '/api/v1/namespaces/default/services/app-rolling:80/proxy/']);
		expect(gone.code).toBe(1);
		expect(gone.stderr).toContain('no endpoints available for service');
	});

	it('zero-downtime: a pod without a readiness probe is Ready before its app answers; with a probe it is not', async () => {
		k = await startKubectl({scenario: 'zero-downtime', speed: 10});
		await k.run(['rollout', 'status', 'deployment/myapp-no-probe', '--timeout=30s']);
		const early = await k.run(['get', '--raw', '/api/v1/namespaces/default/services/myapp-no-probe:80/proxy/']);
		expect(early.code).toBe(1);
		expect(early.stderr).toContain('connect: connection refused');
		const probed = await k.run(['get', '--raw', '/api/v1/namespaces/default/services/myapp-probe:80/proxy/']);
		expect(probed.stderr).toBe('Error from server (ServiceUnavailable): no endpoints available for service "myapp-probe"\n');
		await k.run(['rollout', 'status', 'deployment/myapp-probe', '--timeout=30s']);
		expect((await k.run(['get', '--raw', '/api/v1/namespaces/default/services/myapp-probe:80/proxy/'])).stdout).toMatch(/^Hello World! \(myapp:1, pod myapp-probe-/);
		expect((await k.run(['get', '--raw', '/api/v1/namespaces/default/services/myapp-no-probe:80/proxy/'])).stdout).toMatch(/^Hello World! \(myapp:1, /);
	});
});

describe('rollwatch demo --serve', () => {
	it('prints one line with the URL and a 0600 kubeconfig kubectl can use, and stops on abort', async () => {
		const out = new PassThrough();
		let printed = '';
		out.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
		});
		const controller = new AbortController();
		const done = serve({port: 0, scenario: 'canary', speed: 20}, out, controller.signal);
		const deadline = Date.now() + 20_000;
		while (!printed.includes('\n') && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		const match = /^rollwatch demo cluster on (https:\/\/127\.0\.0\.1:\d+) — kubeconfig: (\S+) \(export KUBECONFIG=(\S+)\)\n$/.exec(printed);
		expect(match).not.toBeNull();
		const path = match![2]!;
		expect(match![3]).toBe(path);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(readFileSync(path, 'utf8')).toContain('current-context: rollwatch-demo');
		// The server runs in this process: kubectl must not block the event loop (no spawnSync).
		const get = await promisify(execFile)(ensureKubectl(), ['get', 'deployments', '-o', 'name'], {env: {PATH: process.env.PATH, HOME: dirname(path), KUBECONFIG: path, KUBECACHEDIR: `${path}.cache`}, timeout: 20_000});
		expect(get.stdout).toBe('deployment.apps/app-v1\ndeployment.apps/app-v2\n');
		controller.abort();
		expect(await done).toBe(0);
	});
});
