// The store the UI subscribes to. Events are folded at once (cheap), but snapshots are published at
// most once per frame: a burst of thousands of watch events costs one render, not thousands.
// getSnapshot() returns the same object until the next publish (useSyncExternalStore requires it).
import {emptyClusterState, reduceWith} from './reducer.js';
import type {ClusterState, CopyMap} from './reducer.js';
import type {ClusterEvent, ClusterSnapshot} from './types.js';

export type StoreOptions = {
	/** Publishes per second at most (default 15). */
	maxFps?: number;
	now?: () => number;
	initial?: ClusterState;
	/** A monotonic ms clock for how long listeners (the render) take (tests inject one). */
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
	const measure = options.measure ?? (() => performance.now());
	// How long the listeners took on the last publish: with useSyncExternalStore on Ink's legacy root,
	// that is the whole frame (derive, render, write). The next frame waits at least three times as
	// long, so drawing never takes more than a third of the CPU — 10,000 pods slow the frame rate,
	// not the input or the watch.
	let frameCost = 0;
	// Maps the reducer built since the last publish: no snapshot holds them yet, so further events in
	// the same frame may change them in place instead of copying the whole map again.
	let unpublished = new WeakSet<object>();
	const copy: CopyMap = map => {
		if (unpublished.has(map)) return map as Map<string, never>;
		const next = new Map(map);
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
		frameCost = measure() - started;
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
