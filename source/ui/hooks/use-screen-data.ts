// What the screen shows of the store, re-rendered only when that changed. A published snapshot that
// changes nothing on screen — a pod below the visible rows, the age of the data while live — returns
// the last data object, so React bails out and Ink draws nothing (10,000 pods at 100 changes/s: most
// snapshots). The transition log takes new lines once per clock tick: each new line scrolls the whole
// log, and the terminal redrew all of its lines every frame (bench: about three times kubectl's bytes).
// A quiet log shows its next line at once; lines that follow within the same tick wait for the next
// one, and come in the render the clock causes anyway (one render a second for both, not three).
// Freeze holds the snapshot it had and stops subscribing.
import {useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import type {DeploymentSummary} from '../../rollout/index.js';
import type {ClusterSnapshot} from '../../store/types.js';
import {createDeploymentDeriver, deploymentList, type DeploymentView} from '../derive.js';
import {sameViewBesidesPods} from '../deployment-view.js';
import {podWindow, sameWindow} from '../pod-rows.js';
import {sameValue} from '../same-view.js';
import type {ExternalStore} from '../types.js';

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

/** `logTick`: the clock tick whose render last took new log lines; `holding`: newer lines wait for the next. */
type Last = {snapshot: ClusterSnapshot; query: ScreenQuery; frame: Frame; logTick: number; holding: boolean};

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
 * snapshot is published, so the caller keeps it current (a ref set on every render). `tick` counts the
 * clock's ticks (use-clock.ts): held log lines are let through when it changes.
 */
export function useScreenData(store: ExternalStore<ClusterSnapshot>, frozen: boolean, query: ScreenQuery, pods: {readonly current: PodsOnScreen}, tick: number): ScreenData {
	const deriver = useMemo(() => createDeploymentDeriver(), []);
	const held = useRef<ClusterSnapshot | undefined>(undefined);
	const last = useRef<Last | undefined>(undefined);
	const drawn = useRef<ScreenData | undefined>(undefined);
	const subscribe = useCallback((listener: () => void) => (frozen ? noop : store.subscribe(listener)), [store, frozen]);

	const getSnapshot = useCallback((): Frame => {
		if (!frozen || held.current === undefined) held.current = store.getSnapshot();
		const snapshot = held.current;
		const previous = last.current;
		if (previous && previous.snapshot === snapshot && previous.query === query && !(previous.holding && previous.logTick !== tick)) return previous.frame;
		const {namespace, name, targets, now} = query;
		let view = name ? deriver.derive(snapshot, namespace, name, now()) : undefined;
		let logTick = previous?.logTick ?? Number.NaN;
		let holding = false;
		const before = previous?.frame.fresh.view;
		if (view && before && view.transitions !== before.transitions) {
			// The log already took lines this tick: the rest of the view is shown now, new lines at the next.
			if (logTick === tick) {
				view = {...view, transitions: before.transitions};
				holding = true;
			} else {
				logTick = tick;
			}
		}
		const fresh: ScreenData = {view, list: name ? noList : deploymentList(snapshot, namespace, targets, now()), connections: snapshot.connections};
		let frame: Frame = {fresh};
		if (previous && previous.query === query && sameScreen(drawn.current ?? previous.frame.fresh, fresh, pods.current)) {
			frame = previous.frame;
			frame.fresh = fresh;
		}
		last.current = {snapshot, query, frame, logTick, holding};
		return frame;
	}, [store, frozen, query, deriver, pods, tick]);

	const {fresh} = useSyncExternalStore(subscribe, getSnapshot);
	useLayoutEffect(() => {
		drawn.current = fresh;
	});
	return fresh;
}
