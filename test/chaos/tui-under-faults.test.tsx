// Chaos through the real TUI: the header must say when the watch is broken (and how old the data is),
// the status line why, and come back to "live" once the server recovers, without crashing.
import {afterEach, describe, expect, it} from 'vitest';
import {createActions} from '../../source/cluster/actions.js';
import {startChaos} from '../../source/demo/chaos.js';
import {App} from '../../source/ui/App.js';
import {render, stripAnsi} from '../support/render.js';
import {APP, NAMESPACE, rolloutComplete, startChaosCluster, waitUntil, type ChaosCluster} from './support/cluster.js';
import {allLive, startMonitor, type Monitor} from './support/monitor.js';
import {seeded, trapProcessErrors, type ProcessErrors} from './support/process-errors.js';

let cluster: ChaosCluster | undefined;
let monitor: Monitor | undefined;
let trap: ProcessErrors | undefined;

afterEach(async () => {
	await monitor?.stop();
	await cluster?.stop();
	trap?.dispose();
	monitor = cluster = trap = undefined;
});

const headerOf = (frame: string) => frame.split('\n')[0] ?? '';

describe('chaos: the TUI tells the truth about a broken watch', () => {
	it('shows reconnecting with the age of the data, the reason, then live again', async () => {
		trap = trapProcessErrors();
		cluster = await startChaosCluster({speed: 30, replicas: 3});
		monitor = startMonitor(cluster.config, () => cluster!.store.resourceVersion);
		await waitUntil('first rollout complete and every watch live', () => rolloutComplete(cluster!.store) && allLive(monitor!));
		const actions = createActions({kc: cluster.config.kc, namespace: NAMESPACE, readOnly: false});
		const screen = render(<App store={monitor.store} actions={actions} context={{name: 'chaos-ctx', namespace: NAMESPACE}} targets={[APP]} readOnly={false} />, {columns: 120, rows: 30});
		await screen.waitFor(frame => headerOf(frame).includes('● live') && frame.includes(`${APP}-`), {timeout: 10_000});

		// A 503 storm with Retry-After, then every watch dropped: each resource has to reconnect and cannot.
		cluster.server.inject({kind: 'status', code: 503, count: 100_000, retryAfterSeconds: 1});
		cluster.server.inject({kind: 'drop-watches'});
		// The status line gives the server's reason once the retries meet the 503s.
		const broken = await screen.waitFor(
			frame => /reconnecting \(retry in \d+s\) · data \d+s old/.test(headerOf(frame)) && frame.includes('The server is currently unable to handle the request'),
			{timeout: 10_000},
		);
		// The data stays on screen while the watch is down: it is old, not gone.
		expect(broken).toContain(`deploy/${APP}`);
		expect(broken).toMatch(new RegExp(`${APP}-[a-z0-9]+-[a-z0-9]+`));

		// The age keeps counting while the outage lasts.
		await screen.waitFor(frame => /data [1-9]\d*s old/.test(headerOf(frame)), {timeout: 10_000});

		cluster.server.clearFaults();
		await screen.waitFor(frame => headerOf(frame).includes('● live'), {timeout: 15_000});

		// A short burst of every fault kind, the server restarting under the TUI, then recovery again.
		const chaos = startChaos({server: cluster.server, rate: 20, random: seeded(11), maxStallMs: 300});
		await waitUntil('30 faults', () => chaos.injected >= 30, 15_000);
		await chaos.stop();
		cluster.server.clearFaults();
		await cluster.server.restart();
		const recovered = await screen.waitFor(frame => headerOf(frame).includes('● live') && !frame.includes('reconnecting'), {timeout: 20_000});
		expect(recovered).toContain(`deploy/${APP}`);
		expect(trap.errors).toEqual([]);

		const frames = screen.stdout.frames.map(stripAnsi);
		expect(frames.some(frame => headerOf(frame).includes('reconnecting'))).toBe(true);
		for (const frame of frames) expect(frame).not.toContain(cluster.token);
	});
});
