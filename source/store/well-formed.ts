// The store's gate. The derivations (source/rollout) and the UI are written against the API's types:
// what the API server always sets (a pod's containers, a Deployment's template) is read without
// guards, while optional fields may be missing or null. An object that lacks one of the always-set
// parts (a broken proxy, a server bug, a hand-made fake) is dropped here, as a malformed watch line
// is, instead of throwing in every frame derived from it.
import type {KubeObject} from '../k8s/types.js';
import type {WatchedResource} from './types.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRecordList = (value: unknown): boolean => Array.isArray(value) && value.every(isRecord);
/** A list field the derivations iterate: absent, null, or a list of objects — never an object or a scalar. */
const isOptionalRecordList = (value: unknown): boolean => value === undefined || value === null || isRecordList(value);
/** `status` absent or null, or an object whose `lists` are all optional record lists. */
const hasStatusLists = (status: unknown, lists: readonly string[]): boolean => status === undefined || status === null || (isRecord(status) && lists.every(list => isOptionalRecordList(status[list])));
const POD_STATUS_LISTS = ['conditions', 'containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'] as const;

/** labels, annotations, selectors: Go's map[string]string, never null values. */
const isStringMap = (value: unknown): boolean => value === undefined || (isRecord(value) && Object.values(value).every(item => typeof item === 'string'));

/** Metadata the store keys and joins on: name, namespace and uid are strings when present. */
export function isKubeObject(object: unknown): object is KubeObject {
	if (!isRecord(object) || !isRecord(object.metadata)) return false;
	const {name, namespace, uid, resourceVersion, labels, annotations, ownerReferences} = object.metadata;
	const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
	return (
		optionalString(name) &&
		optionalString(namespace) &&
		optionalString(uid) &&
		optionalString(resourceVersion) &&
		isStringMap(labels) &&
		isStringMap(annotations) &&
		(ownerReferences === undefined || isRecordList(ownerReferences))
	);
}

function hasPodSpec(template: unknown): boolean {
	return isRecord(template) && isRecord(template.spec) && isRecordList(template.spec.containers) && isOptionalRecordList(template.spec.initContainers) && (template.metadata === undefined || (isRecord(template.metadata) && isStringMap(template.metadata.labels) && isStringMap(template.metadata.annotations)));
}

/** Whether the rest of rollwatch may rely on `object` as a `resource` (see the header). */
export function isWellFormed(resource: WatchedResource, object: unknown): object is KubeObject {
	if (!isKubeObject(object)) return false;
	const value = object as unknown as Json;
	switch (resource) {
		case 'deployments':
		case 'replicasets':
			return isRecord(value.spec) && hasPodSpec(value.spec.template) && isRecord(value.spec.selector) && isStringMap(value.spec.selector.matchLabels) && hasStatusLists(value.status, ['conditions']);
		case 'pods':
			return hasPodSpec(value) && hasStatusLists(value.status, POD_STATUS_LISTS);
		case 'services':
			return isRecord(value.spec) && isStringMap(value.spec.selector ?? undefined);
		case 'endpointslices':
			// Every endpoint has its addresses (the API requires 1–100).
			return value.endpoints === undefined || value.endpoints === null || (isRecordList(value.endpoints) && (value.endpoints as Json[]).every(endpoint => Array.isArray(endpoint.addresses)));
		case 'events':
			return true;
		default: {
			const unreachable: never = resource;
			return unreachable;
		}
	}
}
