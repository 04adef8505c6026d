// The list/watch query parameters every collection request shares: namespace scope and selectors.
import type {KubeObject} from '../../k8s/types.js';
import type {ApiResource} from './catalog.js';
import {eventsV1FieldSelector} from './events-v1.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';

export type ObjectFilter = (object: KubeObject) => boolean;

/** Namespace + labelSelector + fieldSelector → one predicate over stored (core) objects. Throws 400 on bad selectors. */
export function objectFilter(resource: ApiResource, namespace: string | undefined, query: URLSearchParams): ObjectFilter {
	const labels = parseLabelSelector(query.get('labelSelector'));
	const fieldText = resource.group === 'events.k8s.io' ? eventsV1FieldSelector(query.get('fieldSelector')) : query.get('fieldSelector');
	const fields = parseFieldSelector(fieldText, resource.store ?? resource.name);
	return object => (namespace === undefined || object.metadata.namespace === namespace) && labels(object.metadata.labels) && fields(object);
}

/** etcd returns keys in order: namespace, then name. */
export function byKey(a: KubeObject, b: KubeObject): number {
	const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
	const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}
