// Scheduler + kubelet stand-in for the one demo node, timed like the recordings' stand-in (scaled by
// the clock's speed): bind at once, ContainerCreating after 0.1 s, Running after startup-seconds,
// Ready at once without a probe (initialDelaySeconds, or when the app answers, with one), crash
// loops and image-pull back-off, and graceful termination: Killing, containers stopped after 0.3 s,
// the pod gone after 1 s (or its shorter grace period).
import type {Pod} from '../../k8s/types.js';
import type {TimerHandle} from '../clock.js';
import {rfc3339} from '../clock.js';
import type {ObjectStore, StoreEvent} from '../objects.js';
import type {EventRecorder} from './events.js';
import type {WorkQueue} from './queue.js';
import {objectKey, splitKey} from './labels.js';
import {HOST_IP, NODE_NAME, containerId, goDuration, imageId, orderContainerStatuses, setContainers, setPodCondition, setReadiness, waiting} from './pod-status.js';
import {type PodSettings, parsePodSettings, readinessDelayMs} from './settings.js';

const QUEUE = 'kubelet';
const CREATING_MS = 100;
const STOP_CONTAINERS_MS = 300;
const TERMINATION_MS = 1000;
const CRASH_VISIBLE_MS = 1000;
const CRASH_PERIOD_MS = 5000;
const PULL_ERROR_MS = 2000;
const PULL_PERIOD_MS = 8000;

type Runtime = {uid: string; settings: PodSettings; timer?: TimerHandle; busy: boolean; terminating: boolean; attempt: number; servingAt?: number};

