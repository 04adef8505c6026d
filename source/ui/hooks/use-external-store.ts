// Bridges the store (and the prober) into React. Freeze holds the snapshot it had and stops
// subscribing, so a frozen screen does not even re-render while the store keeps folding events.
import {useCallback, useRef, useSyncExternalStore} from 'react';
import type {ExternalStore} from '../types.js';

const noop = () => {};
const noSubscription = () => noop;

export function useFreezableStore<T>(store: ExternalStore<T>, frozen: boolean): T {
	const held = useRef<T | undefined>(undefined);
	const subscribe = useCallback((listener: () => void) => (frozen ? noop : store.subscribe(listener)), [store, frozen]);
	const getSnapshot = useCallback(() => {
		if (!frozen || held.current === undefined) held.current = store.getSnapshot();
		return held.current;
	}, [store, frozen]);
	return useSyncExternalStore(subscribe, getSnapshot);
}

/** A store that may be absent (no prober): hooks cannot be called conditionally. */
export function useOptionalStore<T>(store: ExternalStore<T> | undefined): T | undefined {
	const subscribe = useCallback((listener: () => void) => (store ? store.subscribe(listener) : noSubscription()), [store]);
	const getSnapshot = useCallback(() => store?.getSnapshot(), [store]);
	return useSyncExternalStore(subscribe, getSnapshot);
}
