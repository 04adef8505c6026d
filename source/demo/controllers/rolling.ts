// rolloutRolling (A.4): at most one phase per sync — scale the new RS up, or the old ones down.
import type {ReplicaSet} from '../../k8s/types.js';
import {type SyncContext, scaleAndRecord} from './context.js';
import {deploymentComplete} from './progress.js';
import {newRSNewReplicas, getAllReplicaSetsAndSyncRevision} from './revisions.js';
import {cleanupDeployment, syncRolloutStatus} from './sync.js';
import {byCreation} from '../../rollout/ownership.js';
import {activeSets, maxUnavailable, replicasOf, sumAvailable, sumSpec} from './util.js';

export function rolloutRolling(ctx: SyncContext, rsList: ReplicaSet[]) {
	const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, true);
	if (!newRS) return;
	const allRSs = [...oldRSs, newRS];
	if (reconcileNewReplicaSet(ctx, allRSs, newRS) || reconcileOldReplicaSets(ctx, allRSs, activeSets(oldRSs), newRS)) {
		syncRolloutStatus(ctx, allRSs, newRS);
		return;
	}
	if (ctx.d.status && deploymentComplete(ctx.d, ctx.d.status)) cleanupDeployment(ctx, oldRSs);
	syncRolloutStatus(ctx, allRSs, newRS);
}

function reconcileNewReplicaSet(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
	const replicas = replicasOf(ctx.d);
	const current = newRS.spec.replicas ?? 0;
	if (current === replicas) return false;
	if (current > replicas) return scaleAndRecord(ctx, newRS, replicas)[0];
	return scaleAndRecord(ctx, newRS, newRSNewReplicas(ctx.d, allRSs, newRS))[0];
}

function reconcileOldReplicaSets(ctx: SyncContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
	if (sumSpec(oldRSs) === 0) return false;
	const minAvailable = replicasOf(ctx.d) - maxUnavailable(ctx.d);
	const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
	const maxScaledDown = sumSpec(allRSs) - minAvailable - newUnavailable;
	if (maxScaledDown <= 0) return false;
	const [cleaned, cleanedCount] = cleanupUnhealthyReplicas(ctx, oldRSs, maxScaledDown);
	const scaledDown = scaleDownOldReplicaSets(ctx, [...cleaned, newRS], cleaned, minAvailable);
	return cleanedCount + scaledDown > 0;
}

/** Old RSs with unavailable pods give those up first, so they cannot block the rollout (#16737). */
function cleanupUnhealthyReplicas(ctx: SyncContext, oldRSs: ReplicaSet[], maxCleanup: number): [ReplicaSet[], number] {
	const sorted = [...oldRSs].sort(byCreation);
	let total = 0;
	for (const [i, rs] of sorted.entries()) {
		if (total >= maxCleanup) break;
		const replicas = rs.spec.replicas ?? 0;
		const available = rs.status?.availableReplicas ?? 0;
		if (replicas === 0 || replicas === available) continue;
		const count = Math.min(maxCleanup - total, replicas - available);
		if (count < 0) throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.name} ${replicas} -> ${replicas - count}`);
		sorted[i] = scaleAndRecord(ctx, rs, replicas - count)[1];
		total += count;
	}
	return [sorted, total];
}

function scaleDownOldReplicaSets(ctx: SyncContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], minAvailable: number): number {
	const available = sumAvailable(allRSs);
	if (available <= minAvailable) return 0;
	const budget = available - minAvailable;
	let total = 0;
	for (const rs of [...oldRSs].sort(byCreation)) {
		if (total >= budget) break;
		const replicas = rs.spec.replicas ?? 0;
		if (replicas === 0) continue;
		const count = Math.min(replicas, budget - total);
		scaleAndRecord(ctx, rs, replicas - count);
		total += count;
	}
	return total;
}
