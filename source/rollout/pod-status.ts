// The STATUS / READY / RESTARTS / AGE cells of `kubectl get pods`, ported from the apiserver's Table
// printer (printPod in pkg/printers/internalversion, as current servers print it: sidecar init
// containers, SchedulingGated, no Terminating for finished pods) and apimachinery's
// duration.HumanDuration. The demo API's pod table and the monitor both read pods through here.
import type {Container, ContainerStatus, Pod} from '../k8s/types.js';

export type PodStatusSummary = {status: string; ready: number; total: number; restarts: number; lastRestartAt?: string};

const isRestartable = (c: Container | undefined) => c?.restartPolicy === 'Always';

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
	return (pod.status?.conditions ?? []).some(condition => condition.type === 'Ready' && condition.status === 'True');
}

/** podutil.IsPodPhaseTerminal: Succeeded or Failed; such a pod never runs again. */
export function isPodTerminal(pod: Pod): boolean {
	return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** printPod's cells in one pass: STATUS, READY (ready/total), RESTARTS and when the last restart ended. */
export function podStatusSummary(pod: Pod): PodStatusSummary {
	const status = pod.status ?? {};
	const initSpecs = pod.spec?.initContainers ?? [];
	let total = (pod.spec?.containers ?? []).length + initSpecs.filter(isRestartable).length;
	let ready = 0;
	let restarts = 0;
	let sidecarRestarts = 0;
	let lastRestartAt: string | undefined;
	let sidecarLastRestartAt: string | undefined;
	const later = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);

	let reason: string = status.reason || status.phase || '';
	for (const condition of status.conditions ?? []) {
		if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
	}

	let initializing = false;
	const initStatuses = status.initContainerStatuses ?? [];
	for (let i = 0; i < initStatuses.length; i++) {
		const c = initStatuses[i]!;
		const spec = initSpecs.find(s => s.name === c.name);
		restarts += c.restartCount ?? 0;
		lastRestartAt = later(lastRestartAt, c.lastState?.terminated?.finishedAt);
		if (isRestartable(spec)) {
			sidecarRestarts += c.restartCount ?? 0;
			sidecarLastRestartAt = later(sidecarLastRestartAt, c.lastState?.terminated?.finishedAt);
		}
		const terminated = c.state?.terminated;
		const waiting = c.state?.waiting;
		if (terminated && terminated.exitCode === 0) continue;
		if (isRestartable(spec) && c.started) {
			if (c.ready) ready++;
			continue;
		}
		if (terminated) {
			reason = terminated.reason ? `Init:${terminated.reason}` : terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
		} else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${i}/${initSpecs.length}`;
		}
		initializing = true;
		break;
	}

	const initialized = (status.conditions ?? []).some(c => c.type === 'Initialized' && c.status === 'True');
	if (!initializing || initialized) {
		restarts = sidecarRestarts;
		lastRestartAt = sidecarLastRestartAt;
		let hasRunning = false;
		const statuses: ContainerStatus[] = status.containerStatuses ?? [];
		for (let i = statuses.length - 1; i >= 0; i--) {
			const c = statuses[i]!;
			restarts += c.restartCount ?? 0;
			lastRestartAt = later(lastRestartAt, c.lastState?.terminated?.finishedAt);
			const waiting = c.state?.waiting;
			const terminated = c.state?.terminated;
			if (waiting?.reason) reason = waiting.reason;
			else if (terminated?.reason) reason = terminated.reason;
			else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
			else if (c.ready && c.state?.running) {
				hasRunning = true;
				ready++;
			}
		}
		if (reason === 'Completed' && hasRunning) {
			reason = isPodReady(pod) ? 'Running' : 'NotReady';
		}
	}

	if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
	else if (pod.metadata.deletionTimestamp && !isPodTerminal(pod)) reason = 'Terminating';

	total = Math.max(total, 0);
	return {status: reason, ready, total, restarts, ...(lastRestartAt ? {lastRestartAt} : {})};
}

/** Pending, ContainerCreating, Running, Terminating, CrashLoopBackOff, Init:0/1, Completed, … */
export function podStatusText(pod: Pod): string {
	return podStatusSummary(pod).status;
}

/** READY: ready containers (sidecars included) out of app containers plus sidecars, e.g. "1/1". */
export function podReadyText(pod: Pod): string {
	const {ready, total} = podStatusSummary(pod);
	return `${ready}/${total}`;
}

/** RESTARTS: init container restarts while initialising, else sidecar and app container restarts. */
export function podRestarts(pod: Pod): number {
	return podStatusSummary(pod).restarts;
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
