// Where each watched resource lives in the API, and the kind its list items carry.
import type {WatchedResource} from '../store/types.js';

export const RESOURCE_API: Record<WatchedResource, {prefix: string; apiVersion: string; kind: string}> = {
	deployments: {prefix: '/apis/apps/v1', apiVersion: 'apps/v1', kind: 'Deployment'},
	replicasets: {prefix: '/apis/apps/v1', apiVersion: 'apps/v1', kind: 'ReplicaSet'},
	pods: {prefix: '/api/v1', apiVersion: 'v1', kind: 'Pod'},
	services: {prefix: '/api/v1', apiVersion: 'v1', kind: 'Service'},
	endpointslices: {prefix: '/apis/discovery.k8s.io/v1', apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice'},
	events: {prefix: '/api/v1', apiVersion: 'v1', kind: 'Event'},
};

/** The namespaced collection path, e.g. `/apis/apps/v1/namespaces/shop/deployments`. */
export function collectionPath(resource: WatchedResource, namespace: string): string {
	return `${RESOURCE_API[resource].prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}
