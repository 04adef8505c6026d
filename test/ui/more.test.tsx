import {describe, expect, it, vi} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {App} from '../../source/ui/App.js';
import {connectionSummary} from '../../source/ui/connection.js';
import {podHealth} from '../../source/ui/derive.js';
import {render} from '../support/render.js';
import {monitorProps} from './fixtures.js';
import {lineWith} from './frames.js';

describe('demo keys', () => {
	it('n asks first, then ships the next version and shows the result', async () => {
		const shipNext = vi.fn(async () => ({ok: true, message: 'deployment.apps/app-rolling image updated'}));
		const {props, actions} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		props.actions = {...actions, shipNext};
		const screen = render(<App {...props} />);
		const frame = await screen.waitFor('q quit');
		expect(lineWith(frame, 'q quit')).toContain('n ship next');
		expect(lineWith(frame, 'q quit')).not.toContain('ship broken');
		await screen.type('n');
		await screen.waitFor('Ship the next version of deployment "app-rolling"?');
		expect(shipNext).not.toHaveBeenCalled();
		await screen.type('y');
		await screen.waitFor('✓ deployment.apps/app-rolling image updated');
		expect(shipNext).toHaveBeenCalledExactlyOnceWith('app-rolling');
	});

	it('has no demo keys outside the demo or in read-only mode', async () => {
		const shipNext = vi.fn(async () => ({ok: true, message: 'shipped'}));
		const {props, actions} = monitorProps('rolling-mid', {targets: ['app-rolling'], readOnly: true});
		props.actions = {...actions, shipNext};
		const screen = render(<App {...props} />);
		const frame = await screen.waitFor('q quit');
		expect(frame).not.toContain('ship next');
		await screen.type('n');
		await screen.type('?');
		await screen.waitFor('Keys');
		expect(shipNext).not.toHaveBeenCalled();
	});
});

describe('many pods', () => {
	it('windows the pod list to the rows it has and keeps the selection on screen', async () => {
		const {props, store, snapshot} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const template = [...snapshot.pods.values()].find(pod => pod.metadata.name === 'app-rolling-8687b6c45c-4skzb')!;
		const pods = new Map(snapshot.pods);
		for (let i = 10; i < 50; i++) {
			const name = `app-rolling-8687b6c45c-x${i}`;
			const pod: Pod = {...template, metadata: {...template.metadata, name, uid: `uid-${i}`}};
			pods.set(`demo-rolling/${name}`, pod);
		}
		store.publish({...snapshot, version: 2, pods});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		const first = await screen.waitFor('of 47');
		expect(first).toContain('app-rolling-8687b6c45c-x10');
		expect(first).not.toContain('app-rolling-8687b6c45c-x30');
		expect(first.split('\n').length).toBeLessThanOrEqual(24);
		for (let i = 0; i < 22; i++) await screen.type('j');
		const moved = await screen.waitFor(frame => frame.includes('app-rolling-8687b6c45c-x30'));
		expect(moved).not.toContain('app-rolling-8687b6c45c-x10 ');
		expect(moved.split('\n').length).toBeLessThanOrEqual(24);
	});
});

describe('a target that does not exist', () => {
	it('says so and waits for it instead of failing', async () => {
		const {props, store, snapshot} = monitorProps('rolling-mid', {targets: ['payments']});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		await screen.waitFor(frame => frame.includes('Deployment "payments" not found in namespace demo-rolling'));
		const [key, deployment] = [...snapshot.deployments][0]!;
		const renamed = {...deployment, metadata: {...deployment.metadata, name: 'payments'}};
		store.publish({...snapshot, version: 2, deployments: new Map([[key.replace('app-rolling', 'payments'), renamed]])});
		await screen.waitFor('Rollout');
	});
});

describe('pure helpers', () => {
	it('summarises the watch connection the way the header shows it', () => {
		const now = 100_000;
		expect(connectionSummary({}, now)).toEqual({kind: 'connecting', text: 'connecting'});
		expect(connectionSummary({pods: {status: 'live', since: 0, lastContactAt: now}}, now)).toEqual({kind: 'live', text: 'live'});
		expect(connectionSummary({pods: {status: 'stale', since: 0, lastContactAt: now - 12_000}}, now).text).toBe('stale 12s');
		expect(connectionSummary({pods: {status: 'live', since: 0, lastContactAt: now}, deployments: {status: 'reconnecting', since: 0, retryAt: now + 4000}}, now).text).toBe('reconnecting (retry in 4s)');
		// A short outage is "reconnecting" with the data's age; past 30 s the data is called stale.
		expect(connectionSummary({pods: {status: 'reconnecting', since: 0, lastContactAt: now - 5000, retryAt: now + 2000}}, now)).toEqual({kind: 'reconnecting', text: 'reconnecting (retry in 2s) · data 5s old'});
		expect(connectionSummary({pods: {status: 'reconnecting', since: 0, lastContactAt: now - 45_000, retryAt: now + 8000}}, now)).toEqual({kind: 'stale', text: 'stale 45s · reconnecting (retry in 8s)'});
	});

	it('groups kubectl status text into the glyph families', () => {
		expect(podHealth('Running', '1/1')).toBe('ready');
		expect(podHealth('Running', '0/1')).toBe('starting');
		expect(podHealth('ContainerCreating', '0/1')).toBe('starting');
		expect(podHealth('Init:0/1', '0/1')).toBe('starting');
		expect(podHealth('CrashLoopBackOff', '0/1')).toBe('failed');
		expect(podHealth('ImagePullBackOff', '0/1')).toBe('failed');
		expect(podHealth('Init:Error', '0/1')).toBe('failed');
		expect(podHealth('Terminating', '1/1')).toBe('terminating');
		expect(podHealth('Completed', '0/1')).toBe('done');
	});
});
