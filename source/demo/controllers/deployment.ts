// The Deployment controller (A.2): reacts to Deployment, ReplicaSet and Pod changes through the
// work queue and runs syncDeployment — one phase per sync, status written only when it changed.
import type {Deployment, Pod, ReplicaSet} from '../../k8s/types.js';
import type {ObjectStore, StoreEvent} from '../objects.js';
import type {EventRecorder} from './events.js';
import type {WorkQueue} from './queue.js';
import {type SyncContext, recordDeployment, writeDeploymentStatus} from './context.js';
import {controllerRef, selectorIsEmpty, selectorMatches} from '../../rollout/ownership.js';
import {objectKey, ownerReferenceTo, splitKey} from './labels.js';
import {getCondition, newCondition, setCondition} from './progress.js';
import {rolloutRecreate} from './recreate.js';
import {getAllReplicaSetsAndSyncRevision} from './revisions.js';
import {rolloutRolling} from './rolling.js';
import {isScalingEvent, syncDeploymentStatus, syncScaleOrPaused} from './sync.js';
import {hasProgressDeadline} from './util.js';

const QUEUE = 'deployment';

export class DeploymentController {
	private readonly enqueue: (key: string) => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly events: EventRecorder,
		private readonly queue: WorkQueue,
	) {
		this.enqueue = queue.register(QUEUE, key => this.sync(key));
		for (const d of store.list<Deployment>('deployments')) this.enqueue(objectKey(d));
	}

	onEvent(event: StoreEvent) {
		const {object} = event;
		const namespace = object.metadata.namespace ?? '';
		if (event.resource === 'deployments') {
			if (event.type !== 'DELETED') this.enqueue(objectKey(object));
		} else if (event.resource === 'replicasets') {
			const owner = controllerRef(object);
			if (owner?.kind === 'Deployment') this.enqueue(`${namespace}/${owner.name}`);
			else if (!owner) for (const d of this.matchingDeployments(namespace, object.metadata.labels)) this.enqueue(objectKey(d));
		} else if (event.resource === 'pods' && event.type === 'DELETED') {
			// Recreate waits for old pods to be gone; their deletion must wake the Deployment.
			const rsRef = controllerRef(object);
			if (rsRef?.kind !== 'ReplicaSet') return;
			const rs = this.store.get<ReplicaSet>('replicasets', namespace, rsRef.name);
			const owner = rs && controllerRef(rs);
			if (owner?.kind === 'Deployment') this.enqueue(`${namespace}/${owner.name}`);
		}
	}

	private matchingDeployments(namespace: string, labels: Record<string, string> | undefined): Deployment[] {
		return this.store.list<Deployment>('deployments', namespace).filter(d => !selectorIsEmpty(d.spec.selector) && selectorMatches(d.spec.selector, labels));
	}

	sync(key: string) {
		const [namespace, name] = splitKey(key);
		const d = this.store.get<Deployment>('deployments', namespace, name);
		if (!d) return;
		const ctx: SyncContext = {
			store: this.store,
			events: this.events,
			now: () => this.store.clock.now(),
			d,
			podMap: new Map(),
			requeueAfter: ms => this.queue.after(QUEUE, key, ms),
		};
		if (selectorIsEmpty(d.spec.selector)) {
			recordDeployment(ctx, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
			if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) writeDeploymentStatus(ctx, {...d.status, observedGeneration: d.metadata.generation});
			return;
		}
		const rsList = this.claimReplicaSets(d);
		// A ReplicaSet whose status does not yet reflect a spec change would make the arithmetic act on stale
		// availability (kube has the same race; its RS expectations make it rare); its status write wakes us.
		if (rsList.some(rs => (rs.status?.observedGeneration ?? 0) < (rs.metadata.generation ?? 0))) return;
		const uids = new Set(rsList.map(rs => rs.metadata.uid!));
		for (const pod of this.store.peek<Pod>('pods', namespace)) {
			const owner = controllerRef(pod);
			if (!owner || !uids.has(owner.uid)) continue;
			const pods = ctx.podMap.get(owner.uid) ?? [];
			pods.push(pod);
			ctx.podMap.set(owner.uid, pods);
		}
		if (d.metadata.deletionTimestamp) {
			const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
			syncDeploymentStatus(ctx, newRS ? [...oldRSs, newRS] : oldRSs, newRS);
			return;
		}
		checkPausedConditions(ctx);
		if (ctx.d.spec.paused || isScalingEvent(ctx, rsList)) {
			syncScaleOrPaused(ctx, rsList);
			return;
		}
		if (ctx.d.spec.strategy?.type === 'Recreate') rolloutRecreate(ctx, rsList);
		else rolloutRolling(ctx, rsList);
	}

	/** RSs controlled by `d`; orphans matching its selector are adopted (ControllerRef), as kube does. */
	private claimReplicaSets(d: Deployment): ReplicaSet[] {
		const owned: ReplicaSet[] = [];
		for (const rs of this.store.list<ReplicaSet>('replicasets', d.metadata.namespace)) {
			const owner = controllerRef(rs);
			if (owner?.uid === d.metadata.uid) owned.push(rs);
			else if (!owner && !rs.metadata.deletionTimestamp && selectorMatches(d.spec.selector, rs.metadata.labels)) {
				rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), ownerReferenceTo(d)];
				owned.push(this.store.replace('replicasets', rs));
			}
		}
		return owned;
	}
}

function checkPausedConditions(ctx: SyncContext) {
	const d = structuredClone(ctx.d);
	if (!hasProgressDeadline(d)) return;
	const condition = getCondition(d.status, 'Progressing');
	if (condition?.reason === 'ProgressDeadlineExceeded') return;
	const pausedExists = condition?.reason === 'DeploymentPaused';
	d.status ??= {};
	if (d.spec.paused && !pausedExists) {
		setCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', ctx.now()));
	} else if (!d.spec.paused && pausedExists) {
		setCondition(d.status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', ctx.now()));
	} else {
		return;
	}
	writeDeploymentStatus(ctx, d.status);
}
