// Deployment status and conditions (A.9, A.10): calculateStatus, syncRolloutStatus's condition
// choice and the requeue that makes ProgressDeadlineExceeded appear on a quiet cluster. Pure.
import type {Condition, Deployment, ReplicaSet} from '../../k8s/types.js';
import {rfc3339} from '../clock.js';
import {hasProgressDeadline, maxUnavailable, replicasOf, sumAvailable, sumReady, sumSpec, sumStatus} from './util.js';

export type DeploymentStatus = NonNullable<Deployment['status']>;

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
	return status?.conditions?.find(condition => condition.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
	const time = rfc3339(now);
	return {type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message};
}

/** SetDeploymentCondition: no-op for the same status and reason; keeps lastTransitionTime for the same status. */
export function setCondition(status: DeploymentStatus, condition: Condition) {
	const current = getCondition(status, condition.type);
	if (current && current.status === condition.status && current.reason === condition.reason) return;
	if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
	status.conditions = [...(status.conditions ?? []).filter(c => c.type !== condition.type), condition];
}

export function removeCondition(status: DeploymentStatus, type: string) {
	const kept = (status.conditions ?? []).filter(condition => condition.type !== type);
	if (kept.length > 0) status.conditions = kept;
	else delete status.conditions;
}

/** calculateStatus. Zero counts are omitted as Go's omitempty does; terminatingReplicas only when every synced RS reports it. */
export function calculateStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
	const available = sumAvailable(allRSs);
	const status: DeploymentStatus = {};
	const set = (key: 'observedGeneration' | 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas', value: number) => {
		if (value !== 0) status[key] = value;
	};
	set('observedGeneration', d.metadata.generation ?? 0);
	set('replicas', sumStatus(allRSs));
	set('updatedReplicas', newRS ? (newRS.status?.replicas ?? 0) : 0);
	set('readyReplicas', sumReady(allRSs));
	set('availableReplicas', available);
	set('unavailableReplicas', Math.max(0, sumSpec(allRSs) - available));
	const terminating = terminatingReplicas(allRSs);
	if (terminating !== undefined) status.terminatingReplicas = terminating;
	if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
	if (d.status?.conditions) status.conditions = structuredClone(d.status.conditions);
	if (available >= replicasOf(d) - maxUnavailable(d)) {
		setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
	} else {
		setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
	}
	return status;
}

function terminatingReplicas(sets: ReplicaSet[]): number | undefined {
	let total = 0;
	for (const rs of sets) {
		const value = rs.status?.terminatingReplicas;
		if (value === undefined) {
			if ((rs.status?.observedGeneration ?? 0) === 0) continue;
			return undefined;
		}
		total += value;
	}
	return total;
}

export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
	const replicas = replicasOf(d);
	return (
		(status.updatedReplicas ?? 0) === replicas &&
		(status.replicas ?? 0) === replicas &&
		(status.availableReplicas ?? 0) === replicas &&
		(status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
	);
}

export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
	const old = d.status ?? {};
	const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
	const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
	return (
		(status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
		newOld < oldOld ||
		(status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
		(status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
	);
}

export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
	if (!hasProgressDeadline(d)) return false;
	const condition = getCondition(status, 'Progressing');
	if (!condition) return false;
	if (condition.reason === 'NewReplicaSetAvailable') return false;
	if (condition.reason === 'ProgressDeadlineExceeded') return true;
	const from = Date.parse(condition.lastUpdateTime ?? '');
	return from + d.spec.progressDeadlineSeconds! * 1000 < now;
}

/** The status syncRolloutStatus would write: calculateStatus plus the Progressing condition. */
export function rolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
	const status = calculateStatus(allRSs, newRS, d, now);
	if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
	const current = getCondition(d.status, 'Progressing');
	const complete = status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
	if (hasProgressDeadline(d) && !complete) {
		const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
		if (deploymentComplete(d, status)) {
			setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', `${subject} has successfully progressed.`, now));
		} else if (deploymentProgressing(d, status)) {
			const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`, now);
			if (current) {
				if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
				removeCondition(status, 'Progressing');
			}
			setCondition(status, condition);
		} else if (deploymentTimedOut(d, status, now)) {
			setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `${subject} has timed out progressing.`, now));
		}
	}
	const failure = replicaFailure(allRSs, newRS);
	if (failure) setCondition(status, failure);
	else removeCondition(status, 'ReplicaFailure');
	return status;
}

function replicaFailure(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Condition | undefined {
	const find = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find(condition => condition.type === 'ReplicaFailure' && condition.status === 'True');
	const found = find(newRS) ?? allRSs.map(rs => find(rs)).find(Boolean);
	if (!found) return undefined;
	return {type: 'ReplicaFailure', status: found.status, lastUpdateTime: found.lastTransitionTime, lastTransitionTime: found.lastTransitionTime, reason: found.reason, message: found.message};
}

/** requeueStuckDeployment: ms until the deadline check is due, or undefined when none is needed. */
export function stuckRequeueMs(d: Deployment, status: DeploymentStatus, now: number): number | undefined {
	const current = getCondition(d.status, 'Progressing');
	if (!hasProgressDeadline(d) || !current) return undefined;
	if (deploymentComplete(d, status) || current.reason === 'ProgressDeadlineExceeded') return undefined;
	const after = Date.parse(current.lastUpdateTime ?? '') + d.spec.progressDeadlineSeconds! * 1000 - now;
	return Math.max(after, 0) + 1000;
}
