// Pod rows are kept from frame to frame (bench: 10,000 pods): the order must still be exactly the
// documented one whatever came before, and a pod that did not change keeps its row. The transition log
// shows new lines at most twice a second, and always ends showing the newest.
import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import type {ClusterSnapshot} from '../../source/store/types.js';
import {objectKey} from '../../source/store/types.js';
import {App} from '../../source/ui/App.js';
import {deploymentView, type PodRow} from '../../source/ui/derive.js';
import {render} from '../support/render.js';
import {loadFixture, monitorProps, withTransitions} from './fixtures.js';

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
	it('shows a burst of transitions within about half a second, ending at the newest', async () => {
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
