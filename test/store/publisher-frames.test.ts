// The publisher lets the reducer change maps it built since the last publish in place (one copy of a
// big pod map per frame, not per event); what it has published must never change afterwards.
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {createStore} from '../../source/store/publisher.js';

const pod = (i: number, rv: number, phase: 'Pending' | 'Running' = 'Running'): Pod => ({
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name: `p${i}`, namespace: 'shop', uid: `u${i}`, resourceVersion: String(rv), creationTimestamp: '2026-01-01T00:00:00Z'},
	spec: {containers: [{name: 'app'}]},
	status: {phase},
});

describe('createStore between frames', () => {
	it('never changes a published snapshot, whatever arrives after it', () => {
		const store = createStore({maxFps: 15});
		for (let i = 0; i < 100; i++) store.dispatch({type: 'ADDED', resource: 'pods', object: pod(i, i), at: i});
		store.flush();
		const first = store.getSnapshot();
		const firstPods = new Map(first.pods);
		store.dispatch({type: 'MODIFIED', resource: 'pods', object: pod(1, 200, 'Pending'), at: 200});
		store.dispatch({type: 'DELETED', resource: 'pods', object: pod(2, 201), at: 201});
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(500, 202), at: 202});
		expect(store.getSnapshot()).toBe(first);
		expect(new Map(first.pods)).toEqual(firstPods);
		store.flush();
		const second = store.getSnapshot();
		expect(second.pods).not.toBe(first.pods);
		expect(second.pods.get('shop/p1')?.status?.phase).toBe('Pending');
		expect(second.pods.has('shop/p2')).toBe(false);
		expect(second.pods.size).toBe(100);
		// And the first is still what it was when published.
		expect(first.pods.get('shop/p1')?.status?.phase).toBe('Running');
		expect(first.pods.has('shop/p2')).toBe(true);
		expect(first.pods.has('shop/p500')).toBe(false);
		store.dispatch({type: 'MODIFIED', resource: 'pods', object: pod(3, 300, 'Pending'), at: 300});
		store.flush();
		expect(second.pods.get('shop/p3')?.status?.phase).toBe('Running');
		expect(store.getSnapshot().pods.get('shop/p3')?.status?.phase).toBe('Pending');
		store.close();
	});
});

describe('createStore frame spacing', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('waits three times as long as frames take before publishing again, and one slow frame does not count', () => {
		vi.useFakeTimers();
		let clock = 0;
		let frameMs = 5;
		const store = createStore({maxFps: 30, now: () => clock, measure: () => clock});
		// A listener is the frame: here it "takes" frameMs of the clock.
		store.subscribe(() => {
			clock += frameMs;
		});
		const versions = () => store.getSnapshot().version;
		const advance = (ms: number) => {
			clock += ms;
			vi.advanceTimersByTime(ms);
		};
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(1, 1), at: 1});
		advance(0);
		expect(versions()).toBe(1);
		// A cheap frame: the next one comes at the frame cap (33 ms after the last began, at 0).
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(2, 2), at: 2});
		advance(25);
		expect(versions()).toBe(1);
		advance(5);
		expect(versions()).toBe(2);
		// One frame that takes 50 ms (a garbage collection, say) among cheap ones: the cap still rules.
		frameMs = 50;
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(3, 3), at: 3});
		advance(40);
		expect(versions()).toBe(3);
		frameMs = 5;
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(4, 4), at: 4});
		advance(40);
		expect(versions()).toBe(4);
		// Frames that keep taking 50 ms: once they are the norm, nothing is published for 150 ms after one began.
		frameMs = 50;
		let version = versions();
		for (let index = 5; index < 8; index++) {
			store.dispatch({type: 'ADDED', resource: 'pods', object: pod(index, index), at: index});
			advance(200);
			expect(versions()).toBe(++version);
		}
		store.dispatch({type: 'ADDED', resource: 'pods', object: pod(8, 8), at: 8});
		advance(50);
		expect(versions()).toBe(version);
		advance(60);
		expect(versions()).toBe(version + 1);
		store.close();
	});
});
