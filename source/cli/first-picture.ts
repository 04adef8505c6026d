// Requests that only refine the screen (the access reviews) wait until the first picture is up: at
// start-up every round trip and TLS handshake competes with the watches' lists and the first render
// for the one CPU the process has.
import type {WatchPlan} from '../cluster/scope.js';
import type {ClusterStore} from '../store/publisher.js';
import type {ClusterEvent, WatchedResource} from '../store/types.js';

/** What a Deployment's first picture needs; the list view only has the deployments watch. */
const PICTURE: WatchedResource[] = ['deployments', 'replicasets', 'pods'];

export type FirstPicture = {
	/** Feed every watch event through here (after the store has it). */
	saw(event: ClusterEvent): void;
	stop(): void;
};

/**
 * Calls `then` once, just after the first snapshot in which every running deployments, ReplicaSet
 * and pod watch has listed was published (and drawn: the UI renders inside the publish), or after
 * `fallbackMs` if that never happens (a forbidden or failing list).
 */
export function afterFirstPicture(options: {store: ClusterStore; running: () => WatchPlan; then: () => void; fallbackMs?: number}): FirstPicture {
	const {store, running, then} = options;
	const synced = new Set<WatchedResource>();
	let done = false;
	let pending = false;
	const finish = () => {
		if (done) return;
		done = true;
		clearTimeout(fallback);
		unsubscribe();
		then();
	};
	const fallback = setTimeout(finish, options.fallbackMs ?? 1000);
	fallback.unref?.();
	const unsubscribe = store.subscribe(() => {
		if (!pending || done) return;
		// After this publish's other listeners (the render) have run.
		setImmediate(finish);
	});
	return {
		saw(event) {
			if (done || event.type !== 'SYNCED') return;
			synced.add(event.resource);
			const plan = running();
			pending = PICTURE.every(resource => plan[resource] === undefined || synced.has(resource));
		},
		stop() {
			done = true;
			clearTimeout(fallback);
			unsubscribe();
		},
	};
}
