// sync() for scaling events and paused Deployments (A.5, A.7), history cleanup (A.14), and the two
// status writers: syncDeploymentStatus (counts only) and syncRolloutStatus (with Progressing).
import type {ReplicaSet} from '../../k8s/types.js';
import {byCreation, desiredReplicasAnnotation, rollbackToAnnotation} from '../../rollout/ownership.js';
import {deepEqual} from '../objects.js';
import {type SyncContext, scaleAndRecord, scaleReplicaSet, writeDeploymentStatus} from './context.js';
import {calculateStatus, rolloutStatus, stuckRequeueMs} from './progress.js';
import {getAllReplicaSetsAndSyncRevision} from './revisions.js';
import {
	activeSets,
	findActiveOrLatest,
	isRollingUpdate,
	isSaturated,
	maxSurge,
	proportion,
	replicasOf,
	revisionOf,
	sumSpec,
} from './util.js';

export function syncScaleOrPaused(ctx: SyncContext, rsList: ReplicaSet[]) {
	const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
	scale(ctx, newRS, oldRSs);
	if (ctx.d.spec.paused && !ctx.d.metadata.annotations?.[rollbackToAnnotation]) cleanupDeployment(ctx, oldRSs);
	const allRSs = newRS ? [...oldRSs, newRS] : oldRSs;
	syncDeploymentStatus(ctx, allRSs, newRS);
}

/** isScalingEvent: an active RS was last sized for a different spec.replicas. */
export function isScalingEvent(ctx: SyncContext, rsList: ReplicaSet[]): boolean {
	const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
	const all = newRS ? [newRS, ...oldRSs] : oldRSs;
	for (const rs of activeSets(all)) {
		const desired = rs.metadata.annotations?.[desiredReplicasAnnotation];
		if (desired === undefined) continue;
		if (Number.parseInt(desired, 10) !== replicasOf(ctx.d)) return true;
	}
	return false;
}

function scale(ctx: SyncContext, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]) {
	const d = ctx.d;
	const target = findActiveOrLatest(newRS, oldRSs);
	if (target) {
		if (target.spec.replicas !== replicasOf(d)) scaleAndRecord(ctx, target, replicasOf(d));
		return;
	}
	if (isSaturated(d, newRS)) {
		for (const rs of activeSets(oldRSs)) scaleAndRecord(ctx, rs, 0);
		return;
	}
	if (!isRollingUpdate(d)) return;
	const all = activeSets(newRS ? [...oldRSs, newRS] : oldRSs);
	const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
	const toAdd = allowed - sumSpec(all);
	let operation: 'up' | 'down' | undefined;
	if (toAdd > 0) {
		all.sort((a, b) => bySize(a, b) || -byCreation(a, b));
		operation = 'up';
	} else if (toAdd < 0) {
		all.sort((a, b) => bySize(a, b) || byCreation(a, b));
		operation = 'down';
	}
	let added = 0;
	const sizes = new Map<string, number>();
	for (const rs of all) {
		const part = toAdd === 0 ? 0 : proportion(rs, d, toAdd, added);
		sizes.set(rs.metadata.name!, (rs.spec.replicas ?? 0) + part);
		added += part;
	}
	for (const [i, rs] of all.entries()) {
		let size = sizes.get(rs.metadata.name!)!;
		if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
		scaleReplicaSet(ctx, rs, size, operation);
	}
}

const bySize = (a: ReplicaSet, b: ReplicaSet) => (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0);
/** cleanupDeployment: delete the oldest fully scaled-down RSs beyond revisionHistoryLimit. */
export function cleanupDeployment(ctx: SyncContext, oldRSs: ReplicaSet[]) {
	const limit = ctx.d.spec.revisionHistoryLimit;
	if (limit === undefined || limit === 2_147_483_647) return;
	const candidates = oldRSs.filter(rs => !rs.metadata.deletionTimestamp);
	const diff = candidates.length - limit;
	if (diff <= 0) return;
	candidates.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
	for (const rs of candidates.slice(0, diff)) {
		const status = rs.status ?? {replicas: 0};
		if (status.replicas !== 0 || (rs.spec.replicas ?? 0) !== 0) continue;
		if ((rs.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
		if ((status.terminatingReplicas ?? 0) !== 0) continue;
		if (ctx.store.get('replicasets', rs.metadata.namespace, rs.metadata.name!)) ctx.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name!);
	}
}

export function syncDeploymentStatus(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined) {
	const status = calculateStatus(allRSs, newRS, ctx.d, ctx.now());
	if (deepEqual(ctx.d.status ?? {}, status)) return;
	writeDeploymentStatus(ctx, status);
}

export function syncRolloutStatus(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined) {
	const status = rolloutStatus(allRSs, newRS, ctx.d, ctx.now());
	if (deepEqual(ctx.d.status ?? {}, status)) {
		const after = stuckRequeueMs(ctx.d, status, ctx.now());
		if (after !== undefined) ctx.requeueAfter(after);
		return;
	}
	writeDeploymentStatus(ctx, status);
}

