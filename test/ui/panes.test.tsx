import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ProbeSnapshot} from '../../source/ui/types.js';
import {render} from '../support/render.js';
import {monitorProps, withTransitions} from './fixtures.js';
import {lineWith, unwrapped} from './frames.js';

describe('deployment view on real objects', () => {
	it('shows the line kubectl rollout status prints at this moment', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		const frame = await screen.waitFor('Rollout');
		// Recorded from real kubectl at the same moment (rolling.kubectl.txt, +6750ms).
		expect(unwrapped(frame)).toContain('Waiting for deployment "app-rolling" rollout to finish: 3 out of 5 new replicas have been updated...');
		expect(lineWith(frame, 'updated')).toContain('3/5');
		expect(lineWith(frame, 'available')).toContain('4/5');
		expect(lineWith(frame, 'surge')).toContain('surge 1/1 used');
		expect(frame).toContain('deploy/app-rolling');
		expect(frame).toContain('● live');
	});

	it('lists pods with kubectl status text, revision and a glyph', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('Pods');
		expect(lineWith(frame, 'app-rolling-8687b6c45c-p9fsf')).toMatch(/◐ app-rolling-8687b6c45c-p9fsf\s+rev2\s+ContainerCreating\s+0\/1/);
		expect(lineWith(frame, 'app-rolling-8687b6c45c-4skzb')).toMatch(/● app-rolling-8687b6c45c-4skzb\s+rev2\s+Running\s+1\/1/);
		expect(lineWith(frame, 'app-rolling-745f994fb-5mgkm')).toMatch(/✕ app-rolling-745f994fb-5mgkm\s+rev1\s+Terminating/);
	});

	it('shows a crash-looping pod as failed and warns about it', async () => {
		const {props} = monitorProps('broken-crashloop', {targets: ['api']});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('CrashLoopBackOff');
		expect(lineWith(frame, 'api-7fdf4c6694-g7z7v')).toMatch(/✗ api-7fdf4c6694-g7z7v\s+rev2\s+CrashLoopBackOff/);
		expect(frame).toMatch(/✗ .*crash/i);
	});

	it('marks the current revision in History', async () => {
		const {props} = monitorProps('history-3-revisions', {targets: ['shop']});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('History');
		// REV, IMAGE, PODS: the current revision runs both pods, the older ones none.
		expect(lineWith(frame, '▶ 3')).toMatch(/▶ 3\s+shop:1\.2\.0\s+2\s/);
		expect(lineWith(frame, 'shop:1.1.0')).toMatch(/│ {3}2\s+shop:1\.1\.0\s+0\s/);
		expect(lineWith(frame, 'shop:1.1.0')).not.toContain('▶');
	});

	it('keeps kubectl\'s <invalid> AGE on one line when the cluster\'s clock runs ahead of ours', async () => {
		// A creation time an hour in our future: kubectl prints <invalid>, which once wrapped in both panes.
		const {props, now} = monitorProps('history-3-revisions', {targets: ['shop']});
		const screen = render(<App {...props} now={() => now - 3_600_000} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('History');
		expect(lineWith(frame, '▶ 3')).toMatch(/▶ 3\s+shop:1\.2\.0\s+2\s.*<invalid>/);
		const podLines = frame.split('\n').filter(line => /shop-\w+-\w+\s+rev\d/.test(line));
		expect(podLines.length).toBeGreaterThan(0);
		for (const line of podLines) expect(line).toContain('<invalid>');
		expect(frame).not.toMatch(/<invali\s|^\W*d>/m);
	});

	it('shows the canary split a Service gives, and what the prober saw', async () => {
		const probe: ProbeSnapshot = {target: 'svc/app-service', since: 0, perVersion: [{version: 'v2', total: 60, recent: 6}, {version: 'v1', total: 40, recent: 4}], failures: {total: 3, recent: 1}, requests: {total: 100, recent: 10}};
		const {props} = monitorProps('canary-split', {targets: ['app-v2'], probe: {getSnapshot: () => probe, subscribe: () => () => {}}});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('Traffic');
		expect(lineWith(frame, 'Traffic')).toContain('svc/app-service');
		// Two ready endpoints each: the Service splits new connections evenly, whatever the prober saw.
		expect(lineWith(frame, ' v2 ')).toMatch(/v2\s+█+░*\s+50%\s+2 ready\s+seen 60%/);
		expect(lineWith(frame, ' v1 ')).toMatch(/v1\s+█+░*\s+50%\s+2 ready\s+seen 40%/);
		// Failures on their own line, live window first, marked as failures.
		expect(lineWith(frame, 'failed')).toMatch(/✗ 1\/10 failed · 3\/100 total/);
	});

	it('shows the pod transition log', async () => {
		const {props, store, snapshot, now} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		store.publish(withTransitions(snapshot, [
			{id: 'a', at: now - 2000, pod: 'app-rolling-8687b6c45c-4skzb', uid: 'u1', revision: '2', from: 'ContainerCreating', to: 'Ready'},
			{id: 'b', at: now - 1000, pod: 'other-deploy-5d9f-x', uid: 'u2', to: 'Pending'},
		]));
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('ContainerCreating → Ready');
		expect(lineWith(frame, '→ Ready')).toContain('app-rolling-8687b6c45c-4skzb');
		// Another deployment's pods are not ours to show.
		expect(frame).not.toContain('other-deploy');
	});

	it('says so when the watch is broken, with the age of the data', async () => {
		const {props, store, snapshot, now} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		store.publish({...snapshot, version: 2, connections: {pods: {status: 'reconnecting', since: now - 5000, lastContactAt: now - 12_000, retryAt: now + 3000, error: 'connect ECONNREFUSED 127.0.0.1:6443'}}});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('reconnecting');
		expect(frame).toContain('◌ reconnecting (retry in 3s) · data 12s old');
		expect(frame).toContain('connect ECONNREFUSED 127.0.0.1:6443');
	});

	it('fits 80×24 without a line wider than the terminal', async () => {
		for (const [fixture, target] of [['rolling-mid', 'app-rolling'], ['canary-split', 'app-v2'], ['history-3-revisions', 'shop'], ['broken-crashloop', 'api']] as const) {
			const {props} = monitorProps(fixture, {targets: [target]});
			const screen = render(<App {...props} />, {columns: 80, rows: 24});
			const frame = await screen.waitFor('q quit');
			const lines = frame.split('\n');
			expect(lines.length, fixture).toBeLessThanOrEqual(24);
			for (const line of lines) expect([...line].length, `${fixture}: ${line}`).toBeLessThanOrEqual(80);
			expect(frame, fixture).toContain('Pods');
			expect(frame, fixture).toContain('Rollout');
			screen.unmount();
		}
	});
});
