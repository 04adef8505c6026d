// Pod facts shared by the controllers: readiness, availability (A.8), graceful deletion, and the
// fields the API server and admission plugins add when a pod is created from a template.
import type {Pod, PodTemplateSpec} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';
import {rfc3339} from '../clock.js';

export const DEFAULT_GRACE_SECONDS = 30;

export function isTerminal(pod: Pod): boolean {
	return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function isActive(pod: Pod): boolean {
	return !pod.metadata.deletionTimestamp && !isTerminal(pod);
}

export function readyCondition(pod: Pod) {
	return pod.status?.conditions?.find(condition => condition.type === 'Ready');
}

export function isReady(pod: Pod): boolean {
	return readyCondition(pod)?.status === 'True';
}

/** Ready for minReadySeconds; returns the ms still to wait when ready but not yet available. */
export function availability(pod: Pod, minReadySeconds: number, now: number): {available: boolean; waitMs?: number} {
	const ready = readyCondition(pod);
	if (ready?.status !== 'True') return {available: false};
	if (minReadySeconds <= 0) return {available: true};
	const since = Date.parse(ready.lastTransitionTime ?? '');
	const due = since + minReadySeconds * 1000;
	if (Number.isNaN(since) || due < now) return {available: true};
	return {available: false, waitMs: due - now + 1};
}

/** What DELETE does to a pod: mark it, leave removal to the kubelet once the containers stopped. */
export function deletePodGracefully(store: ObjectStore, pod: Pod, graceSeconds?: number) {
	if (pod.metadata.deletionTimestamp) return;
	const grace = graceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
	const copy = structuredClone(pod);
	copy.metadata.deletionTimestamp = rfc3339(store.clock.now() + grace * 1000);
	copy.metadata.deletionGracePeriodSeconds = grace;
	store.replace('pods', copy);
}

/** The pod the API server stores for a template: defaulted spec (service account, tolerations), Pending status. */
export function podFromTemplate(template: PodTemplateSpec, namespace: string | undefined, generateName: string): Pod {
	const meta = template.metadata ?? {};
	const spec = structuredClone(template.spec);
	spec.serviceAccountName ??= 'default';
	spec.serviceAccount ??= spec.serviceAccountName;
	spec.tolerations ??= [
		{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
	];
	spec.priority ??= 0;
	spec.enableServiceLinks ??= true;
	spec.preemptionPolicy ??= 'PreemptLowerPriority';
	return {
		metadata: {
			generateName,
			namespace,
			...(meta.labels ? {labels: {...meta.labels}} : {}),
			...(meta.annotations ? {annotations: {...meta.annotations}} : {}),
		},
		spec: spec as Pod['spec'],
		status: {phase: 'Pending', qosClass: qosClass(template)},
	};
}

function qosClass(template: PodTemplateSpec): string {
	const resources = template.spec.containers.map(container => (container.resources ?? {}) as {requests?: object; limits?: object});
	const any = resources.some(r => Object.keys(r.requests ?? {}).length > 0 || Object.keys(r.limits ?? {}).length > 0);
	if (!any) return 'BestEffort';
	const guaranteed = resources.every(r => Object.keys(r.limits ?? {}).length > 0 && JSON.stringify(r.requests ?? r.limits) === JSON.stringify(r.limits));
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function timeOf(ms: number): string {
	return rfc3339(ms);
}
