// The first picture: the lists a Deployment's screen needs (deployments, ReplicaSets, pods). The first
// frame waits for them, briefly, so that it is drawn once, with the pods, rather than once empty and
// again a moment later; and requests that only refine the screen (the access reviews) wait until that
// picture is up: at start-up every round trip, TLS handshake and frame competes for the one CPU the
// process has.
import type {WatchPlan} from '../cluster/scope.js';
import type {ClusterStore} from '../store/publisher.js';
import type {ClusterEvent, WatchedResource} from '../store/types.js';

/** What a Deployment's first picture needs; the list view only has the deployments watch. */
const PICTURE: WatchedResource[] = ['deployments', 'replicasets', 'pods'];

export type FirstPicture = {
	/** Feed every watch event through here (after the store has it). */
	saw(event: ClusterEvent): void;
	/**
	 * Settles once every running first-picture list has arrived, or after `listedWithinMs` (a slow or
	 * failing list), or on stop(): the moment to draw the first frame. Never rejects.
	 */
	listed: Promise<void>;
	stop(): void;
};

/**
 * Calls `then` once, just after the first snapshot in which every running deployments, ReplicaSet
 * and pod watch has listed was published (and drawn: the UI renders inside the publish), or after
 * `fallbackMs` if that never happens (a forbidden or failing list).
 */
export function afterFirstPicture(options: {store: ClusterStore; running: () => WatchPlan; then: () => void; fallbackMs?: number; listedWithinMs?: number}): FirstPicture {
	const {store, running, then} = options;
	const synced = new Set<WatchedResource>();
	let done = false;
	let pending = false;
	let markListed!: () => void;
	const listed = new Promise<void>(resolve => { markListed = resolve; });
	const listedWithin = setTimeout(() => markListed(), options.listedWithinMs ?? 300);
	listedWithin.unref?.();
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
			if (pending) {
				clearTimeout(listedWithin);
				markListed();
			}
		},
		listed,
		stop() {
			done = true;
			clearTimeout(fallback);
			clearTimeout(listedWithin);
			markListed();
			unsubscribe();
		},
	};
}
