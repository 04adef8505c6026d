// Fuzz: the whole TUI (App with every pane) renders snapshots of real rollouts whose objects were
// broken in the ways the store admits, with odd transition logs and connection states — a frame
// always comes out, and it is the monitor's frame, not an error screen.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/k8s/types.js';
import type {ClusterSnapshot, ConnectionState, PodTransition, WatchedResource} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import {App} from '../../source/ui/App.js';
import type {ActionResult, MonitorActions} from '../../source/ui/types.js';
import {render} from '../support/render.js';
import {FIXTURES, fuzzRuns, loadObjects, mutatedObjects, type Objects} from './support/mutate.js';

const fixtures = FIXTURES.map(name => loadObjects(name));
const byKey = <T extends KubeObject>(objects: readonly T[]) => new Map(objects.map(object => [objectKey(object), object]));
const refuse = async (): Promise<ActionResult> => ({ok: false, message: 'not in a fuzz test'});
const actions: MonitorActions = {pause: refuse, resume: refuse, restart: refuse, undo: refuse, scale: refuse};

const text = fc.oneof(fc.string({unit: 'grapheme', maxLength: 40}), fc.constantFrom('', '\u001B[2J', '名前-🚀', 'x'.repeat(200)));
const transition: fc.Arbitrary<PodTransition> = fc.record({id: fc.uuid(), at: fc.integer({min: 0, max: 4_000_000_000_000}), pod: text, uid: fc.uuid(), to: text, from: fc.option(text, {nil: undefined}), revision: fc.option(text, {nil: undefined})}, {requiredKeys: ['id', 'at', 'pod', 'uid', 'to']});
/** Connection states as the watch layer makes them: times within an hour of now, retries within a minute. */
const connectionNear = (now: number): fc.Arbitrary<ConnectionState> => {
	const around = fc.integer({min: now - 3_600_000, max: now + 1000});
	return fc.record({
		status: fc.constantFrom('connecting' as const, 'live' as const, 'reconnecting' as const, 'stale' as const),
		since: around,
		lastContactAt: fc.option(around, {nil: undefined}),
		retryAt: fc.option(fc.integer({min: now - 1000, max: now + 60_000}), {nil: undefined}),
		error: fc.option(text, {nil: undefined}),
	}, {requiredKeys: ['status', 'since']});
};
const resources: WatchedResource[] = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices'];

const scene = fc.constantFrom(...fixtures).chain(({objects, namespace, now}) =>
	fc.record({
		objects: mutatedObjects(objects),
		namespace: fc.constant(namespace),
		now: fc.constant(now),
		transitions: fc.array(transition, {maxLength: 12}),
		connections: fc.tuple(...resources.map(() => connectionNear(now))),
		size: fc.constantFrom([80, 24], [100, 30], [40, 10], [200, 60]),
		target: fc.oneof(fc.constant(objects.deployments[0]?.metadata.name ?? 'x'), text.filter(name => name.length > 0)),
		listView: fc.boolean(),
	}),
);

function snapshotOf(objects: Objects, transitions: PodTransition[], connections: ConnectionState[]): ClusterSnapshot {
	return {
		version: 1,
		deployments: byKey(objects.deployments),
		replicaSets: byKey(objects.replicasets),
		pods: byKey(objects.pods),
		services: byKey(objects.services),
		endpointSlices: byKey(objects.endpointslices),
		events: new Map(),
		transitions,
		connections: Object.fromEntries(resources.map((resource, index) => [resource, connections[index]])),
	};
}

describe('fuzz: the panes render any snapshot the store can hold', () => {
	it('always draws the monitor frame, never an error screen', async () => {
		await fc.assert(
			fc.asyncProperty(scene, async ({objects, namespace, now, transitions, connections, size, target, listView}) => {
				const snapshot = snapshotOf(objects, transitions, connections);
				const store = {getSnapshot: () => snapshot, subscribe: () => () => undefined};
				const [columns, rows] = size;
				const screen = render(
					<App store={store} actions={actions} context={{name: 'fuzz', namespace}} targets={listView ? [] : [target]} readOnly={false} now={() => now} />,
					{columns, rows},
				);
				try {
					// The header always shows the connection state; the footer always offers quit.
					const frame = await screen.waitFor(frame => /\b(live|connecting|reconnecting|stale)\b/.test(frame.split('\n')[0] ?? '') && frame.includes('quit'), {timeout: 5000});
					expect(frame).not.toMatch(/^\s+at /m);
					expect(frame).not.toContain('ERROR');
				} finally {
					screen.unmount();
				}
			}),
			{numRuns: fuzzRuns(120)},
		);
	});
});
