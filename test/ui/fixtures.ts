// Snapshots built from real objects: test/fixtures/ui/*.json are the recorded watch streams of a real
// control plane (shared/recordings) folded up to one moment, managedFields dropped.
import {vi} from 'vitest';
import type {ClusterSnapshot, PodTransition} from '../../source/store/types.js';
import type {ActionResult, MonitorActions, MonitorProps} from '../../source/ui/types.js';
import {loadFixtureFile} from './fixture-snapshot.js';

export type FixtureName = 'rolling-mid' | 'history-3-revisions' | 'canary-split' | 'broken-crashloop';

export function loadFixture(name: FixtureName): ReturnType<typeof loadFixtureFile> {
	return loadFixtureFile(new URL(`../fixtures/ui/${name}.json`, import.meta.url));
}

export function withTransitions(snapshot: ClusterSnapshot, transitions: PodTransition[]): ClusterSnapshot {
	return {...snapshot, version: snapshot.version + 1, transitions};
}

/** A store the test drives: publish() is what the real store does once per frame. */
export function fakeStore(initial: ClusterSnapshot) {
	let current = initial;
	const listeners = new Set<() => void>();
	return {
		getSnapshot: () => current,
		subscribe(listener: () => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		publish(next: ClusterSnapshot) {
			current = next;
			for (const listener of listeners) listener();
		},
		listeners,
	};
}

const answer = (message: string) => vi.fn(async (): Promise<ActionResult> => ({ok: true, message}));

export function fakeActions(): MonitorActions & {[K in 'pause' | 'resume' | 'restart' | 'undo' | 'scale']: ReturnType<typeof vi.fn>} {
	return {
		pause: answer('deployment.apps/web paused'),
		resume: answer('deployment.apps/web resumed'),
		restart: answer('deployment.apps/web restarted'),
		undo: answer('deployment.apps/web rolled back'),
		scale: answer('deployment.apps/web scaled'),
	};
}

export function monitorProps(name: FixtureName, overrides: Partial<MonitorProps> = {}) {
	const {snapshot, now, namespace} = loadFixture(name);
	const store = fakeStore(snapshot);
	const actions = fakeActions();
	const onExit = vi.fn();
	const props: MonitorProps = {store, actions, context: {name: 'kind-dev', namespace}, readOnly: false, now: () => now, onExit, ...overrides};
	return {props, store, actions, onExit, snapshot, now};
}
