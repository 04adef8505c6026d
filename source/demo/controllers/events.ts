// Event recorder: core/v1 Events as the controllers and the kubelet write them. Repeats of the same
// (object, reason, message, source) are aggregated into one Event with count++ and a new
// lastTimestamp, which is what `kubectl describe` shows as "x3 over 20s".
import type {KubeEvent, KubeObject} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';
import {rfc3339} from '../clock.js';

export type EventSource = {component: string; host?: string; fieldPath?: string};

const MICRO_FORMAT = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

export class EventRecorder {
	private readonly aggregated = new Map<string, string>();
	private sequence = 0;

	constructor(private readonly store: ObjectStore) {}

	normal(object: KubeObject, reason: string, message: string, source: EventSource) {
		this.record(object, 'Normal', reason, message, source);
	}

	warning(object: KubeObject, reason: string, message: string, source: EventSource) {
		this.record(object, 'Warning', reason, message, source);
	}

	record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource) {
		const namespace = object.metadata.namespace ?? 'default';
		const key = `${object.metadata.uid}\u0000${reason}\u0000${message}\u0000${source.component}\u0000${source.fieldPath ?? ''}`;
		const now = rfc3339(this.store.clock.now());
		const existingName = this.aggregated.get(key);
		const existing = existingName ? this.store.get<KubeEvent>('events', namespace, existingName) : undefined;
		if (existing) {
			existing.count = (existing.count ?? 1) + 1;
			existing.lastTimestamp = now;
			existing.involvedObject.resourceVersion = object.metadata.resourceVersion;
			this.store.replace('events', existing);
			return;
		}
		const event: KubeEvent = {
			metadata: {name: this.eventName(object), namespace},
			involvedObject: {...involved(object), ...(source.fieldPath ? {fieldPath: source.fieldPath} : {})},
			reason,
			message,
			source: {component: source.component, ...(source.host ? {host: source.host} : {})},
			firstTimestamp: now,
			lastTimestamp: now,
			count: 1,
			type,
			eventTime: null,
			reportingComponent: '',
			reportingInstance: '',
		};
		const created = this.store.create('events', event);
		this.aggregated.set(key, created.metadata.name!);
	}

	/** The scheduler writes events.k8s.io/v1 Events: eventTime and action set, no count or source. */
	scheduled(pod: KubeObject, node: string) {
		const namespace = pod.metadata.namespace ?? 'default';
		this.store.create<KubeEvent>('events', {
			metadata: {name: this.eventName(pod), namespace},
			involvedObject: involved(pod),
			reason: 'Scheduled',
			message: `Successfully assigned ${namespace}/${pod.metadata.name} to ${node}`,
			source: {},
			firstTimestamp: null,
			lastTimestamp: null,
			type: 'Normal',
			eventTime: MICRO_FORMAT(this.store.clock.now()),
			action: 'Binding',
			reportingComponent: 'default-scheduler',
			reportingInstance: 'default-scheduler-demo',
		});
	}

	/** `<object>.<hex nanoseconds>` like client-go's recorder, unique within this process. */
	private eventName(object: KubeObject): string {
		const nanos = BigInt(Math.floor(this.store.clock.now())) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
		return `${object.metadata.name}.${nanos.toString(16)}`;
	}
}

function involved(object: KubeObject) {
	return {
		kind: object.kind,
		namespace: object.metadata.namespace,
		name: object.metadata.name,
		uid: object.metadata.uid,
		apiVersion: object.apiVersion,
		resourceVersion: object.metadata.resourceVersion,
	};
}
