// Who owns what: the ControllerRef filter kubectl and the controller both apply (A.12), plus the small
// accessors every derivation needs (revision annotation, images, label selectors).
import type {Deployment, KubeObject, LabelSelector, Labels, OwnerReference, Pod, PodTemplateSpec, ReplicaSet} from '../k8s/types.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const changeCauseAnnotation = 'kubernetes.io/change-cause';
export const templateHashLabel = 'pod-template-hash';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const rollbackToAnnotation = 'deprecated.deployment.rollback.to';
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * annotationsToSkip (deployment_util.go, copied by kubectl's rollback): Deployment annotations the
 * controller does not copy onto ReplicaSets and a rollback keeps from the Deployment.
 */
export const annotationsToSkip: readonly string[] = [
	lastAppliedAnnotation,
	revisionAnnotation,
	revisionHistoryAnnotation,
	desiredReplicasAnnotation,
	maxReplicasAnnotation,
	rollbackToAnnotation,
];

/** metav1.GetControllerOf: the first ownerReference with controller: true (validation allows one). */
export function controllerRef(object: KubeObject): OwnerReference | undefined {
	return object.metadata.ownerReferences?.find(reference => reference.controller === true);
}

/** metav1.IsControlledBy: the controller reference carries the owner's uid (an owner without one owns nothing). */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
	const uid = owner.metadata.uid;
	return uid !== undefined && controllerRef(object)?.uid === uid;
}

export function ownedReplicaSets(deployment: Deployment, replicaSets: Iterable<ReplicaSet>): ReplicaSet[] {
	return [...replicaSets].filter(rs => isControlledBy(rs, deployment));
}

export function podsOf(replicaSets: readonly ReplicaSet[], pods: Iterable<Pod>): Pod[] {
	const owners = new Set(replicaSets.map(rs => rs.metadata.uid).filter(uid => uid !== undefined));
	return [...pods].filter(pod => {
		const uid = controllerRef(pod)?.uid;
		return uid !== undefined && owners.has(uid);
	});
}

/** The revision annotation as a number; undefined when absent or not an integer (kubectl skips those). */
export function revisionOf(object: KubeObject | undefined): number | undefined {
	const value = object?.metadata.annotations?.[revisionAnnotation];
	if (value === undefined || !/^\d+$/.test(value)) {
		return undefined;
	}

	return Number(value);
}

export function templateImages(template: PodTemplateSpec | undefined): string[] {
	return (template?.spec.containers ?? []).map(container => container.image ?? '');
}

export function timeOf(value: string | null | undefined): number | undefined {
	if (!value) {
		return undefined;
	}

	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** Oldest first, name as tie-break, as the controller sorts ReplicaSets (ReplicaSetsByCreationTimestamp). */
export function byCreation<T extends KubeObject>(a: T, b: T): number {
	const delta = (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0);
	if (delta !== 0) {
		return delta;
	}

	// Go compares names bytewise; localeCompare would not (it orders "-" and digits differently).
	const [left, right] = [a.metadata.name ?? '', b.metadata.name ?? ''];
	return left < right ? -1 : (left > right ? 1 : 0);
}

/**
 * metav1.LabelSelectorAsSelector(selector).Matches(labels): a missing selector selects nothing, an
 * empty one everything; an unknown operator selects nothing (upstream it is an error). Keys are the
 * labels' own: "constructor" is a valid label key, not something every object has.
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Labels | undefined): boolean {
	if (!selector) {
		return false;
	}

	const own = labels ?? {};
	const has = (key: string) => Object.hasOwn(own, key);
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
		if (!has(key) || own[key] !== value) {
			return false;
		}
	}

	return (selector.matchExpressions ?? []).every(({key, operator, values = []}) => {
		switch (operator) {
			case 'In': {
				return has(key) && values.includes(own[key]!);
			}

			case 'NotIn': {
				return !has(key) || !values.includes(own[key]!);
			}

			case 'Exists': {
				return has(key);
			}

			case 'DoesNotExist': {
				return !has(key);
			}
		}

		return false;
	});
}

export function selectorIsEmpty(selector: LabelSelector | null | undefined): boolean {
	return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** A Service selector is a plain map; an empty one selects nothing (its endpoints are managed by hand). */
export function serviceSelects(selector: Labels | undefined, labels: Labels | undefined): boolean {
	return selector !== undefined && Object.keys(selector).length > 0 && selectorMatches({matchLabels: selector}, labels);
}

/** labels.Selector.String() of a LabelSelector: the query string kubectl sends and the Selector column shows. */
export function labelSelectorString(selector: LabelSelector | null | undefined): string {
	const {matchLabels = {}, matchExpressions = []} = selector ?? {};
	const parts: Array<[string, string]> = Object.entries(matchLabels).map(([key, value]) => [key, `${key}=${value}`]);
	for (const {key, operator, values = []} of matchExpressions) {
		const sorted = [...values].sort().join(',');
		if (operator === 'In') {
			parts.push([key, `${key} in (${sorted})`]);
		} else if (operator === 'NotIn') {
			parts.push([key, `${key} notin (${sorted})`]);
		} else if (operator === 'Exists') {
			parts.push([key, key]);
		} else {
			parts.push([key, `!${key}`]);
		}
	}

	// Requirements are sorted by key, bytewise as Go compares strings.
	return parts
		.sort(([a], [b]) => (a < b ? -1 : (a > b ? 1 : 0)))
		.map(([, text]) => text)
		.join(',');
}

/**
 * Either selector form, for callers holding both kinds. A plain map is read as matchLabels, so an
 * empty map matches everything here: callers that mean a Service check for an empty selector first.
 */
export function matchesSelector(labels: Labels | undefined, selector: LabelSelector | Labels | undefined): boolean {
	if (selector === undefined) {
		return false;
	}

	const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
	return selectorMatches(isLabelSelector ? selector as LabelSelector : {matchLabels: selector as Labels}, labels);
}
