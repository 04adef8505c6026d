// The STATUS column of `kubectl get pods`, ported from printPod in kubernetes/pkg/printers/internalversion.
import type {Container, ContainerStatus, Pod} from '../../k8s/types.js';

export type PodStatusSummary = {status: string; ready: number; total: number; restarts: number; lastRestartAt?: string};

const isRestartable = (c: Container | undefined) => c?.restartPolicy === 'Always';

/** Pending, ContainerCreating, Running, Terminating, CrashLoopBackOff, Init:0/1, Completed, … */
export function podStatusText(pod: Pod): string {
	return podStatusSummary(pod).status;
}

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
			const podReady = (status.conditions ?? []).some(c => c.type === 'Ready' && c.status === 'True');
			reason = podReady ? 'Running' : 'NotReady';
		}
	}

	const phase = status.phase;
	if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
	else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

	total = Math.max(total, 0);
	return {status: reason, ready, total, restarts, ...(lastRestartAt ? {lastRestartAt} : {})};
}