export class Kubelet {
	private readonly pods = new Map<string, Runtime>();
	private readonly pulled = new Set<string>();
	private nextIp = 0;
	private readonly enqueue: (key: string) => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly events: EventRecorder,
		private readonly queue: WorkQueue,
	) {
		this.enqueue = queue.register(QUEUE, key => this.sync(key));
		for (const pod of store.list<Pod>('pods')) this.enqueue(objectKey(pod));
	}

	onEvent(event: StoreEvent) {
		if (event.resource !== 'pods') return;
		const key = objectKey(event.object);
		if (event.type === 'DELETED') this.forget(key);
		else this.enqueue(key);
	}

	/** True once the app inside this pod answers HTTP (app-start-seconds after it started running). */
	isServing(pod: Pod): boolean {
		const runtime = this.pods.get(objectKey(pod));
		return runtime?.servingAt !== undefined && runtime.uid === pod.metadata.uid && this.now() >= runtime.servingAt;
	}

	/** Pods scheduled, starting, becoming ready or terminating (crash loops and pull back-off are steady states). */
	get transitioning(): number {
		let count = 0;
		for (const runtime of this.pods.values()) if (runtime.busy) count++;
		return count;
	}

	stop() {
		for (const key of [...this.pods.keys()]) this.forget(key);
	}

	private now() {
		return this.store.clock.now();
	}

	private sync(key: string) {
		const [namespace, name] = splitKey(key);
		const pod = this.store.get<Pod>('pods', namespace, name);
		if (!pod) return this.forget(key);
		let runtime = this.pods.get(key);
		if (runtime && runtime.uid !== pod.metadata.uid) {
			this.forget(key);
			runtime = undefined;
		}
		if (pod.metadata.deletionTimestamp) {
			if (!runtime?.terminating) this.terminate(key, pod, runtime);
			return;
		}
		if (runtime) return;
		runtime = {uid: pod.metadata.uid!, settings: parsePodSettings(pod.metadata, pod.spec.containers), busy: false, terminating: false, attempt: 0};
		this.pods.set(key, runtime);
		if (!pod.spec.nodeName) this.bind(pod);
		this.schedule(key, CREATING_MS, true, current => this.creating(key, current));
	}

	private bind(pod: Pod) {
		pod.spec.nodeName = NODE_NAME;
		setPodCondition(pod, 'PodScheduled', 'True', this.now());
		const stored = this.store.replace('pods', pod);
		this.events.scheduled(stored, NODE_NAME);
	}

	private creating(key: string, pod: Pod) {
		const now = this.now();
		const runtime = this.pods.get(key)!;
		pod.status = {...pod.status, phase: 'Pending', hostIP: HOST_IP, startTime: pod.status?.startTime ?? rfc3339(now)};
		setPodCondition(pod, 'Initialized', 'True', now);
		setContainers(pod, status => {
			status.state = waiting('ContainerCreating');
		});
		setReadiness(pod, false, now);
		this.write(pod);
		for (const container of pod.spec.containers) {
			if (!this.pulled.has(container.image ?? '') || runtime.settings.failure === 'image-pull') this.kubeletEvent(pod, container.name, 'Normal', 'Pulling', `Pulling image "${container.image}"`);
		}
		const startup = runtime.settings.startupSeconds * 1000;
		if (runtime.settings.failure === 'image-pull') this.schedule(key, startup, false, current => this.pullFailed(key, current));
		else this.schedule(key, startup, true, current => this.start(key, current, startup));
	}

	private start(key: string, pod: Pod, pullMs: number) {
		const now = this.now();
		const runtime = this.pods.get(key)!;
		const crash = runtime.settings.failure === 'crash';
		for (const container of pod.spec.containers) {
			const image = container.image ?? '';
			const message = this.pulled.has(image) || pullMs === 0
				? `Container image "${image}" already present on machine`
				: `Successfully pulled image "${image}" in ${(pullMs / 1000).toFixed(3)}s (${(pullMs / 1000).toFixed(3)}s including waiting)`;
			this.pulled.add(image);
			this.kubeletEvent(pod, container.name, 'Normal', 'Pulled', message);
			this.kubeletEvent(pod, container.name, 'Normal', 'Created', `Created container ${container.name}`);
			this.kubeletEvent(pod, container.name, 'Normal', 'Started', `Started container ${container.name}`);
		}
		pod.status!.phase = 'Running';
		this.assignIp(pod);
		setContainers(pod, (status, name, image) => {
			status.imageID = imageId(image);
			status.containerID = containerId(pod, name, runtime.attempt);
			if (crash) {
				const finished = rfc3339(now + CRASH_VISIBLE_MS);
				status.state = {terminated: {exitCode: 1, reason: 'Error', startedAt: rfc3339(now), finishedAt: finished, containerID: status.containerID}};
				status.started = false;
			} else {
				status.state = {running: {startedAt: rfc3339(now)}};
				status.started = true;
			}
		});
		if (crash) {
			this.write(pod);
			this.schedule(key, CRASH_VISIBLE_MS, false, current => this.backOff(key, current));
			return;
		}
		runtime.servingAt = now + runtime.settings.appStartSeconds * 1000;
		const readyAfter = readinessDelayMs(pod, runtime.settings);
		if (readyAfter === 0) {
			setReadiness(pod, true, now);
			this.write(pod);
			this.settle(key);
		} else {
			this.write(pod);
			this.schedule(key, readyAfter, true, current => {
				setReadiness(current, true, this.now());
				this.write(current);
				this.settle(key);
			});
		}
	}

	private backOff(key: string, pod: Pod) {
		const runtime = this.pods.get(key)!;
		const delay = Math.min(10 * 2 ** runtime.attempt, 300);
		setContainers(pod, (status, name) => {
			status.lastState = {terminated: status.state?.terminated ?? {exitCode: 1, reason: 'Error'}};
			const podName = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
			status.state = waiting('CrashLoopBackOff', `back-off ${goDuration(delay)} restarting failed container=${name} pod=${podName}`);
		});
		this.write(pod);
		for (const container of pod.spec.containers) {
			const podName = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
			this.kubeletEvent(pod, container.name, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${podName}`);
		}
		this.schedule(key, CRASH_PERIOD_MS - CRASH_VISIBLE_MS, false, current => {
			runtime.attempt++;
			setContainers(current, status => {
				status.restartCount++;
			});
			this.start(key, current, 0);
		});
	}

	private pullFailed(key: string, pod: Pod) {
		for (const container of pod.spec.containers) {
			const image = container.image ?? '';
			const detail = `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": manifest unknown`;
			this.kubeletEvent(pod, container.name, 'Warning', 'Failed', `Failed to pull image "${image}": ${detail}`);
			this.kubeletEvent(pod, container.name, 'Warning', 'Failed', 'Error: ErrImagePull');
		}
		setContainers(pod, (status, _name, image) => {
			status.state = waiting('ErrImagePull', `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": manifest unknown`);
		});
		this.write(pod);
		this.schedule(key, PULL_ERROR_MS, false, current => {
			setContainers(current, (status, _name, image) => {
				status.state = waiting('ImagePullBackOff', `Back-off pulling image "${image}"`);
			});
			this.write(current);
			for (const container of current.spec.containers) {
				this.kubeletEvent(current, container.name, 'Normal', 'BackOff', `Back-off pulling image "${container.image}"`);
				this.kubeletEvent(current, container.name, 'Warning', 'Failed', 'Error: ImagePullBackOff');
			}
			this.schedule(key, PULL_PERIOD_MS - PULL_ERROR_MS, false, again => {
				for (const container of again.spec.containers) this.kubeletEvent(again, container.name, 'Normal', 'Pulling', `Pulling image "${container.image}"`);
				this.schedule(key, PULL_ERROR_MS, false, next => this.pullFailed(key, next));
			});
		});
	}

	private terminate(key: string, pod: Pod, existing: Runtime | undefined) {
		const runtime: Runtime = existing ?? {uid: pod.metadata.uid!, settings: parsePodSettings(pod.metadata, pod.spec.containers), busy: false, terminating: true, attempt: 0};
		runtime.terminating = true;
		runtime.servingAt = undefined;
		this.pods.set(key, runtime);
		const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
		if (grace === 0) {
			this.cancel(runtime);
			this.remove(pod);
			return;
		}
		const started = (pod.status?.containerStatuses ?? []).some(status => status.containerID);
		if (started) for (const container of pod.spec.containers) this.kubeletEvent(pod, container.name, 'Normal', 'Killing', `Stopping container ${container.name}`);
		const total = Math.min(TERMINATION_MS, grace);
		this.schedule(key, Math.min(STOP_CONTAINERS_MS, total), true, current => {
			const now = this.now();
			setContainers(current, status => {
				const running = status.state?.running;
				if (running) status.state = {terminated: {exitCode: 0, reason: 'Completed', startedAt: running.startedAt, finishedAt: rfc3339(now), containerID: status.containerID}};
				status.started = false;
			});
			setReadiness(current, false, now);
			this.write(current);
			this.schedule(key, total - Math.min(STOP_CONTAINERS_MS, total), true, last => this.remove(last));
		});
	}

	/** The kubelet's final DELETE with grace 0: a MODIFIED with the grace period at 0, then DELETED. */
	private remove(pod: Pod) {
		const key = objectKey(pod);
		if (pod.metadata.deletionGracePeriodSeconds !== 0) {
			pod.metadata.deletionGracePeriodSeconds = 0;
			pod = this.store.replace('pods', pod);
		}
		this.forget(key);
		if (this.store.get('pods', pod.metadata.namespace, pod.metadata.name!)) this.store.remove('pods', pod.metadata.namespace, pod.metadata.name!);
	}

	private assignIp(pod: Pod) {
		if (pod.status?.podIP) return;
		const n = this.nextIp++;
		const ip = `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
		pod.status = {...pod.status, podIP: ip, podIPs: [{ip}]};
	}

	private write(pod: Pod) {
		orderContainerStatuses(pod);
		this.store.replace('pods', pod);
	}

	private kubeletEvent(pod: Pod, container: string, type: 'Normal' | 'Warning', reason: string, message: string) {
		this.events.record(pod, type, reason, message, {component: 'kubelet', host: NODE_NAME, fieldPath: `spec.containers{${container}}`});
	}

	/** Run `step` on the pod's current object after `ms`, unless the pod changed identity or is gone. */
	private schedule(key: string, ms: number, busy: boolean, step: (pod: Pod) => void) {
		const runtime = this.pods.get(key);
		if (!runtime) return;
		this.cancel(runtime);
		runtime.busy = busy;
		if (busy) this.queue.trackBusy(1);
		runtime.timer = this.store.clock.after(ms, () => {
			runtime.timer = undefined;
			const pod = this.store.get<Pod>('pods', splitKey(key)[0], splitKey(key)[1]);
			const alive = pod && pod.metadata.uid === runtime.uid && this.pods.get(key) === runtime;
			try {
				if (alive && (runtime.terminating || !pod.metadata.deletionTimestamp)) step(pod);
			} finally {
				this.release(runtime);
			}
			this.queue.flush();
		});
	}

	private settle(key: string) {
		const runtime = this.pods.get(key);
		if (runtime && !runtime.timer) this.release(runtime);
	}

	private release(runtime: Runtime) {
		if (runtime.busy && !runtime.timer) {
			runtime.busy = false;
			this.queue.trackBusy(-1);
		}
	}

	private cancel(runtime: Runtime) {
		runtime.timer?.cancel();
		runtime.timer = undefined;
		this.release(runtime);
	}

	private forget(key: string) {
		const runtime = this.pods.get(key);
		if (!runtime) return;
		this.cancel(runtime);
		this.pods.delete(key);
	}
}
