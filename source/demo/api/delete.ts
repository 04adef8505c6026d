// DELETE semantics: graceful pod deletion, preconditions and owner-reference cascading (the garbage
// collector's job on a real cluster, done here synchronously so a deleted Deployment takes its
// ReplicaSets and their pods with it). Exported for the controllers, which must delete pods the same way.
import type {KubeObject, Pod} from '../../k8s/types.js';
import type {ObjectStore, Resource} from '../objects.js';
import {RESOURCES} from '../objects.js';
import {rfc3339} from '../clock.js';
import {ApiError, conflict} from '../status.js';
import {isPodTerminal} from '../../rollout/pod-status.js';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';
export type DeleteOptions = {gracePeriodSeconds?: number; propagationPolicy?: PropagationPolicy; preconditions?: {uid?: string; resourceVersion?: string}; dryRun?: boolean};
export type DeleteResult = {object: KubeObject; removed: boolean};

/**
 * Deletes like the API server: pods on a node get deletionTimestamp + deletionGracePeriodSeconds and stay
 * (MODIFIED) until the kubelet removes them; unscheduled pods and gracePeriodSeconds=0 go at once
 * (DELETED). Other objects go at once and their dependents follow `propagationPolicy`
 * (default Background; Foreground is treated the same, dependents first).
 */
export function deleteObject(store: ObjectStore, resource: Resource, namespace: string | undefined, name: string, options: DeleteOptions = {}): DeleteResult {
	const current = store.mustGet(resource, namespace, name);
	checkPreconditions(resource, current, options);
	if (options.dryRun) return {object: current, removed: false};
	if (resource === 'pods') return deletePod(store, current as Pod, options.gracePeriodSeconds);
	const policy = options.propagationPolicy ?? 'Background';
	if (policy === 'Orphan') orphanDependents(store, current);
	else if (policy === 'Foreground') deleteDependents(store, current);
	const removed = store.remove(resource, namespace, name);
	if (policy === 'Background') deleteDependents(store, current);
	if (resource === 'namespaces') deleteNamespaceContents(store, name);
	return {object: removed, removed: true};
}

export function deletePod(store: ObjectStore, pod: Pod, gracePeriodSeconds?: number): DeleteResult {
	const grace = gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
	const {namespace, name} = pod.metadata;
	if (grace <= 0 || !pod.spec?.nodeName || isPodTerminal(pod)) return {object: store.remove('pods', namespace, name!), removed: true};
	const existingGrace = pod.metadata.deletionGracePeriodSeconds;
	// A second delete may only shorten the grace period.
	if (pod.metadata.deletionTimestamp && existingGrace !== undefined && existingGrace <= grace) return {object: pod, removed: false};
	const updated = structuredClone(pod);
	updated.metadata.deletionTimestamp = rfc3339(store.clock.now() + grace * 1000);
	updated.metadata.deletionGracePeriodSeconds = grace;
	return {object: store.replace('pods', updated), removed: false};
}

function checkPreconditions(resource: Resource, current: KubeObject, options: DeleteOptions) {
	const {uid, resourceVersion} = options.preconditions ?? {};
	const group = RESOURCES[resource].group;
	const qualified = group ? `${resource}.${group}` : resource;
	if (uid && uid !== current.metadata.uid) {
		throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${current.metadata.name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`, {name: current.metadata.name, group, kind: resource});
	}
	if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) throw conflict(resource, group, current.metadata.name!);
}

function dependentsOf(store: ObjectStore, owner: KubeObject): Array<{resource: Resource; object: KubeObject}> {
	const out: Array<{resource: Resource; object: KubeObject}> = [];
	for (const resource of Object.keys(RESOURCES) as Resource[]) {
		if (!RESOURCES[resource].namespaced) continue;
		for (const object of store.list(resource, owner.metadata.namespace)) {
			if (object.metadata.ownerReferences?.some(ref => ref.uid === owner.metadata.uid)) out.push({resource, object});
		}
	}
	return out;
}

function deleteDependents(store: ObjectStore, owner: KubeObject) {
	for (const {resource, object} of dependentsOf(store, owner)) {
		// A dependent with another owner that still exists stays (the GC only deletes orphans of this owner).
		const others = (object.metadata.ownerReferences ?? []).filter(ref => ref.uid !== owner.metadata.uid);
		if (others.length > 0) {
			const updated = structuredClone(object);
			updated.metadata.ownerReferences = others;
			store.replace(resource, updated);
			continue;
		}
		if (!store.get(resource, object.metadata.namespace, object.metadata.name!)) continue;
		deleteObject(store, resource, object.metadata.namespace, object.metadata.name!, {propagationPolicy: 'Background'});
	}
}

function orphanDependents(store: ObjectStore, owner: KubeObject) {
	for (const {resource, object} of dependentsOf(store, owner)) {
		const updated = structuredClone(object);
		updated.metadata.ownerReferences = (object.metadata.ownerReferences ?? []).filter(ref => ref.uid !== owner.metadata.uid);
		if (updated.metadata.ownerReferences.length === 0) delete updated.metadata.ownerReferences;
		store.replace(resource, updated);
	}
}

/** The namespace controller's work, done at once: everything in the namespace goes. */
function deleteNamespaceContents(store: ObjectStore, namespace: string) {
	for (const resource of Object.keys(RESOURCES) as Resource[]) {
		if (!RESOURCES[resource].namespaced) continue;
		for (const object of store.list(resource, namespace)) store.remove(resource, namespace, object.metadata.name!);
	}
}

/** The body of a DELETE response for objects removed at once (Status), as the generic registry returns. */
export function deletedStatus(resource: Resource, object: KubeObject) {
	return {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: {name: object.metadata.name, group: RESOURCES[resource].group, kind: resource, uid: object.metadata.uid}};
}
