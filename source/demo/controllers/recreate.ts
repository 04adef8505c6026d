// rolloutRecreate (A.6): everything old to 0, wait until no old pod object is left, then the new RS at full size.
import type {ReplicaSet} from '../../k8s/types.js';
import {isPodTerminal} from '../../rollout/pod-status.js';
import {type SyncContext, scaleAndRecord} from './context.js';
import {deploymentComplete} from './progress.js';
import {getAllReplicaSetsAndSyncRevision} from './revisions.js';
import {cleanupDeployment, syncRolloutStatus} from './sync.js';
import {activeSets, replicasOf, sumStatus} from './util.js';

export function rolloutRecreate(ctx: SyncContext, rsList: ReplicaSet[]) {
	let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
	const allRSs = newRS ? [...oldRSs, newRS] : [...oldRSs];
	let scaledDown = false;
	for (const rs of activeSets(oldRSs)) if (scaleAndRecord(ctx, rs, 0)[0]) scaledDown = true;
	if (scaledDown) {
		syncRolloutStatus(ctx, allRSs, newRS);
		return;
	}
	if (oldPodsRunning(ctx, oldRSs)) {
		syncRolloutStatus(ctx, allRSs, newRS);
		return;
	}
	if (!newRS) {
		[newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, rsList, true);
		if (!newRS) return;
		allRSs.push(newRS);
	}
	if (newRS.spec.replicas !== replicasOf(ctx.d)) {
		const [scaled] = scaleAndRecord(ctx, newRS, replicasOf(ctx.d));
		if (scaled) {
			syncRolloutStatus(ctx, allRSs, newRS);
			return;
		}
	}
	if (ctx.d.status && deploymentComplete(ctx.d, ctx.d.status)) cleanupDeployment(ctx, oldRSs);
	syncRolloutStatus(ctx, allRSs, newRS);
}

function oldPodsRunning(ctx: SyncContext, oldRSs: ReplicaSet[]): boolean {
	if (sumStatus(oldRSs) > 0) return true;
	for (const rs of oldRSs) {
		for (const pod of ctx.podMap.get(rs.metadata.uid!) ?? []) {
			if (!isPodTerminal(pod)) return true;
		}
	}
	return false;
}
