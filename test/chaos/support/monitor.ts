// The monitor's data path as the TUI runs it (cli/session.ts): watchScope for one Deployment by name,
// which plans one resilient list+watch per resource kind, folded by the real reducer into the real store. Records what the checks need: every
// connection state per resource, and for each pods relist the server's resourceVersion when it landed.
import type {LoadedKubeConfig} from '../../../source/cluster/kubeconfig.js';
import {watchScope} from '../../../source/cluster/scope-watch.js';
import {watchResource, type WatchHandle} from '../../../source/cluster/watch.js';
import {createStore, type ClusterStore} from '../../../source/store/publisher.js';
import type {ClusterEvent, ConnectionStatus, WatchedResource} from '../../../source/store/types.js';

export const WATCHED: readonly WatchedResource[] = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices'];

export type Relist = {
	/** Upper bound of the list's resourceVersion: the server's RV when the SYNCED reached the store. */
	atMostRv: number;
	/** Highest pod resourceVersion delivered by a watch event before this relist. */
	deliveredRv: number;
};

export type Monitor = {
	store: ClusterStore;
	handles: WatchHandle[];
	/** Connection statuses each resource went through, in order (repeats collapsed). */
	statuses: Record<string, ConnectionStatus[]>;
	/** Every connection error text the watch layer produced (checked for secrets). */
	errors: string[];
	relists: Relist[];
	stop(): Promise<void>;
};

export function startMonitor(config: LoadedKubeConfig, serverRv: () => number, names: string[] = ['web']): Monitor {
	const store = createStore({maxFps: 30});
	const statuses: Record<string, ConnectionStatus[]> = {};
	const errors: string[] = [];
	const relists: Relist[] = [];
	let deliveredRv = 0;
	const handles: WatchHandle[] = [];
	const onEvent = (event: ClusterEvent) => {
		const {resource} = event;
		if (event.type === 'CONNECTION') {
			const seen = (statuses[resource] ??= []);
			if (seen.at(-1) !== event.state.status) seen.push(event.state.status);
			if (event.state.error) errors.push(event.state.error);
		} else if (resource === 'pods' && event.type === 'SYNCED') {
			relists.push({atMostRv: serverRv(), deliveredRv});
			// Watching resumes from the list: what it held counts as delivered.
			for (const object of event.objects) deliveredRv = Math.max(deliveredRv, Number(object.metadata.resourceVersion));
		} else if (resource === 'pods' && event.type !== 'SYNCED') {
			deliveredRv = Math.max(deliveredRv, Number(event.object.metadata.resourceVersion));
		}
		store.dispatch(event);
	};
	const scope = watchScope({
		kc: config.kc,
		target: {namespace: config.namespace, names},
		onEvent,
		// Short enough that a run sees several backoffs and recoveries; the plan is the monitor's.
		backoff: {initialMs: 100, maxMs: 1500},
		timeoutSeconds: 20,
		watch: options => {
			const handle = watchResource(options);
			handles.push(handle);
			return handle;
		},
	});
	return {
		store,
		handles,
		statuses,
		errors,
		relists,
		async stop() {
			scope.stop();
			await scope.done();
			store.flush();
			store.close();
		},
	};
}

/** True when every watched resource's latest connection status is live. */
export function allLive(monitor: Monitor): boolean {
	const {connections} = monitor.store.getSnapshot();
	return WATCHED.every(resource => connections[resource]?.status === 'live');
}
