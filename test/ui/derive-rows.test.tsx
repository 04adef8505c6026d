// Pod rows are kept from frame to frame (bench: 10,000 pods): the order must still be exactly the
// documented one whatever came before, and a pod that did not change keeps its row. The transition log
// shows a quiet log's next line at once, the lines after it with the next clock tick, and always ends
// showing the newest.
import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import type {ClusterSnapshot} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import {Text} from 'ink';
import {useMemo, useRef} from 'react';
import {App} from '../../source/ui/App.js';
import {type PodsOnScreen, useScreenData} from '../../source/ui/hooks/use-screen-data.js';
import type {ExternalStore} from '../../source/ui/types.js';
import {deploymentView, type PodRow} from '../../source/ui/derive.js';
import {render} from '../support/render.js';
import {fakeStore, loadFixture, monitorProps, withTransitions} from './fixtures.js';

/** The log lines useScreenData hands the Pods pane, at an explicit clock tick. */
function LogProbe({store, tick, namespace, name, now}: {store: ExternalStore<ClusterSnapshot>; tick: number; namespace: string; name: string; now: number}) {
	const query = useMemo(() => ({namespace, name, targets: [name], now: () => now}), [namespace, name, now]);
	const pods = useRef<PodsOnScreen>({filter: '', selected: 0, rows: 10});
	const {view} = useScreenData(store, false, query, pods, tick);
	return <Text>pods: {view?.pods.length} log: {view?.transitions.map(entry => entry.to).join(' ') || '-'}</Text>;
}

const documentedOrder = (rows: readonly PodRow[]) => [...rows].sort((a, b) => (b.revision ?? -1) - (a.revision ?? -1)
	|| Number(a.health === 'terminating') - Number(b.health === 'terminating')
	|| a.name.localeCompare(b.name));

function seeded(seed: number) {
	let state = seed;
	return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('pod rows across frames', () => {
	it('are in the documented order after pods come, go, change and terminate in any order', () => {
		const {snapshot, now, namespace} = loadFixture('rolling-mid');
		const name = [...snapshot.deployments.values()][0]!.metadata.name!;
		const random = seeded(7);
		let pods = [...snapshot.pods.values()];
		for (let frame = 0; frame < 40; frame++) {
			// Shuffle, drop one, bring back a renamed copy, mark one terminating.
			pods = pods.map(pod => ({pod, key: random()})).sort((a, b) => a.key - b.key).map(({pod}) => pod);
			const [first, ...rest] = pods;
			const renamed: Pod = {...first!, metadata: {...first!.metadata, name: `${first!.metadata.name!.slice(0, -5)}${String(frame).padStart(5, 'z')}`, uid: `u${frame}`}};
			const victim = Math.floor(random() * rest.length);
			rest[victim] = {...rest[victim]!, metadata: {...rest[victim]!.metadata, deletionTimestamp: new Date(now).toISOString(), resourceVersion: `t${frame}`}};
			pods = [...rest, renamed];
			const next: ClusterSnapshot = {...snapshot, pods: new Map(pods.map(pod => [objectKey(pod), pod]))};
			const rows = deploymentView(next, namespace, name, now)!.pods;
			expect(rows.length).toBe(pods.length);
			expect(rows.map(row => row.name)).toEqual(documentedOrder(rows).map(row => row.name));
		}
	});

	it('keep an unchanged pod\'s row object, and make a new one when the pod changes', () => {
		const {snapshot, now, namespace} = loadFixture('rolling-mid');
		const name = [...snapshot.deployments.values()][0]!.metadata.name!;
		const first = deploymentView(snapshot, namespace, name, now)!.pods;
		const [key, pod] = [...snapshot.pods][0]!;
		const changed: Pod = {...pod, status: {...pod.status, phase: 'Failed'}, metadata: {...pod.metadata, resourceVersion: 'changed'}};
		const second = deploymentView({...snapshot, pods: new Map([...snapshot.pods, [key, changed]])}, namespace, name, now)!.pods;
		const before = new Map(first.map(row => [row.name, row]));
		for (const row of second) {
			if (row.name === pod.metadata.name) expect(row).not.toBe(before.get(row.name));
			else expect(row).toBe(before.get(row.name));
		}
	});
});

describe('transition log', () => {
	it('shows a burst of transitions by the next clock tick, ending at the newest', async () => {
		const {props, store, snapshot, now} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 140, rows: 40});
		await screen.waitFor('app-rolling-8687b6c45c-4skzb');
		const transitions = [];
		for (let index = 0; index < 12; index++) {
			transitions.push({id: `t${index}`, at: now + index, pod: 'app-rolling-8687b6c45c-4skzb', uid: 'u1', revision: '2', from: `Q${index}`, to: `Q${index + 1}`});
			store.publish(withTransitions(snapshot, [...transitions]));
		}
		const frame = await screen.waitFor('Q11 → Q12');
		expect(frame).toContain('Q10 → Q11');
	});
});

describe('transition log pace', () => {
	it('shows a quiet log\'s next line at once, and the lines after it with the next clock tick', async () => {
		const {snapshot, now, namespace} = loadFixture('rolling-mid');
		const name = [...snapshot.deployments.values()][0]!.metadata.name!;
		const pod = [...snapshot.pods.values()].find(candidate => candidate.metadata.ownerReferences?.[0]?.name.startsWith(name))!;
		const store = fakeStore(snapshot);
		const line = (index: number) => ({id: `t${index}`, at: now + index, pod: pod.metadata.name!, uid: pod.metadata.uid!, revision: '2', from: `Q${index}`, to: `Q${index + 1}`});
		const probe = (tick: number) => <LogProbe store={store} tick={tick} namespace={namespace} name={name} now={now} />;
		const screen = render(probe(0));
		await screen.waitFor('log:');
		store.publish(withTransitions(store.getSnapshot(), [line(0)]));
		await screen.waitFor('log: Q1');
		store.publish(withTransitions(store.getSnapshot(), [line(0), line(1)]));
		store.publish(withTransitions(store.getSnapshot(), [line(0), line(1), line(2)]));
		// A snapshot that changes something else is drawn at once, still without the held lines.
		const pods = new Map(store.getSnapshot().pods);
		const count = [...pods.values()].filter(candidate => candidate.metadata.ownerReferences?.[0]?.name.startsWith(name)).length;
		pods.delete([...pods].find(([, candidate]) => candidate !== pod && candidate.metadata.ownerReferences?.[0]?.name.startsWith(name))![0]);
		store.publish({...store.getSnapshot(), version: store.getSnapshot().version + 1, pods});
		expect(await screen.waitFor(`pods: ${count - 1} `)).toContain('log: Q1');
		expect(screen.lastFrame()).not.toContain('Q2');
		screen.rerender(probe(1));
		await screen.waitFor('log: Q1 Q2 Q3');
		// Quiet for a tick: the next line is shown at once again.
		screen.rerender(probe(2));
		store.publish(withTransitions(store.getSnapshot(), [line(0), line(1), line(2), line(3)]));
		await screen.waitFor('log: Q1 Q2 Q3 Q4');
	});
});
