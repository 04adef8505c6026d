// EndpointSlice and Endpoints controllers (F.1): one slice per Service (`<svc>-xxxxx`, labelled with
// the service name and the managing controller) listing every selected pod with an IP, with
// ready / serving / terminating conditions; plus the legacy v1 Endpoints (`kubectl get endpoints`),
// where ready pods are addresses, unready ones notReadyAddresses and terminating ones are left out.
import type {EndpointSlice, KubeObject, Pod, Service} from '../../k8s/types.js';
import {deepEqual, type ObjectStore, type StoreEvent} from '../objects.js';
import {rfc3339} from '../clock.js';
import type {WorkQueue} from './queue.js';
import {serviceSelects} from '../../rollout/ownership.js';
import {objectKey, ownerReferenceTo, splitKey} from './labels.js';
import {isPodReady, isPodTerminal} from '../../rollout/pod-status.js';
import {serviceNameLabel} from '../../rollout/traffic.js';

const QUEUE = 'endpoints';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

type EndpointsObject = KubeObject & {subsets?: Array<{addresses?: unknown[]; notReadyAddresses?: unknown[]; ports?: unknown[]}>};
type SlicePort = {name: string; port: number; protocol: string};

export class EndpointSliceController {
	private readonly enqueue: (key: string) => void;

	constructor(
		private readonly store: ObjectStore,
		queue: WorkQueue,
	) {
		this.enqueue = queue.register(QUEUE, key => this.sync(key));
		for (const service of store.list<Service>('services')) this.enqueue(objectKey(service));
	}

	onEvent(event: StoreEvent) {
		if (event.resource === 'services') {
			this.enqueue(objectKey(event.object));
		} else if (event.resource === 'pods') {
			const namespace = event.object.metadata.namespace;
			for (const service of this.store.list<Service>('services', namespace)) {
				if (serviceSelects(service.spec.selector, event.object.metadata.labels)) this.enqueue(objectKey(service));
			}
		}
	}

	sync(key: string) {
		const [namespace, name] = splitKey(key);
		const service = this.store.get<Service>('services', namespace, name);
		const slices = this.store.list<EndpointSlice>('endpointslices', namespace).filter(slice => slice.metadata.labels?.[serviceNameLabel] === name && slice.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
		if (!service) {
			for (const slice of slices) this.store.remove('endpointslices', namespace, slice.metadata.name!);
			if (this.store.get('endpoints', namespace, name)) this.store.remove('endpoints', namespace, name);
			return;
		}
		if (!service.spec.selector || Object.keys(service.spec.selector).length === 0) return;
		const pods = this.store
			.list<Pod>('pods', namespace)
			.filter(pod => serviceSelects(service.spec.selector, pod.metadata.labels) && pod.status?.podIP && !isPodTerminal(pod))
			.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
		const ports = slicePorts(service, pods);
		this.syncSlice(service, slices, pods, ports);
		this.syncEndpoints(service, pods, ports);
	}

	private syncSlice(service: Service, slices: EndpointSlice[], pods: Pod[], ports: SlicePort[]) {
		const endpoints = pods.map(pod => {
			const terminating = Boolean(pod.metadata.deletionTimestamp);
			return {
				addresses: [pod.status!.podIP!],
				conditions: {ready: isPodReady(pod) && !terminating, serving: isPodReady(pod), terminating},
				nodeName: pod.spec.nodeName,
				targetRef: {kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid},
			};
		});
		const [slice, ...extra] = slices;
		for (const duplicate of extra) this.store.remove('endpointslices', duplicate.metadata.namespace, duplicate.metadata.name!);
		const desired = {endpoints: endpoints.length > 0 ? endpoints : null, ports: ports.length > 0 ? ports : null};
		if (!slice) {
			this.store.create<EndpointSlice>('endpointslices', {
				metadata: {
					generateName: `${service.metadata.name}-`,
					namespace: service.metadata.namespace,
					labels: {[MANAGED_BY_LABEL]: MANAGED_BY, [serviceNameLabel]: service.metadata.name!},
					annotations: {[TRIGGER_TIME]: rfc3339(this.store.clock.now())},
					ownerReferences: [ownerReferenceTo(service)],
				},
				addressType: 'IPv4',
				...desired,
			});
			return;
		}
		if (deepEqual(slice.endpoints, desired.endpoints) && deepEqual(slice.ports, desired.ports)) return;
		this.store.replace<EndpointSlice>('endpointslices', {...slice, ...desired, metadata: {...slice.metadata, annotations: {...slice.metadata.annotations, [TRIGGER_TIME]: rfc3339(this.store.clock.now())}}});
	}

	private syncEndpoints(service: Service, pods: Pod[], ports: SlicePort[]) {
		const address = (pod: Pod) => ({
			ip: pod.status!.podIP!,
			nodeName: pod.spec.nodeName,
			targetRef: {kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid},
		});
		const live = pods.filter(pod => !pod.metadata.deletionTimestamp).sort((a, b) => compareIp(a.status!.podIP!, b.status!.podIP!));
		const ready = live.filter(pod => isPodReady(pod) || service.spec.publishNotReadyAddresses).map(address);
		const notReady = live.filter(pod => !isPodReady(pod) && !service.spec.publishNotReadyAddresses).map(address);
		const subsets =
			ready.length + notReady.length > 0
				? [{...(ready.length > 0 ? {addresses: ready} : {}), ...(notReady.length > 0 ? {notReadyAddresses: notReady} : {}), ports: ports.map(port => ({...(port.name ? {name: port.name} : {}), port: port.port, protocol: port.protocol}))}]
				: undefined;
		const namespace = service.metadata.namespace;
		const name = service.metadata.name!;
		const existing = this.store.get<EndpointsObject>('endpoints', namespace, name);
		const annotations = {[TRIGGER_TIME]: rfc3339(this.store.clock.now())};
		if (!existing) {
			this.store.create<EndpointsObject>('endpoints', {metadata: {name, namespace, labels: {...service.metadata.labels}, annotations}, ...(subsets ? {subsets} : {})});
			return;
		}
		if (deepEqual(existing.subsets, subsets)) return;
		const next: EndpointsObject = {...existing, metadata: {...existing.metadata, annotations: {...existing.metadata.annotations, ...annotations}}};
		if (subsets) next.subsets = subsets;
		else delete next.subsets;
		this.store.replace('endpoints', next);
	}
}

/** Service ports resolved against the pods' container ports (a named targetPort needs a pod to resolve). */
function slicePorts(service: Service, pods: Pod[]): SlicePort[] {
	const out: SlicePort[] = [];
	for (const port of service.spec.ports ?? []) {
		let target = port.targetPort ?? port.port;
		if (typeof target === 'string') {
			const named = pods.flatMap(pod => pod.spec.containers.flatMap(container => container.ports ?? [])).find(candidate => candidate.name === target);
			if (!named) continue;
			target = named.containerPort;
		}
		out.push({name: port.name ?? '', port: Number(target), protocol: port.protocol ?? 'TCP'});
	}
	return out;
}

function compareIp(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
	return 0;
}
