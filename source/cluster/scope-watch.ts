// Runs the watches a target needs and re-scopes them as the picture changes: the Deployments'
// selectors decide the ReplicaSet and pod watches, the matching Services decide the EndpointSlice
// watch, and setTarget() switches between the list view and one Deployment. Only watches whose
// spec changed are restarted.
import type {KubeConfig} from '@kubernetes/client-node';
import type {Deployment, KubeObject, Service} from '../k8s/types.js';
import type {ClusterEvent, WatchedResource} from '../store/types.js';
import {objectKey} from '../store/types.js';
import type {Backoff} from './backoff.js';
import {planWatches} from './scope.js';
import type {WatchPlan, WatchTarget} from './scope.js';
import {watchResource} from './watch.js';
import type {WatchHandle, WatchResourceOptions} from './watch.js';

export type ScopeOptions = {
	kc: KubeConfig;
	target: WatchTarget;
	/**
	 * Deployments already fetched (the preflight GET): the ReplicaSet, pod and event watches start from
	 * their selectors at once instead of waiting a round trip for the deployments LIST. The deployments
	 * watch's first SYNCED replaces them, re-scoping only if they changed in between.
	 */
	seed?: readonly Deployment[];
	onEvent: (event: ClusterEvent) => void;
	/**
	 * Watches that wait for release(): at start-up every list, TLS handshake and frame competes for the
	 * one CPU the process has, so what the first frame does not show (Services, EndpointSlices, Events)
	 * can wait until it is drawn.
	 */
	held?: readonly WatchedResource[];
	backoff?: Backoff;
	timeoutSeconds?: number;
	/** Injected in tests. */
	watch?: (options: WatchResourceOptions) => WatchHandle;
};

export type ScopeHandle = {
	setTarget(target: WatchTarget): void;
	/** Starts the held watches (see ScopeOptions.held); later calls do nothing. */
	release(): void;
	/** The specs currently running, by resource (for tests and diagnostics). */
	current(): WatchPlan;
	stop(): void;
	/** Settles when every watch has wound down after stop(). */
	done(): Promise<void>;
};

const ORDER: WatchedResource[] = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'events'];

export function watchScope(options: ScopeOptions): ScopeHandle {
	const start = options.watch ?? watchResource;
	let target = options.target;
	let stopped = false;
	let held = new Set(options.held);
	const running = new Map<WatchedResource, {spec: NonNullable<WatchPlan[WatchedResource]>; handle: WatchHandle}>();
	const winding: Array<Promise<void>> = [];
	// What the deployments and services watches have shown: the inputs of the plan.
	const known = {deployments: new Map<string, Deployment>((options.seed ?? []).map((deployment) => [objectKey(deployment), deployment])), services: new Map<string, Service>()};

	const track = (event: ClusterEvent) => {
		if (event.type === 'CONNECTION' || (event.resource !== 'deployments' && event.resource !== 'services')) return false;
		const map = known[event.resource] as Map<string, KubeObject>;
		if (event.type === 'SYNCED') {
			map.clear();
			for (const object of event.objects) map.set(objectKey(object), object);
		} else if (event.type === 'DELETED') map.delete(objectKey(event.object));
		else map.set(objectKey(event.object), event.object);
		return true;
	};

	const stopWatch = (resource: WatchedResource) => {
		const entry = running.get(resource);
		if (!entry) return;
		entry.handle.stop();
		winding.push(entry.handle.done);
		running.delete(resource);
	};

	const reconcile = () => {
		if (stopped) return;
		const plan = planWatches(target, [...known.deployments.values()], [...known.services.values()]);
		for (const resource of ORDER) {
			if (held.has(resource)) continue;
			const spec = plan[resource];
			const entry = running.get(resource);
			if (entry && spec && entry.spec.key === spec.key) continue;
			stopWatch(resource);
			if (resource === 'services' && !spec) known.services.clear();
			if (!spec) {
				// Out of scope now: whatever the store holds for it is no longer ours to show.
				if (entry) options.onEvent({type: 'SYNCED', resource, objects: [], at: Date.now()});
				continue;
			}
			const handle = start({
				kc: options.kc,
				resource,
				namespace: target.namespace,
				labelSelector: spec.labelSelector,
				fieldSelector: spec.fieldSelector,
				filter: spec.filter,
				backoff: options.backoff,
				timeoutSeconds: options.timeoutSeconds,
				onEvent: (event) => {
					if (stopped) return;
					options.onEvent(event);
					if (track(event)) reconcile();
				},
			});
			running.set(resource, {spec, handle});
		}
	};

	reconcile();
	return {
		setTarget(next) {
			if (next.namespace !== target.namespace) {
				// Another namespace: nothing we know carries over.
				for (const resource of ORDER) stopWatch(resource);
				known.deployments.clear();
				known.services.clear();
			}
			target = next;
			reconcile();
		},
		release() {
			if (held.size === 0) return;
			held = new Set();
			reconcile();
		},
		current: () => Object.fromEntries([...running].map(([resource, entry]) => [resource, entry.spec])) as WatchPlan,
		stop() {
			stopped = true;
			for (const resource of ORDER) stopWatch(resource);
		},
		done: () => Promise.all(winding).then(() => undefined),
	};
}
