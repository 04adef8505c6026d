// What one Deployment sync works with: the store, the recorder, the clock, and the Deployment as
// last written (refreshed after every status write, so later writes in the same sync do not conflict).
import type {Deployment, Pod, ReplicaSet} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';
import type {EventRecorder} from './events.js';
import {maxSurge, replicasAnnotationsNeedUpdate, replicasOf, setReplicasAnnotations} from './util.js';

export type SyncContext = {
	store: ObjectStore;
	events: EventRecorder;
	now(): number;
	d: Deployment;
	/** Pods owned by each RS (by RS uid), including terminating ones. */
	podMap: Map<string, Pod[]>;
	requeueAfter(ms: number): void;
};

const SOURCE = {component: 'deployment-controller'};

/**
 * UpdateStatus as the Go controller calls it: the in-memory Deployment keeps its old resourceVersion, so a
 * second status write in the same sync fails with a conflict and the sync is retried from a fresh read.
 * That is why a resumed Deployment goes DeploymentResumed → ReplicaSetUpdated, never NewReplicaSetCreated.
 */
export function writeDeploymentStatus(ctx: SyncContext, status: Deployment['status']) {
	const next = structuredClone(ctx.d);
	next.status = status;
	const written = ctx.store.updateStatus('deployments', next);
	ctx.d = {...written, metadata: {...written.metadata, resourceVersion: ctx.d.metadata.resourceVersion}};
}

/** scaleReplicaSet: writes size and the desired/max-replicas annotations; returns [scaled, rs]. */
export function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number, operation?: 'up' | 'down'): [boolean, ReplicaSet] {
	const d = ctx.d;
	const desired = replicasOf(d);
	const max = desired + maxSurge(d);
	const oldScale = rs.spec.replicas ?? 0;
	const sizeNeedsUpdate = oldScale !== newScale;
	if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return [false, rs];
	const copy = structuredClone(rs);
	copy.spec.replicas = newScale;
	setReplicasAnnotations(copy, desired, max);
	const updated = ctx.store.update('replicasets', copy);
	if (sizeNeedsUpdate) {
		const direction = operation ?? (oldScale < newScale ? 'up' : 'down');
		ctx.events.normal(d, 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`, SOURCE);
	}
	return [sizeNeedsUpdate, updated];
}

/** scaleReplicaSetAndRecordEvent. */
export function scaleAndRecord(ctx: SyncContext, rs: ReplicaSet, newScale: number): [boolean, ReplicaSet] {
	if ((rs.spec.replicas ?? 0) === newScale) return [false, rs];
	return scaleReplicaSet(ctx, rs, newScale);
}

export function recordDeployment(ctx: SyncContext, type: 'Normal' | 'Warning', reason: string, message: string) {
	ctx.events.record(ctx.d, type, reason, message, SOURCE);
}
