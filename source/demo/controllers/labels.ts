// Label selectors and controller references: how controllers decide which objects are theirs.
import type {KubeObject, LabelSelector, Labels, OwnerReference} from '../../k8s/types.js';

export function selectorMatches(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
	if (!selector) return false;
	const have = labels ?? {};
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
	for (const requirement of selector.matchExpressions ?? []) {
		const value = have[requirement.key];
		const values = requirement.values ?? [];
		switch (requirement.operator) {
			case 'In':
				if (value === undefined || !values.includes(value)) return false;
				break;
			case 'NotIn':
				if (value !== undefined && values.includes(value)) return false;
				break;
			case 'Exists':
				if (value === undefined) return false;
				break;
			case 'DoesNotExist':
				if (value !== undefined) return false;
				break;
		}
	}
	return true;
}

export function selectorIsEmpty(selector: LabelSelector | undefined): boolean {
	return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** A Service selector is a plain map; an empty one selects nothing (endpoints are then managed by hand). */
export function mapSelects(selector: Labels | undefined, labels: Labels | undefined): boolean {
	if (!selector || Object.keys(selector).length === 0) return false;
	return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

export function controllerRef(object: KubeObject): OwnerReference | undefined {
	return object.metadata.ownerReferences?.find(reference => reference.controller);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
	return controllerRef(object)?.uid === owner.metadata.uid;
}

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
