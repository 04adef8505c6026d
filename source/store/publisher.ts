// The store the UI subscribes to. Events are folded at once (cheap), but snapshots are published at
// most once per frame: a burst of thousands of watch events costs one render, not thousands.
// getSnapshot() returns the same object until the next publish (useSyncExternalStore requires it).
import process from 'node:process';
import {draftOf, emptyClusterState, reduceWith} from './reducer.js';
import type {ClusterState, CopyMap, DraftMap} from './reducer.js';
import type {ClusterEvent, ClusterSnapshot, ObjectMap} from './types.js';

export type StoreOptions = {
	/** Publishes per second at most (default 15). */
	maxFps?: number;
	now?: () => number;
	initial?: ClusterState;
	/** A monotonic ms clock for how much the listeners (the render) cost; default this process's CPU time (tests inject one). */
	measure?: () => number;
};

export type ClusterStore = {
	dispatch(event: ClusterEvent): void;
	dispatchAll(events: Iterable<ClusterEvent>): void;
	getSnapshot(): ClusterSnapshot;
	/** useSyncExternalStore-compatible; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** Publishes pending changes now (tests, and before exit). */
	flush(): void;
	/** Cancels the pending publish timer. */
	close(): void;
};

export function createStore(options: StoreOptions = {}): ClusterStore {
	const frameMs = 1000 / (options.maxFps ?? 15);
	const now = options.now ?? Date.now;
	const listeners = new Set<() => void>();
	let state = options.initial ?? emptyClusterState();
	let snapshot: ClusterSnapshot = {...state, version: 0};
	let lastPublish = -Infinity;
	let timer: NodeJS.Timeout | undefined;
	const measure = options.measure ?? cpuMs;
	// What the listeners cost on a publish: with useSyncExternalStore on Ink's legacy root, that is the
	// whole frame (derive, render, write). The next frame waits at least three times as long, so
	// drawing never takes more than a third of the CPU — 10,000 pods slow the frame rate, not the input
	// or the watch. CPU time, not wall time: on a busy machine the wall clock also counts the time other
	// processes ran. And the median of the last three frames: one frame stretched by a garbage
	// collection must not hold the next change back for three times as long (event-to-screen p99).
	const costs = [0, 0, 0];
	let frameCost = 0;
	// Maps the reducer built since the last publish: no snapshot holds them yet, so further events in
	// the same frame may change them in place instead of copying the whole map again.
	let unpublished = new WeakSet<object>();
	const copy: CopyMap = <T>(map: ObjectMap<T>) => {
		if (unpublished.has(map)) return map as DraftMap<T>;
		const next = draftOf(map);
		unpublished.add(next);
		return next;
	};

	const publish = () => {
		clearTimeout(timer);
		timer = undefined;
		lastPublish = now();
		unpublished = new WeakSet();
		const {version} = snapshot;
		snapshot = {...state, version: version + 1};
		const started = measure();
		for (const listener of [...listeners]) listener();
		costs.shift();
		costs.push(measure() - started);
		frameCost = median3(costs);
	};

	const isDirty = () => {
		for (const key of Object.keys(state) as Array<keyof ClusterState>) if (state[key] !== snapshot[key]) return true;
		return false;
	};

	const schedule = () => {
		if (timer !== undefined || !isDirty()) return;
		timer = setTimeout(publish, Math.max(0, lastPublish + Math.max(frameMs, 3 * frameCost) - now()));
		// A pending frame must not keep a finished process (a test, `status` mode) alive.
		timer.unref?.();
	};

	return {
		dispatch(event) {
			state = reduceWith(state, event, copy);
			schedule();
		},
		dispatchAll(events) {
			for (const event of events) state = reduceWith(state, event, copy);
			schedule();
		},
		getSnapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		flush() {
			if (isDirty()) publish();
		},
		close() {
			clearTimeout(timer);
			timer = undefined;
		},
	};
}

/** This process's CPU time (user + system) in ms. */
function cpuMs(): number {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
}

function median3([a = 0, b = 0, c = 0]: readonly number[]): number {
	return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
