// What the screen shows of the store, re-rendered only when that changed. A published snapshot that
// changes nothing on screen — a pod below the visible rows, the age of the data while live — returns
// the last data object, so React bails out and Ink draws nothing (10,000 pods at 100 changes/s: most
// snapshots). The transition log takes new lines at most twice a second: each new line scrolls the
// whole log, and the terminal redrew all of its lines every frame (bench: about three times kubectl's
// bytes). Freeze holds the snapshot it had and stops subscribing.
import {useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import type {DeploymentSummary} from '../../rollout/index.js';
import type {ClusterSnapshot} from '../../store/types.js';
import {createDeploymentDeriver, deploymentList, type DeploymentView} from '../derive.js';
import {sameViewBesidesPods} from '../deployment-view.js';
import {podWindow, sameWindow} from '../pod-rows.js';
import {sameValue} from '../same-view.js';
import type {ExternalStore} from '../types.js';

/** New transition log lines are shown at most this often. */
export const LOG_INTERVAL_MS = 500;

export type ScreenQuery = {
	namespace: string;
	/** The Deployment on screen; none for the list. */
	name?: string;
	targets: readonly string[];
	now: () => number;
};

/** The Pods pane's filter, selection and rows in the last render: which pod rows are on screen. */
export type PodsOnScreen = {filter: string; selected: number; rows: number};

export type ScreenData = {view?: DeploymentView; list: readonly DeploymentSummary[]; connections: ClusterSnapshot['connections']};

/**
 * What React compares: the same object while nothing on screen changes. It carries the newest data
 * (`fresh`: its transition log held to the interval) for whichever render comes next — a key, the
 * clock, a resize. A new snapshot is compared with what the last render drew.
 */
type Frame = {fresh: ScreenData};

type Last = {snapshot: ClusterSnapshot; query: ScreenQuery; frame: Frame; logAt: number; recheckAt?: number};

const noop = () => {};
const noList: readonly DeploymentSummary[] = [];

// The header reads the connections' contact times only to say how old the data is when a watch is not
// live; while all are live, a newer contact time changes nothing on screen.
function sameConnections(a: ClusterSnapshot['connections'], b: ClusterSnapshot['connections']): boolean {
	if (a === b) return true;
	const allLive = [...Object.values(a), ...Object.values(b)].every(state => state?.status === 'live');
	if (!allLive) return sameValue(a, b);
	const keys = Object.keys(a) as Array<keyof typeof a>;
	return keys.length === Object.keys(b).length && keys.every(key => b[key] !== undefined && a[key]!.since === b[key].since);
}

/** Whether `after` draws the same screen as `before`, the pods on screen being `pods`. */
function sameScreen(before: ScreenData, after: ScreenData, pods: PodsOnScreen): boolean {
	if (before.list !== after.list && !sameValue(before.list, after.list)) return false;
	if (!sameConnections(before.connections, after.connections)) return false;
	const [a, b] = [before.view, after.view];
	if (a === b) return true;
	if (!a || !b) return false;
	const window = (rows: DeploymentView['pods']) => podWindow(rows, pods.filter, pods.selected, pods.rows);
	return a.transitions === b.transitions && a.pods.length === b.pods.length && sameViewBesidesPods(a, b) && sameWindow(window(a.pods), window(b.pods));
}

/**
 * The screen's data; the component re-renders only when what it shows changed. `pods` is read when a
 * snapshot is published, so the caller keeps it current (a ref set on every render).
 */
export function useScreenData(store: ExternalStore<ClusterSnapshot>, frozen: boolean, query: ScreenQuery, pods: {readonly current: PodsOnScreen}): ScreenData {
	const deriver = useMemo(() => createDeploymentDeriver(), []);
	const held = useRef<ClusterSnapshot | undefined>(undefined);
	const last = useRef<Last | undefined>(undefined);
	const drawn = useRef<ScreenData | undefined>(undefined);
	const wake = useRef<{listener?: () => void; timer?: NodeJS.Timeout}>({});

	const subscribe = useCallback((listener: () => void) => {
		if (frozen) return noop;
		wake.current.listener = listener;
		const unsubscribe = store.subscribe(listener);
		return () => {
			unsubscribe();
			clearTimeout(wake.current.timer);
			wake.current = {};
		};
	}, [store, frozen]);

	const getSnapshot = useCallback((): Frame => {
		if (!frozen || held.current === undefined) held.current = store.getSnapshot();
		const snapshot = held.current;
		const previous = last.current;
		const at = Date.now();
		if (previous && previous.snapshot === snapshot && previous.query === query && (previous.recheckAt === undefined || at < previous.recheckAt)) return previous.frame;
		const {namespace, name, targets, now} = query;
		let view = name ? deriver.derive(snapshot, namespace, name, now()) : undefined;
		let logAt = previous?.logAt ?? Number.NEGATIVE_INFINITY;
		let recheckAt: number | undefined;
		const before = previous?.frame.fresh.view;
		if (view && before && view.transitions !== before.transitions) {
			// Lines that are not due yet wait (a timer brings them); the rest of the view is shown now.
			if (at < logAt + LOG_INTERVAL_MS) {
				view = {...view, transitions: before.transitions};
				recheckAt = logAt + LOG_INTERVAL_MS;
			} else {
				logAt = at;
			}
		}
		const fresh: ScreenData = {view, list: name ? noList : deploymentList(snapshot, namespace, targets, now()), connections: snapshot.connections};
		let frame: Frame = {fresh};
		if (previous && previous.query === query && sameScreen(drawn.current ?? previous.frame.fresh, fresh, pods.current)) {
			frame = previous.frame;
			frame.fresh = fresh;
		}
		last.current = {snapshot, query, frame, logAt, ...(recheckAt === undefined ? {} : {recheckAt})};
		clearTimeout(wake.current.timer);
		if (recheckAt !== undefined && wake.current.listener) {
			wake.current.timer = setTimeout(wake.current.listener, recheckAt - at);
			wake.current.timer.unref?.();
		}
		return frame;
	}, [store, frozen, query, deriver, pods]);

	const {fresh} = useSyncExternalStore(subscribe, getSnapshot);
	useLayoutEffect(() => {
		drawn.current = fresh;
	});
	return fresh;
}
