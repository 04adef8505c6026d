// What the demo controllers write when they take ownership, and their work-queue keys. Selector
// matching and controller references are read through source/rollout/ownership.ts.
import type {KubeObject, OwnerReference} from '../../k8s/types.js';

export function ownerReferenceTo(owner: KubeObject): OwnerReference {
	return {apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true};
}

export function objectKey(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export function splitKey(key: string): [namespace: string, name: string] {
	const slash = key.indexOf('/');
	return [key.slice(0, slash), key.slice(slash + 1)];
}
