// Chaos: the monitor's real data path (watchResource → reducer → store) against a demo cluster whose API
// server is broken 100+ times while rollouts run, then compared with the server once the faults stop.
import {afterEach, describe, expect, it} from 'vitest';
import {createActions, type ActionResult} from '../../source/cluster/actions.js';
import {startChaos, type ChaosFault} from '../../source/demo/chaos.js';
import {TRANSITION_LIMIT} from '../../source/store/reducer.js';
import type {Deployment} from '../../source/k8s/types.js';
import {APP, NAMESPACE, rolloutComplete, startChaosCluster, waitUntil, type ChaosCluster} from './support/cluster.js';
import {storeDifferences} from './support/compare.js';
import {allLive, startMonitor, WATCHED, type Monitor} from './support/monitor.js';
import {seeded, trapProcessErrors, type ProcessErrors} from './support/process-errors.js';
import {compareTransitions, expectedTransitions} from './support/transitions-oracle.js';

const debug = (...args: unknown[]) => process.env.CHAOS_DEBUG && console.log(new Date().toISOString(), ...args);

let cluster: ChaosCluster | undefined;
let monitor: Monitor | undefined;
let trap: ProcessErrors | undefined;

afterEach(async () => {
	await monitor?.stop();
	await cluster?.stop();
	trap?.dispose();
	monitor = cluster = trap = undefined;
});

/** An attempt that has not answered in this long is abandoned and retried (actions carry no timeout of their own). */
const ATTEMPT_MS = 5000;
let abandoned = 0;

/** Retries one action until the API lets it through (faults make most attempts fail), with a deadline. */
async function persist(run: () => Promise<ActionResult>, messages: string[], timeoutMs = 10_000): Promise<ActionResult> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let timer: NodeJS.Timeout | undefined;
		const gaveUp = new Promise<ActionResult>(resolve => {
			timer = setTimeout(() => {
				abandoned++;
				resolve({ok: false, message: 'no answer (abandoned by the test)'});
			}, ATTEMPT_MS);
		});
		const result = await Promise.race([run(), gaveUp]);
		clearTimeout(timer);
		messages.push(result.message);
		if (result.ok || Date.now() > deadline) return result;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

