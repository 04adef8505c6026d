// Garbage collection by ownerReferences with background propagation: when an owner is deleted,
// its dependents are deleted after it — ReplicaSets at once (which cascades to their pods), pods
// gracefully (the kubelet terminates them), EndpointSlices at once.
import type {KubeObject, Pod} from '../../k8s/types.js';
import type {ObjectStore, Resource, StoreEvent} from '../objects.js';
import type {WorkQueue} from './queue.js';
import {deletePodGracefully} from './pods.js';

const QUEUE = 'gc';
const DEPENDENT_RESOURCES: Resource[] = ['replicasets', 'pods', 'endpointslices'];

export class GarbageCollector {
	private readonly enqueue: (key: string) => void;

	constructor(
		private readonly store: ObjectStore,
		queue: WorkQueue,
	) {
		this.enqueue = queue.register(QUEUE, key => this.sync(key));
	}

	onEvent(event: StoreEvent) {
		if (event.type === 'DELETED') this.enqueue(`${event.object.metadata.namespace ?? ''}/${event.object.metadata.uid}`);
	}

	private sync(key: string) {
		const slash = key.indexOf('/');
		const namespace = key.slice(0, slash) || undefined;
		const uid = key.slice(slash + 1);
		for (const resource of DEPENDENT_RESOURCES) {
			for (const object of this.store.list<KubeObject>(resource, namespace)) {
				if (!object.metadata.ownerReferences?.some(reference => reference.uid === uid)) continue;
				if (resource === 'pods') deletePodGracefully(this.store, object as Pod);
				else this.store.remove(resource, object.metadata.namespace, object.metadata.name!);
			}
		}
	}
}
