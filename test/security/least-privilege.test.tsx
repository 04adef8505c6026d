// Least privilege: --read-only is enforced in the action layer itself (no request leaves the process),
// and in the TUI every command that changes the cluster asks first and sends nothing unless confirmed.
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createActions} from '../../source/cluster/actions.js';
import type {Deployment} from '../../source/k8s/types.js';
import type {ClusterSnapshot} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import {App} from '../../source/ui/App.js';
import {keymap} from '../../source/ui/keymap.js';
import type {ActionResult, MonitorActions} from '../../source/ui/types.js';
import {render} from '../support/render.js';
import {loadObjects} from '../fuzz/support/mutate.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const close of closers.splice(0)) await close();
});

/** A loopback API server that records every request and answers like an empty cluster. */
async function recordingServer() {
	const requests: Array<{method: string; url: string}> = [];
	const server = createServer((req: IncomingMessage, res) => {
		requests.push({method: req.method ?? '', url: req.url ?? ''});
		res.writeHead(404, {'Content-Type': 'application/json'});
		res.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found'}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	closers.push(() => new Promise(resolve => server.close(() => resolve())));
	const kc = new KubeConfig();
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	kc.loadFromOptions({clusters: [{name: 'c', server: url, skipTLSVerify: true}], users: [{name: 'u', token: 'recording-token'}], contexts: [{name: 'x', cluster: 'c', user: 'u', namespace: 'shop'}], currentContext: 'x'});
	return {requests, kc};
}

describe('--read-only in the action layer', () => {
	it('sends no request for any action, and says so', async () => {
		const {requests, kc} = await recordingServer();
		const actions = createActions({kc, namespace: 'shop', readOnly: true});
		const results = await Promise.all([
			actions.pause('web'),
			actions.resume('web'),
			actions.restart('web'),
			actions.undo('web'),
			actions.undo('web', 2),
			actions.scale('web', 3),
			actions.setImage('web', {web: 'example/web:v2'}),
		]);
		expect(requests).toEqual([]);
		for (const result of results) {
			expect(result.ok).toBe(false);
			expect(result.message).toMatch(/^read-only mode: not sending .+ for deployment\/web$/);
		}
	});

	it('the same recording server does see requests when not read-only (the counter works)', async () => {
		const {requests, kc} = await recordingServer();
		const result = await createActions({kc, namespace: 'shop', readOnly: false}).pause('web');
		expect(result.ok).toBe(false);
		expect(requests).toEqual([{method: 'GET', url: '/apis/apps/v1/namespaces/shop/deployments/web'}]);
	});
});

const answer = (message: string) => vi.fn(async (): Promise<ActionResult> => ({ok: true, message}));

function scene(paused: boolean) {
	const {objects, namespace, now} = loadObjects('history-3-revisions');
	const deployments = objects.deployments.map(deployment => ({...deployment, spec: {...deployment.spec, paused}}) as Deployment);
	const byKey = <T extends {metadata: {name?: string; namespace?: string}}>(list: T[]) => new Map(list.map(object => [objectKey(object as never), object]));
	const snapshot: ClusterSnapshot = {
		version: 1,
		deployments: byKey(deployments),
		replicaSets: byKey(objects.replicasets),
		pods: byKey(objects.pods),
		services: byKey(objects.services),
		endpointSlices: byKey(objects.endpointslices),
		events: new Map(),
		transitions: [],
		connections: {deployments: {status: 'live', since: now, lastContactAt: now}},
	};
	const actions = {pause: answer('paused'), resume: answer('resumed'), restart: answer('restarted'), undo: answer('rolled back'), scale: answer('scaled'), shipNext: answer('shipped'), shipBroken: answer('shipped')} satisfies MonitorActions;
	return {snapshot, actions, namespace, now, name: deployments[0]!.metadata.name!};
}

function mount(paused: boolean, readOnly = false) {
	const {snapshot, actions, namespace, now, name} = scene(paused);
	const store = {getSnapshot: () => snapshot, subscribe: () => () => undefined};
	const screen = render(<App store={store} actions={actions} context={{name: 'prod', namespace}} targets={[name]} readOnly={readOnly} demo={{}} now={() => now} />, {columns: 120, rows: 40});
	const calls = () => Object.values(actions).reduce((sum, action) => sum + action.mock.calls.length, 0);
	return {screen, actions, calls, name};
}

// Each dangerous command, the key that triggers it and the deployment state in which it is enabled.
const dangerous = keymap.filter(command => command.dangerous);
const pausedFor = (id: string) => id === 'resume';

describe('every dangerous key asks first', () => {
	it('covers every command that changes the cluster', () => {
		expect(keymap.filter(command => command.mutates).map(command => command.id)).toEqual(dangerous.map(command => command.id));
		expect(dangerous.map(command => command.id).sort()).toEqual(['pause', 'restart', 'resume', 'scale', 'shipBroken', 'shipNext', 'undo']);
	});

	for (const command of dangerous) {
		it(`${command.id} (${command.keys.join(', ')}): nothing is sent until confirmed, and Esc / n cancel`, async () => {
			const {screen, actions, calls, name} = mount(pausedFor(command.id));
			await screen.waitFor(`deploy/${name}`);
			const key = command.keys[0]!;
			await screen.type(key);
			const question = command.id === 'scale' ? await screen.waitFor('replicas') : await screen.waitFor('y/N');
			expect(calls()).toBe(0);
			if (command.confirm) expect(question).toContain(name);
			await screen.press('escape');
			await screen.waitFor('cancelled, nothing sent');
			expect(calls()).toBe(0);
			await screen.type(key);
			if (command.id === 'scale') {
				await screen.waitFor('replicas');
				await screen.type('7');
				await screen.press('enter');
				await vi.waitFor(() => expect(actions.scale).toHaveBeenCalledWith(name, 7), {timeout: 3000});
			} else {
				await screen.waitFor('y/N');
				await screen.type('n');
				await screen.waitFor('cancelled, nothing sent');
				expect(calls()).toBe(0);
				await screen.type(key);
				await screen.waitFor('y/N');
				await screen.type('y');
				await vi.waitFor(() => expect(actions[command.id as keyof typeof actions]).toHaveBeenCalledTimes(1), {timeout: 3000});
			}
			expect(calls()).toBe(1);
		});
	}

	it('read-only: the dangerous keys do nothing at all and are not offered', async () => {
		for (const paused of [false, true]) {
			const {screen, calls, name} = mount(paused, true);
			const frame = await screen.waitFor(`deploy/${name}`);
			for (const command of dangerous) expect(frame).not.toContain(` ${command.label} `);
			for (const command of dangerous) await screen.type(command.keys[0]!);
			await screen.press('enter');
			await screen.type('y');
			expect(screen.lastFrame()).not.toContain('y/N');
			expect(calls()).toBe(0);
			screen.unmount();
		}
	});
});
