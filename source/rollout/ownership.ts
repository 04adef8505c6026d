// Who owns what: the ControllerRef filter kubectl and the controller both apply (A.12), plus the small
// accessors every derivation needs (revision annotation, images, label selectors).
import type {Deployment, KubeObject, LabelSelector, Labels, Pod, PodTemplateSpec, ReplicaSet} from '../k8s/types.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const changeCauseAnnotation = 'kubernetes.io/change-cause';
export const templateHashLabel = 'pod-template-hash';

/** metav1.IsControlledBy: an ownerReference with controller: true and the owner's uid. */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
	const uid = owner.metadata.uid;
	if (uid === undefined) {
		return false;
	}

	return (object.metadata.ownerReferences ?? []).some(reference => reference.controller === true && reference.uid === uid);
}

export function ownedReplicaSets(deployment: Deployment, replicaSets: Iterable<ReplicaSet>): ReplicaSet[] {
	return [...replicaSets].filter(rs => isControlledBy(rs, deployment));
}

export function podsOf(replicaSets: readonly ReplicaSet[], pods: Iterable<Pod>): Pod[] {
	const owners = new Set(replicaSets.map(rs => rs.metadata.uid).filter(uid => uid !== undefined));
	return [...pods].filter(pod => (pod.metadata.ownerReferences ?? []).some(reference => reference.controller === true && owners.has(reference.uid)));
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
	return delta === 0 ? (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '') : delta;
}

export function matchesSelector(labels: Labels | undefined, selector: LabelSelector | Labels | undefined): boolean {
	if (selector === undefined) {
		return false;
	}

	const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
	const matchLabels = (isLabelSelector ? (selector as LabelSelector).matchLabels : selector as Labels) ?? {};
	const expressions = isLabelSelector ? (selector as LabelSelector).matchExpressions ?? [] : [];
	const own = labels ?? {};
	for (const [key, value] of Object.entries(matchLabels)) {
		if (own[key] !== value) {
			return false;
		}
	}

	return expressions.every(({key, operator, values = []}) => {
		switch (operator) {
			case 'In': {
				return key in own && values.includes(own[key]!);
			}

			case 'NotIn': {
				return !(key in own) || !values.includes(own[key]!);
			}

			case 'Exists': {
				return key in own;
			}

			case 'DoesNotExist': {
				return !(key in own);
			}
		}

		return false;
	});
}