describe('chaos: the watch keeps the store true while the API server misbehaves', () => {
	it('survives 100+ faults of every kind during set image, scale and undo, and ends equal to the server', async () => {
		trap = trapProcessErrors();
		cluster = await startChaosCluster({speed: 30, replicas: 3});
		const {store: server} = cluster;
		monitor = startMonitor(cluster.config, () => server.resourceVersion);
		await waitUntil('first rollout complete and every watch live', () => rolloutComplete(server) && allLive(monitor!));

		debug('initial rollout done');
		const faults: ChaosFault[] = [];
		const api = cluster.server;
		const timedServer = {
			inject: api.inject,
			async restart() {
				const started = Date.now();
				await api.restart();
				if (Date.now() - started > 1000) debug('slow restart', Date.now() - started);
			},
		};
		const chaos = startChaos({server: timedServer, rate: 8, random: seeded(7), maxStallMs: 400, onFault: fault => faults.push(fault)});
		const actions = createActions({kc: cluster.config.kc, namespace: NAMESPACE, readOnly: false});
		const messages: string[] = [];
		const plan: Array<() => Promise<ActionResult>> = [
			() => actions.setImage(APP, {[APP]: 'example/web:v2'}, {changeCause: 'chaos: v2'}),
			() => actions.scale(APP, 4),
			() => actions.setImage(APP, {[APP]: 'example/web:v3'}, {changeCause: 'chaos: v3'}),
			() => actions.undo(APP),
			() => actions.scale(APP, 2),
			() => actions.setImage(APP, {[APP]: 'example/web:v4'}, {changeCause: 'chaos: v4'}),
			() => actions.restart(APP),
			() => actions.scale(APP, 5),
			() => actions.undo(APP),
			() => actions.setImage(APP, {[APP]: 'example/web:v5'}, {changeCause: 'chaos: v5'}),
			() => actions.scale(APP, 3),
		];
		// Steps run while the faults fly; whatever the chaos starved is finished once it stops, so the
		// final comparison always covers the whole plan.
		let step = 0;
		let duringChaos = 0;
		while (chaos.injected < 110 && step < plan.length) {
			const result = await persist(plan[step]!, messages, 4000);
			debug('step', step, JSON.stringify(result), chaos.injected, JSON.stringify(monitor!.store.getSnapshot().connections));
			if (result.ok) {
				duringChaos++;
				step++;
				// Let the controllers get into the rollout before the next change lands on top of it.
				await new Promise(resolve => setTimeout(resolve, 600));
			}
		}
		await waitUntil('110 faults injected', () => chaos.injected >= 110, 30_000);
		await chaos.stop();
		debug('chaos stopped');
		cluster.server.clearFaults();
		for (; step < plan.length; step++) expect((await persist(plan[step]!, messages)).ok).toBe(true);

		await waitUntil('the cluster settled after the last change', () => rolloutComplete(server), 30_000);
		debug('rollout complete');
		await cluster.settled();
		const differences = await waitUntil(
			'the watcher caught up with the server',
			() => {
				monitor!.store.flush();
				return allLive(monitor!) && storeDifferences(server, monitor!.store.getSnapshot(), NAMESPACE).length === 0 ? ['none'] : undefined;
			},
			30_000,
		).catch(() => storeDifferences(server, monitor!.store.getSnapshot(), NAMESPACE));
		expect(differences).toEqual(['none']);

		// Every kind of fault happened, often.
		const kinds = new Map<string, number>();
		for (const fault of faults) {
			const name = fault.kind === 'status' ? `status ${fault.code}` : fault.kind;
			kinds.set(name, (kinds.get(name) ?? 0) + 1);
		}
		expect(faults.length).toBeGreaterThanOrEqual(100);
		for (const kind of ['drop-watches', 'restart', 'status 410', 'status 429', 'status 500', 'status 503', 'stall', 'malformed-watch-line']) {
			expect(kinds.get(kind) ?? 0, `${kind} injected`).toBeGreaterThan(0);
		}
		expect(faults.some(fault => fault.kind === 'status' && fault.retryAfterSeconds !== undefined)).toBe(true);

		// Nothing crashed, the rollouts went through, and the watch visibly went away and came back.
		expect(trap.errors).toEqual([]);
		expect(duringChaos).toBeGreaterThanOrEqual(3);
		for (const resource of WATCHED) {
			const seen = monitor.statuses[resource] ?? [];
			expect(seen.slice(seen.indexOf('reconnecting')), `${resource} connection states`).toContain('live');
			expect(seen, `${resource} connection states`).toContain('reconnecting');
			expect(seen.at(-1)).toBe('live');
		}
		expect(monitor.handles.reduce((sum, handle) => sum + handle.stats.malformedLines, 0)).toBeGreaterThan(0);
		// 410s forced relists beyond the first list of each resource.
		expect(monitor.handles.reduce((sum, handle) => sum + handle.stats.lists, 0)).toBeGreaterThan(WATCHED.length);

		// The final objects carry the revisions the rollouts produced.
		const deployment = monitor.store.getSnapshot().deployments.get(`${NAMESPACE}/${APP}`) as Deployment;
		expect(Number(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'])).toBeGreaterThanOrEqual(6);
		expect(deployment.spec.template.spec.containers[0]?.image).toBe('example/web:v5');

		// The transition log: no duplicates, no gaps (rule in transitions-oracle.ts).
		const log = monitor.store.getSnapshot().transitions;
		expect(log.length).toBeLessThan(TRANSITION_LIMIT);
		const report = compareTransitions(expectedTransitions(cluster.history(), NAMESPACE), log, monitor.relists);
		debug('transitions', report, monitor.relists.length, 'abandoned action attempts', abandoned);
		expect(report.problems).toEqual([]);
		expect(report.compared).toBeGreaterThan(10);

		// No error text carried the token.
		for (const text of [...monitor.errors, ...messages]) expect(text).not.toContain(cluster.token);
	});
});
