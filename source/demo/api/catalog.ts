// The resources this API server serves, as discovery describes them. One entry per URL resource;
// events.k8s.io/v1 events are a second view of the core/v1 events in the store.
import type {Resource} from '../objects.js';

export type Subresource = 'status' | 'scale';

export type ApiResource = {
	name: string;
	group: string;
	version: string;
	kind: string;
	singularName: string;
	namespaced: boolean;
	/** Backing store resource; undefined for virtual ones (selfsubjectaccessreviews, always-empty HPAs). */
	store?: Resource;
	verbs: string[];
	shortNames?: string[];
	categories?: string[];
	subresources?: Subresource[];
};

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_VERBS = ['get', 'list', 'watch'];

export const API_RESOURCES: ApiResource[] = [
	{name: 'namespaces', group: '', version: 'v1', kind: 'Namespace', singularName: 'namespace', namespaced: false, store: 'namespaces', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], subresources: ['status']},
	{name: 'pods', group: '', version: 'v1', kind: 'Pod', singularName: 'pod', namespaced: true, store: 'pods', verbs: ALL_VERBS, shortNames: ['po'], categories: ['all'], subresources: ['status']},
	{name: 'services', group: '', version: 'v1', kind: 'Service', singularName: 'service', namespaced: true, store: 'services', verbs: ALL_VERBS, shortNames: ['svc'], categories: ['all'], subresources: ['status']},
	{name: 'endpoints', group: '', version: 'v1', kind: 'Endpoints', singularName: 'endpoints', namespaced: true, store: 'endpoints', verbs: READ_VERBS, shortNames: ['ep']},
	{name: 'events', group: '', version: 'v1', kind: 'Event', singularName: 'event', namespaced: true, store: 'events', verbs: ALL_VERBS, shortNames: ['ev']},
	{name: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', singularName: 'deployment', namespaced: true, store: 'deployments', verbs: ALL_VERBS, shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale']},
	{name: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', singularName: 'replicaset', namespaced: true, store: 'replicasets', verbs: ALL_VERBS, shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale']},
	{name: 'endpointslices', group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', singularName: 'endpointslice', namespaced: true, store: 'endpointslices', verbs: ALL_VERBS},
	{name: 'events', group: 'events.k8s.io', version: 'v1', kind: 'Event', singularName: 'event', namespaced: true, store: 'events', verbs: ALL_VERBS, shortNames: ['ev']},
	{name: 'nodes', group: '', version: 'v1', kind: 'Node', singularName: 'node', namespaced: false, verbs: READ_VERBS, shortNames: ['no']},
	// Always empty: listed so autoscaling/v1 is a real group to discovery (kubectl rejects empty groups).
	{name: 'horizontalpodautoscalers', group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', singularName: 'horizontalpodautoscaler', namespaced: true, verbs: READ_VERBS, shortNames: ['hpa'], categories: ['all']},
	{name: 'selfsubjectaccessreviews', group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', singularName: 'selfsubjectaccessreview', namespaced: false, verbs: ['create']},
];

/** Group/versions served, in discovery order. */
export const GROUP_VERSIONS = [
	{group: '', version: 'v1'},
	{group: 'apps', version: 'v1'},
	{group: 'autoscaling', version: 'v1'},
	{group: 'discovery.k8s.io', version: 'v1'},
	{group: 'events.k8s.io', version: 'v1'},
	{group: 'authorization.k8s.io', version: 'v1'},
];

export function findResource(group: string, version: string, name: string): ApiResource | undefined {
	return API_RESOURCES.find(r => r.group === group && r.version === version && r.name === name);
}

export function apiVersionOf(r: {group: string; version: string}): string {
	return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps` / `pods`: the name used in error messages. */
/** `Deployment.apps` / `Service`: the kind used in Invalid messages. */
export function qualifiedKind(r: ApiResource): string {
	return r.group ? `${r.kind}.${r.group}` : r.kind;
}
