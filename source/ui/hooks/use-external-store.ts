// Bridges the store (and the prober) into React. Freeze holds the snapshot it had and stops
// subscribing, so a frozen screen does not even re-render while the store keeps folding events.
import {useCallback, useRef, useSyncExternalStore} from 'react';
import type {AccessMap, ExternalStore} from '../types.js';

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

const isStore = <T>(value: T | ExternalStore<T>): value is ExternalStore<T> => typeof (value as Partial<ExternalStore<T>>).subscribe === 'function';

/** Access verdicts as given, or as they stand now when they arrive later through a store. */
export function useAccess(access: AccessMap | ExternalStore<AccessMap> | undefined): AccessMap | undefined {
	const store = access && isStore(access) ? access : undefined;
	const live = useOptionalStore(store);
	return store ? live : (access as AccessMap | undefined);
}
