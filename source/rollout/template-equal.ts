// Semantic equality of pod templates, as the controller's EqualIgnoreHash and kubectl's equalIgnoreHash
// use it to find "the new ReplicaSet" and to skip a no-op rollback (A.12, C.2).
import type {Deployment, PodTemplateSpec, ReplicaSet} from '../k8s/types.js';
import {byCreation, templateHashLabel} from './ownership.js';

/**
 * nil and empty slices/maps are equal in apimachinery's Semantic.DeepEqual; on the wire, so are "" and
 * null, and so is an object holding only such values (kubectl undo sends `"resources":{}`, which the
 * typed server decodes to the zero struct).
 */
function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === '') {
		return true;
	}

	if (Array.isArray(value)) {
		return value.length === 0;
	}

	return typeof value === 'object' && Object.values(value).every(item => isEmpty(item));
}

function semanticEqual(a: unknown, b: unknown): boolean {
	if (isEmpty(a) && isEmpty(b)) {
		return true;
	}

	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, index) => semanticEqual(item, b[index]));
	}

	if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
		const left = a as Record<string, unknown>;
		const right = b as Record<string, unknown>;
		const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
		return [...keys].every(key => semanticEqual(left[key], right[key]));
	}

	return a === b;
}

/** The template without the pod-template-hash label: what the Deployment's own template looks like. */
export function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
	const labels = template.metadata?.labels;
	if (labels === undefined || !(templateHashLabel in labels)) {
		return template;
	}

	const {[templateHashLabel]: _hash, ...rest} = labels;
	return {...template, metadata: {...template.metadata, labels: rest}};
}

export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
	return semanticEqual(withoutHash(a), withoutHash(b));
}

/** FindNewReplicaSet: the oldest owned ReplicaSet whose template matches the Deployment's. */
export function findNewReplicaSet(deployment: Deployment, owned: readonly ReplicaSet[]): ReplicaSet | undefined {
	return [...owned].sort(byCreation).find(rs => equalIgnoreHash(rs.spec.template, deployment.spec.template));
}
