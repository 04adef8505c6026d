// The STATUS / READY / RESTARTS / AGE cells of `kubectl get pods`, ported from the apiserver's Table
// printer (printPod in pkg/printers/internalversion, as the 1.20 servers in our recordings print it)
// and apimachinery's duration.HumanDuration.
import type {ContainerState, Pod} from '../k8s/types.js';

/** The node controller's reason for pods on an unreachable node (NodeUnreachablePodReason). */
const nodeLostReason = 'NodeLost';

function terminatedText(terminated: NonNullable<ContainerState['terminated']>, prefix: string): string {
	if (terminated.reason) {
		return prefix + terminated.reason;
	}

	return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode}`;
}

/** The first init container that has not succeeded decides the status while the pod initialises. */
function initStatus(pod: Pod): string | undefined {
	const statuses = pod.status?.initContainerStatuses ?? [];
	const total = pod.spec.initContainers?.length ?? 0;
	for (const [index, container] of statuses.entries()) {
		const {terminated, waiting} = container.state ?? {};
		if (terminated?.exitCode === 0) {
			continue;
		}

		if (terminated) {
			return terminatedText(terminated, 'Init:');
		}

		if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			return `Init:${waiting.reason}`;
		}

		return `Init:${index}/${total}`;
	}

	return undefined;
}

type ContainerSummary = {reason?: string; ready: number; running: boolean};

/** Containers are read last to first, so the first container's state wins, as in printPod. */
function containerSummary(pod: Pod): ContainerSummary {
	const summary: ContainerSummary = {ready: 0, running: false};
	for (const container of [...pod.status?.containerStatuses ?? []].reverse()) {
		const {waiting, terminated, running} = container.state ?? {};
		if (waiting?.reason) {
			summary.reason = waiting.reason;
		} else if (terminated) {
			summary.reason = terminatedText(terminated, '');
		} else if (container.ready && running) {
			summary.running = true;
			summary.ready++;
		}
	}

	return summary;
}

function hasReadyCondition(pod: Pod): boolean {
	return (pod.status?.conditions ?? []).some(condition => condition.type === 'Ready' && condition.status === 'True');
}

export function podStatusText(pod: Pod): string {
	let reason: string = pod.status?.reason || pod.status?.phase || '';
	const init = initStatus(pod);
	if (init === undefined) {
		const summary = containerSummary(pod);
		reason = summary.reason ?? reason;
		// A finished sidecar must not hide that the pod is still serving.
		if (reason === 'Completed' && summary.running) {
			reason = hasReadyCondition(pod) ? 'Running' : 'NotReady';
		}
	} else {
		reason = init;
	}

	if (pod.metadata.deletionTimestamp) {
		return pod.status?.reason === nodeLostReason ? 'Unknown' : 'Terminating';
	}

	return reason;
}

/** READY: running-and-ready containers out of spec containers, e.g. "1/1". */
export function podReadyText(pod: Pod): string {
	const ready = initStatus(pod) === undefined ? containerSummary(pod).ready : 0;
	return `${ready}/${pod.spec.containers.length}`;
}

/** RESTARTS: init container restarts while initialising, else the sum over app containers. */
export function podRestarts(pod: Pod): number {
	const sum = (statuses: Array<{restartCount: number}> | undefined) => (statuses ?? []).reduce((total, status) => total + status.restartCount, 0);
	return initStatus(pod) === undefined ? sum(pod.status?.containerStatuses) : sum(pod.status?.initContainerStatuses);
}

/** duration.HumanDuration: what kubectl prints in AGE columns. */
export function humanDuration(ms: number): string {
	const seconds = Math.trunc(ms / 1000);
	if (seconds < -1) {
		return '<invalid>';
	}

	if (seconds < 0) {
		return '0s';
	}

	if (seconds < 120) {
		return `${seconds}s`;
	}

	const minutes = Math.trunc(seconds / 60);
	if (minutes < 10) {
		return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
	}

	if (minutes < 180) {
		return `${minutes}m`;
	}

	const hours = Math.trunc(minutes / 60);
	if (hours < 8) {
		return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
	}

	if (hours < 48) {
		return `${hours}h`;
	}

	const days = Math.trunc(hours / 24);
	if (hours < 24 * 8) {
		return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
	}

	if (hours < 24 * 365 * 2) {
		return `${days}d`;
	}

	const years = Math.trunc(days / 365);
	if (hours < 24 * 365 * 8) {
		return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
	}

	return `${years}y`;
}
