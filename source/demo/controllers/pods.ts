// Pod facts shared by the controllers (readiness and terminal phase are rollout/pod-status.ts): availability (A.8), graceful deletion, and the
// fields the API server and admission plugins add when a pod is created from a template.
import type {Pod, PodTemplateSpec} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';
import {rfc3339} from '../clock.js';
import {deletePod} from '../api/delete.js';
import {defaultPod} from '../api/defaults.js';
import {isPodTerminal} from '../../rollout/pod-status.js';

export function isActive(pod: Pod): boolean {
	return !pod.metadata.deletionTimestamp && !isPodTerminal(pod);
}

export function readyCondition(pod: Pod) {
	return pod.status?.conditions?.find(condition => condition.type === 'Ready');
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

/** What DELETE does to a pod (the API server's own rule): marked with a grace period, removed later by the kubelet. */
export function deletePodGracefully(store: ObjectStore, pod: Pod) {
	if (pod.metadata.deletionTimestamp) return;
	deletePod(store, pod);
}

/** The pod the API server stores for a template: its defaulting (service account, tolerations, Pending status). */
export function podFromTemplate(template: PodTemplateSpec, namespace: string | undefined, generateName: string): Pod {
	const meta = template.metadata ?? {};
	return defaultPod({
		metadata: {
			generateName,
			namespace,
			...(meta.labels ? {labels: {...meta.labels}} : {}),
			...(meta.annotations ? {annotations: {...meta.annotations}} : {}),
		},
		spec: structuredClone(template.spec) as Pod['spec'],
	});
}

export function timeOf(ms: number): string {
	return rfc3339(ms);
}
