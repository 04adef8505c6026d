// The access reviews are sent once the first picture (deployments, ReplicaSets, pods listed and
// published) is drawn, or after a fallback when a list never arrives.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {afterFirstPicture} from '../../source/cli/first-picture.js';
import type {WatchPlan} from '../../source/cluster/scope.js';
import {createStore} from '../../source/store/publisher.js';
import type {ClusterEvent, WatchedResource} from '../../source/store/types.js';

const synced = (resource: WatchedResource): ClusterEvent => ({type: 'SYNCED', resource, objects: [], at: 1});
const plan = (...resources: WatchedResource[]): WatchPlan => Object.fromEntries(resources.map(resource => [resource, {key: resource}]));
// Something the store shows, so that a publish happens.
const live = (resource: WatchedResource, at: number): ClusterEvent => ({type: 'CONNECTION', resource, state: {status: 'live', since: at, lastContactAt: at}});
const tick = () => new Promise(resolve => setImmediate(resolve));

describe('afterFirstPicture', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('waits for the deployments, ReplicaSets and pods lists and the frame that shows them', async () => {
		const store = createStore();
		const then = vi.fn();
		const picture = afterFirstPicture({store, running: () => plan('deployments', 'replicasets', 'pods', 'events'), then});
		for (const resource of ['deployments', 'replicasets'] as const) {
			store.dispatch(live(resource, 1));
			picture.saw(synced(resource));
		}
		store.flush();
		await tick();
		expect(store.getSnapshot().version).toBe(1);
		expect(then).not.toHaveBeenCalled();
		// The pods list arrives: still nothing until the snapshot carrying it is published.
		store.dispatch(live('pods', 2));
		picture.saw(synced('pods'));
		await tick();
		expect(then).not.toHaveBeenCalled();
		store.flush();
		await tick();
		expect(then).toHaveBeenCalledTimes(1);
		// Once only.
		store.dispatch(live('events', 3));
		picture.saw(synced('events'));
		store.flush();
		await tick();
		expect(then).toHaveBeenCalledTimes(1);
		store.close();
	});

	it('falls back after a while when a list never arrives, and stop() cancels', () => {
		vi.useFakeTimers();
		const store = createStore();
		const then = vi.fn();
		afterFirstPicture({store, running: () => plan('deployments', 'pods'), then, fallbackMs: 1000});
		const stopped = vi.fn();
		afterFirstPicture({store, running: () => plan('deployments'), then: stopped, fallbackMs: 1000}).stop();
		vi.advanceTimersByTime(999);
		expect(then).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(then).toHaveBeenCalledTimes(1);
		expect(stopped).not.toHaveBeenCalled();
		store.close();
	});

	it('lets the first frame be drawn once the lists it shows have arrived, before any publish', async () => {
		const store = createStore();
		const picture = afterFirstPicture({store, running: () => plan('deployments', 'replicasets', 'pods', 'events'), then: () => {}, listedWithinMs: 60_000});
		let listed = false;
		void picture.listed.then(() => { listed = true; });
		picture.saw(synced('deployments'));
		picture.saw(synced('pods'));
		await tick();
		expect(listed).toBe(false);
		// The events list is not part of the picture.
		picture.saw(synced('replicasets'));
		await tick();
		expect(listed).toBe(true);
		expect(store.getSnapshot().version).toBe(0);
		picture.stop();
		store.close();
	});

	it('draws the first frame anyway when a list is slow, or when stopped', async () => {
		vi.useFakeTimers();
		const store = createStore();
		const slow = afterFirstPicture({store, running: () => plan('deployments', 'pods'), then: () => {}, listedWithinMs: 300});
		const stopped = afterFirstPicture({store, running: () => plan('deployments'), then: () => {}, listedWithinMs: 300});
		const settled: string[] = [];
		void slow.listed.then(() => settled.push('slow'));
		void stopped.listed.then(() => settled.push('stopped'));
		slow.saw(synced('deployments'));
		stopped.stop();
		await vi.advanceTimersByTimeAsync(299);
		expect(settled).toEqual(['stopped']);
		await vi.advanceTimersByTimeAsync(1);
		expect(settled).toEqual(['stopped', 'slow']);
		slow.stop();
		store.close();
	});
});
