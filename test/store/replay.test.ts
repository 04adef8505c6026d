// Replays a real recording (the `recreate` scenario from shared/recordings, trimmed: no managedFields,
// no last-applied annotation, no events/endpoints streams) through the store.
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {createStore} from '../../source/store/publisher.js';
import {parseRecording, recordingEvents, replayRecording} from '../../source/store/replay.js';
import type {RecordingInitial} from '../../source/store/replay.js';

const dir = resolve(fileURLToPath(import.meta.url), '../../fixtures/recordings');
const lines = parseRecording(readFileSync(resolve(dir, 'recreate.trimmed.ndjson'), 'utf8'));
const initial = JSON.parse(readFileSync(resolve(dir, 'recreate.initial.json'), 'utf8')) as RecordingInitial;
const T0 = Date.parse('2026-11-21T23:17:36Z');

describe('replay', () => {
	it('ends in the recorded final state: 5 pods of revision 2, the old ReplicaSet scaled to 0', async () => {
		const store = createStore();
		await replayRecording(store, lines, initial, {speed: Infinity, t0: T0});
		store.flush();
		const snapshot = store.getSnapshot();
		expect(snapshot.version).toBe(1);
		expect(snapshot.deployments.get('demo-recreate/app-recreate')?.status?.availableReplicas).toBe(5);
		const revisions = [...snapshot.replicaSets.values()].map((rs) => `${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}:${rs.spec.replicas}`).sort();
		expect(revisions).toEqual(['1:0', '2:5']);
		expect([...snapshot.pods.values()].every((pod) => pod.metadata.name?.startsWith('app-recreate-5d677c4675-'))).toBe(true);
		expect(snapshot.pods.size).toBe(5);
		expect(snapshot.connections.pods?.status).toBe('live');
		store.close();
	});

	it('logs every old pod leaving once and every new pod becoming Ready once', async () => {
		const store = createStore();
		await replayRecording(store, lines, initial, {speed: Infinity, t0: T0});
		store.flush();
		const {transitions} = store.getSnapshot();
		const gone = transitions.filter((entry) => entry.to === 'gone');
		expect(gone).toHaveLength(5);
		expect(gone.every((entry) => entry.pod.startsWith('app-recreate-597678598-'))).toBe(true);
		const ready = transitions.filter((entry) => entry.to === 'Ready' && entry.revision === '2');
		expect(new Set(ready.map((entry) => entry.pod)).size).toBe(5);
		expect(ready).toHaveLength(5);
		expect(new Set(transitions.map((entry) => entry.id)).size).toBe(transitions.length);
		// Oldest first.
		expect(transitions.every((entry, i) => i === 0 || entry.at >= transitions[i - 1]!.at)).toBe(true);
		store.close();
	});

	it('a reconnect (duplicate last event) and a relist halfway add no transitions; a relist over a gap adds no duplicates', () => {
		const events = recordingEvents(lines, initial, {t0: T0});
		const run = (feed: (store: ReturnType<typeof createStore>) => void) => {
			const store = createStore();
			feed(store);
			store.flush();
			store.close();
			return store.getSnapshot();
		};
		const continuous = run((store) => store.dispatchAll(events));
		const half = Math.floor(events.length / 2);
		const relistAt = (count: number) => {
			const state = run((store) => store.dispatchAll(events.slice(0, count)));
			return (['deployments', 'replicasets', 'pods'] as const).map((resource) => ({
				type: 'SYNCED' as const,
				resource,
				objects: [...state[resource === 'replicasets' ? 'replicaSets' : resource].values()],
				at: T0 + 100_000,
			}));
		};
		const reconnected = run((store) => {
			store.dispatchAll(events.slice(0, half));
			store.dispatch(events[half - 1]!);
			store.dispatchAll(relistAt(half));
			store.dispatchAll(events.slice(half));
		});
		expect(reconnected.transitions).toEqual(continuous.transitions);

		const gap = Math.floor((events.length * 3) / 4);
		const withGap = run((store) => {
			store.dispatchAll(events.slice(0, half));
			store.dispatchAll(relistAt(gap));
			store.dispatchAll(events.slice(gap));
		});
		expect(new Set(withGap.transitions.map((entry) => entry.id)).size).toBe(withGap.transitions.length);
		expect(withGap.transitions.filter((entry) => entry.to === 'gone')).toHaveLength(5);
		expect([...withGap.pods.keys()]).toEqual([...continuous.pods.keys()]);
	});

	it('paces events by recorded time when a speed is given', async () => {
		const store = createStore();
		const short = lines.filter((line) => line.t < 6000);
		const controller = new AbortController();
		let published = 0;
		store.subscribe(() => published++);
		await replayRecording(store, short, initial, {speed: 100, t0: T0, signal: controller.signal});
		store.flush();
		// At 100× the ~6 s of recording spans several frames, not one.
		expect(published).toBeGreaterThan(1);
		expect(store.getSnapshot().deployments.size).toBe(1);
		store.close();
	});
});
