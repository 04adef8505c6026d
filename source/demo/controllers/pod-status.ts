// Pod status shapes as a kubelet writes them (see the recordings' pods stream): conditions in
// kubelet order, containerStatuses with docker-style containerID/imageID.
import {createHash} from 'node:crypto';
import type {Condition, ContainerState, ContainerStatus, Pod} from '../../k8s/types.js';
import {rfc3339} from '../clock.js';
import {imageRepository} from './settings.js';

export const NODE_NAME = 'demo-node-1';
export const HOST_IP = '10.254.0.1';
const CONDITION_ORDER = ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function containerId(pod: Pod, container: string, attempt: number): string {
	return `docker://${sha256(`${pod.metadata.uid}/${container}/${attempt}`)}`;
}

export function imageId(image: string): string {
	return `docker-pullable://${imageRepository(image)}@sha256:${sha256(image)}`;
}

/** Set a pod condition; lastTransitionTime moves only when the status flips. */
export function setPodCondition(pod: Pod, type: string, status: Condition['status'], now: number, reason?: string, message?: string) {
	pod.status ??= {};
	const conditions = pod.status.conditions ?? [];
	const current = conditions.find(condition => condition.type === type);
	const next: Condition = {
		type,
		status,
		lastProbeTime: null,
		lastTransitionTime: current && current.status === status ? current.lastTransitionTime : rfc3339(now),
		...(reason ? {reason} : {}),
		...(message ? {message} : {}),
	};
	const others = conditions.filter(condition => condition.type !== type);
	pod.status.conditions = [...others, next].sort((a, b) => rank(a.type) - rank(b.type));
}

function rank(type: string): number {
	const index = CONDITION_ORDER.indexOf(type);
	return index === -1 ? CONDITION_ORDER.length : index;
}

export function setReadiness(pod: Pod, ready: boolean, now: number) {
	const names = pod.spec.containers.map(container => container.name).join(' ');
	const reason = ready ? undefined : 'ContainersNotReady';
	const message = ready ? undefined : `containers with unready status: [${names}]`;
	setPodCondition(pod, 'Ready', ready ? 'True' : 'False', now, reason, message);
	setPodCondition(pod, 'ContainersReady', ready ? 'True' : 'False', now, reason, message);
	for (const status of pod.status?.containerStatuses ?? []) status.ready = ready;
}

/** Rewrite every container's status with `update` (the demo runs all containers of a pod alike). */
export function setContainers(pod: Pod, update: (status: ContainerStatus, name: string, image: string) => void) {
	pod.status ??= {};
	const previous = new Map((pod.status.containerStatuses ?? []).map(status => [status.name, status]));
	pod.status.containerStatuses = pod.spec.containers.map(container => {
		const status: ContainerStatus = previous.get(container.name) ?? {
			name: container.name,
			state: {},
			lastState: {},
			ready: false,
			restartCount: 0,
			image: container.image ?? '',
			imageID: '',
			started: false,
		};
		update(status, container.name, container.image ?? '');
		return status;
	});
}

export function waiting(reason: string, message?: string): ContainerState {
	return {waiting: {reason, ...(message ? {message} : {})}};
}

/** Field order as the kubelet writes a ContainerStatus, so `-o json` reads like a real cluster. */
export function orderContainerStatuses(pod: Pod) {
	if (!pod.status?.containerStatuses) return;
	pod.status.containerStatuses = pod.status.containerStatuses.map(status => ({
		name: status.name,
		state: status.state,
		lastState: status.lastState ?? {},
		ready: status.ready,
		restartCount: status.restartCount,
		image: status.image,
		imageID: status.imageID,
		...(status.containerID ? {containerID: status.containerID} : {}),
		started: status.started,
	}));
}

/** Go's time.Duration String for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	return minutes > 0 ? `${minutes}m${seconds % 60}s` : `${seconds}s`;
}
