// The ReplicaSet controller (A.15): create pods (generateName, ControllerRef), delete the least
// healthy first, and report replicas / ready / available / terminating in status.
import type {Pod, ReplicaSet} from '../../k8s/types.js';
import {deepEqual, type ObjectStore, type StoreEvent} from '../objects.js';
import type {EventRecorder} from './events.js';
import type {WorkQueue} from './queue.js';
import {controllerRef} from '../../rollout/ownership.js';
import {objectKey, ownerReferenceTo, splitKey} from './labels.js';
import {isPodReady, isPodTerminal} from '../../rollout/pod-status.js';
import {availability, deletePodGracefully, isActive, podFromTemplate, readyCondition} from './pods.js';

const QUEUE = 'replicaset';
const SOURCE = {component: 'replicaset-controller'};
const BURST = 500;

export class ReplicaSetController {
	private readonly enqueue: (key: string) => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly events: EventRecorder,
		private readonly queue: WorkQueue,
	) {
		this.enqueue = queue.register(QUEUE, key => this.sync(key));
		for (const rs of store.list<ReplicaSet>('replicasets')) this.enqueue(objectKey(rs));
	}

	onEvent(event: StoreEvent) {
		if (event.resource === 'replicasets') {
			if (event.type !== 'DELETED') this.enqueue(objectKey(event.object));
		} else if (event.resource === 'pods') {
			const owner = controllerRef(event.object);
			if (owner?.kind === 'ReplicaSet') this.enqueue(`${event.object.metadata.namespace}/${owner.name}`);
		}
	}

	sync(key: string) {
		const [namespace, name] = splitKey(key);
		const rs = this.store.get<ReplicaSet>('replicasets', namespace, name);
		if (!rs) return;
		let pods = this.store.peek<Pod>('pods', namespace).filter(pod => controllerRef(pod)?.uid === rs.metadata.uid);
		if (!rs.metadata.deletionTimestamp) pods = this.manage(rs, pods);
		this.updateStatus(rs, pods);
	}

	private manage(rs: ReplicaSet, pods: Pod[]): Pod[] {
		const active = pods.filter(pod => isActive(pod));
		const diff = active.length - (rs.spec.replicas ?? 1);
		if (diff < 0) {
			const created: Pod[] = [];
			for (let i = 0; i < Math.min(-diff, BURST); i++) {
				const pod = podFromTemplate(rs.spec.template, rs.metadata.namespace, `${rs.metadata.name}-`);
				pod.metadata.ownerReferences = [ownerReferenceTo(rs)];
				const stored = this.store.create('pods', pod);
				this.events.normal(rs, 'SuccessfulCreate', `Created pod: ${stored.metadata.name}`, SOURCE);
				created.push(stored);
			}
			return [...pods, ...created];
		}
		if (diff > 0) {
			const now = this.store.clock.now();
			const victims = new Set(active.sort((a, b) => deletionRank(a, b, now)).slice(0, diff).map(pod => pod.metadata.uid));
			return pods.map(pod => {
				if (!victims.has(pod.metadata.uid)) return pod;
				deletePodGracefully(this.store, pod);
				this.events.normal(rs, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
				return this.store.get<Pod>('pods', pod.metadata.namespace, pod.metadata.name!) ?? pod;
			});
		}
		return pods;
	}

	private updateStatus(rs: ReplicaSet, pods: Pod[]) {
		const now = this.store.clock.now();
		const minReady = rs.spec.minReadySeconds ?? 0;
		const active = pods.filter(pod => isActive(pod));
		const templateLabels = rs.spec.template.metadata?.labels ?? {};
		let available = 0;
		let nextCheck: number | undefined;
		for (const pod of active) {
			const result = availability(pod, minReady, now);
			if (result.available) available++;
			else if (result.waitMs !== undefined) nextCheck = Math.min(nextCheck ?? Number.POSITIVE_INFINITY, result.waitMs);
		}
		const status: NonNullable<ReplicaSet['status']> = {replicas: active.length};
		const fullyLabeled = active.filter(pod => Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v)).length;
		const ready = active.filter(pod => isPodReady(pod)).length;
		if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
		if (ready) status.readyReplicas = ready;
		if (available) status.availableReplicas = available;
		if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
		status.terminatingReplicas = pods.filter(pod => pod.metadata.deletionTimestamp && !isPodTerminal(pod)).length;
		if (rs.status?.conditions) status.conditions = rs.status.conditions;
		if (!deepEqual(rs.status ?? {}, status)) this.store.updateStatus('replicasets', {...rs, status});
		// Availability rises with time alone: look again when the next pod has been ready long enough (A.8).
		if (nextCheck !== undefined) this.queue.after(QUEUE, objectKey(rs), nextCheck, true);
	}
}

const PHASE_RANK: Record<string, number> = {Pending: 0, Unknown: 1, Running: 2};

/** ActivePodsWithRanks ordering: the pod to delete first sorts first. */
function deletionRank(a: Pod, b: Pod, now: number): number {
	const scheduled = (pod: Pod) => (pod.spec.nodeName ? 1 : 0);
	if (scheduled(a) !== scheduled(b)) return scheduled(a) - scheduled(b);
	const phase = (pod: Pod) => PHASE_RANK[pod.status?.phase ?? 'Pending'] ?? 0;
	if (phase(a) !== phase(b)) return phase(a) - phase(b);
	if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
	const cost = (pod: Pod) => Number(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
	if (cost(a) !== cost(b)) return cost(a) - cost(b);
	if (isPodReady(a) && isPodReady(b)) {
		const bucket = (pod: Pod) => Math.floor(Math.log2(Math.max(1, (now - Date.parse(readyCondition(pod)?.lastTransitionTime ?? '')) / 1000)));
		if (bucket(a) !== bucket(b)) return bucket(a) - bucket(b);
	}
	const restarts = (pod: Pod) => (pod.status?.containerStatuses ?? []).reduce((sum, status) => sum + status.restartCount, 0);
	if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
	const created = (pod: Pod) => pod.metadata.creationTimestamp ?? '';
	if (created(a) !== created(b)) return created(a) < created(b) ? 1 : -1;
	return 0;
}
