// Bridges the prober and the access verdicts into React (the cluster store: use-screen-data.ts).
import {useCallback, useSyncExternalStore} from 'react';
import type {AccessMap, ExternalStore} from '../types.js';

const noop = () => {};
const noSubscription = () => noop;

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
