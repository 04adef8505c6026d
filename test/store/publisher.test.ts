import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {createStore} from '../../source/store/publisher.js';
import type {ClusterEvent} from '../../source/store/types.js';
import {waitFor} from '../support/fake-api.js';

const pod = (i: number, rv: number): Pod => ({
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name: `p${i}`, namespace: 'shop', uid: `u${i}`, resourceVersion: String(rv)},
	spec: {containers: [{name: 'app'}]},
	status: {phase: rv % 2 ? 'Running' : 'Pending'},
});

describe('createStore', () => {
	it('coalesces a burst of 1000 events into one snapshot', () => {
		const store = createStore({maxFps: 15});
		let notified = 0;
		store.subscribe(() => notified++);
		const before = store.getSnapshot();
		for (let i = 0; i < 1000; i++) store.dispatch({type: 'ADDED', resource: 'pods', object: pod(i % 100, i), at: i});
		// Nothing is published per event.
		expect(store.getSnapshot()).toBe(before);
		store.flush();
		const after = store.getSnapshot();
		expect(notified).toBe(1);
		expect(after.version).toBe(before.version + 1);
		expect(after.pods.size).toBe(100);
		expect(after.pods.get('shop/p7')?.metadata.resourceVersion).toBe('907');
		store.flush();
		expect(notified).toBe(1);
		store.close();
	});

	it('publishes on its own within a frame, and getSnapshot is stable between publishes', async () => {
		const store = createStore({maxFps: 60});
		const versions: number[] = [];
		const unsubscribe = store.subscribe(() => versions.push(store.getSnapshot().version));
		const events: ClusterEvent[] = Array.from({length: 50}, (_, i) => ({type: 'ADDED', resource: 'pods', object: pod(i, i), at: i}));
		store.dispatchAll(events);
		expect(store.getSnapshot()).toBe(store.getSnapshot());
		await waitFor(() => versions.length === 1, 'the frame publish');
		expect(store.getSnapshot().pods.size).toBe(50);
		unsubscribe();
		store.dispatch({type: 'DELETED', resource: 'pods', object: pod(0, 0), at: 99});
		store.flush();
		expect(versions).toEqual([1]);
		expect(store.getSnapshot().version).toBe(2);
		store.close();
	});

	it('does not publish when an event changes nothing', () => {
		const store = createStore();
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(1, 1), at: 1});
		store.flush();
		const snapshot = store.getSnapshot();
		store.dispatch({type: 'MODIFIED', resource: 'pods', object: pod(1, 1), at: 2});
		store.flush();
		expect(store.getSnapshot()).toBe(snapshot);
		store.close();
	});
});
