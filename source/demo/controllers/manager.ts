// The demo's kube-controller-manager + scheduler + kubelet in one: wires every controller to the
// store's change feed and to one priority work queue.
import type {ObjectStore} from '../objects.js';
import {DeploymentController} from './deployment.js';
import {EndpointSliceController} from './endpointslice.js';
import {EventRecorder} from './events.js';
import {GarbageCollector} from './gc.js';
import {Kubelet} from './kubelet.js';
import {WorkQueue} from './queue.js';
import {ReplicaSetController} from './replicaset.js';

export type Controllers = {
	kubelet: Kubelet;
	events: EventRecorder;
	queue: WorkQueue;
	/** Resolves when no controller has queued work and no pod is mid-transition. */
	settled(): Promise<void>;
	stop(): void;
};

export function startControllers(store: ObjectStore): Controllers {
	const queue = new WorkQueue(store.clock);
	const events = new EventRecorder(store);
	// Registration order is drain priority: owners' deletions, pods, then their controllers upwards, so a
	// Deployment sync sees ReplicaSet status that already reflects the pods just created or deleted.
	const gc = new GarbageCollector(store, queue);
	const kubelet = new Kubelet(store, events, queue);
	const replicaSets = new ReplicaSetController(store, events, queue);
	const endpoints = new EndpointSliceController(store, queue);
	const deployments = new DeploymentController(store, events, queue);
	const unsubscribe = store.subscribe(event => {
		if (event.resource === 'events') return;
		gc.onEvent(event);
		kubelet.onEvent(event);
		replicaSets.onEvent(event);
		endpoints.onEvent(event);
		deployments.onEvent(event);
	});
	let stopped = false;
	return {
		kubelet,
		events,
		queue,
		async settled() {
			// Idle twice in a row across a macrotask: a sync's writes enqueue follow-up work on setImmediate.
			for (;;) {
				if (stopped) return;
				await queue.whenIdle();
				await new Promise(resolve => setImmediate(resolve));
				if (queue.idle()) return;
			}
		},
		stop() {
			stopped = true;
			unsubscribe();
			kubelet.stop();
			queue.stop();
		},
	};
}
