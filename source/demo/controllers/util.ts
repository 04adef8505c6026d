// deployment_util.go, the parts the demo controllers need: budget resolution (A.3), replica
// sums, revisions and the annotations the controller keeps on ReplicaSets (A.11).
import type {Deployment, IntOrString, ReplicaSet} from '../../k8s/types.js';
import {annotationsToSkip, byCreation, desiredReplicasAnnotation, maxReplicasAnnotation, revisionAnnotation, revisionHistoryAnnotation} from '../../rollout/ownership.js';
import {resolveFenceposts, scaledValue} from '../../rollout/budget.js';
import {replicaSetRevision} from '../../rollout/history.js';

const MAX_REVISION_HISTORY_CHARS = 2000;
const MAX_INT32 = 2_147_483_647;

/**
 * The controller's reading of maxSurge/maxUnavailable: "N%" or a count, and an integer string too
 * (Go errors there, but a real API server never stores one and ours does not reject it yet); anything
 * else fails the sync, as ResolveFenceposts' error does.
 */
function scaledOrFail(value: IntOrString | undefined, total: number, roundUp: boolean): number {
	const scaled = scaledValue(value, total, roundUp);
	if (scaled !== undefined) return scaled;
	const number = Number(value);
	if (Number.isInteger(number)) return number;
	throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
}

export const replicasOf = (object: {spec: {replicas?: number}}) => object.spec.replicas ?? 1;
export const isRollingUpdate = (d: Deployment) => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function maxSurge(d: Deployment): number {
	return isRollingUpdate(d) ? resolveFenceposts(d, scaledOrFail)[0] : 0;
}

export function maxUnavailable(d: Deployment): number {
	const replicas = replicasOf(d);
	if (!isRollingUpdate(d) || replicas === 0) return 0;
	return Math.min(resolveFenceposts(d, scaledOrFail)[1], replicas);
}

export function hasProgressDeadline(d: Deployment): boolean {
	const deadline = d.spec.progressDeadlineSeconds;
	return deadline !== undefined && deadline !== MAX_INT32;
}

export const sumSpec = (sets: ReplicaSet[]) => sets.reduce((sum, rs) => sum + (rs.spec.replicas ?? 0), 0);
export const sumStatus = (sets: ReplicaSet[]) => sets.reduce((sum, rs) => sum + (rs.status?.replicas ?? 0), 0);
export const sumReady = (sets: ReplicaSet[]) => sets.reduce((sum, rs) => sum + (rs.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (sets: ReplicaSet[]) => sets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
export const activeSets = (sets: ReplicaSet[]) => sets.filter(rs => (rs.spec.replicas ?? 0) > 0);

/** deploymentutil.Revision as the controller reads it: absent or unparsable counts as 0. */
export const revisionOf = (rs: ReplicaSet) => replicaSetRevision(rs) ?? 0;

export const maxRevision = (sets: ReplicaSet[]) => sets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);

export function skipCopyAnnotation(key: string): boolean {
	return annotationsToSkip.includes(key);
}

/** copyDeploymentAnnotationsToReplicaSet: adds and overwrites, never removes. */
function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
	rs.metadata.annotations ??= {};
	let changed = false;
	for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
		if (skipCopyAnnotation(key) || rs.metadata.annotations[key] === value) continue;
		rs.metadata.annotations[key] = value;
		changed = true;
	}
	return changed;
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
	rs.metadata.annotations ??= {};
	const annotations = rs.metadata.annotations;
	if (annotations[desiredReplicasAnnotation] === String(desired) && annotations[maxReplicasAnnotation] === String(max)) return false;
	annotations[desiredReplicasAnnotation] = String(desired);
	annotations[maxReplicasAnnotation] = String(max);
	return true;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
	const annotations = rs.metadata.annotations ?? {};
	return annotations[desiredReplicasAnnotation] !== String(desired) || annotations[maxReplicasAnnotation] !== String(max);
}

/** SetNewReplicaSetAnnotations: copy annotations, raise the revision, remember the old one (rollback). */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
	let changed = copyAnnotations(d, rs);
	const annotations = rs.metadata.annotations!;
	const oldText = annotations[revisionAnnotation];
	let oldRevision = 0;
	if (oldText !== undefined) {
		oldRevision = Number.parseInt(oldText, 10);
		if (Number.isNaN(oldRevision)) return false;
	}
	if (oldRevision < newRevision) {
		annotations[revisionAnnotation] = String(newRevision);
		changed = true;
		if (oldText !== undefined) {
			const history = annotations[revisionHistoryAnnotation] ? annotations[revisionHistoryAnnotation].split(',') : [];
			history.push(oldText);
			while (history.join(',').length > MAX_REVISION_HISTORY_CHARS) history.shift();
			annotations[revisionHistoryAnnotation] = history.join(',');
		}
	}
	if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
	return changed;
}

/** IsSaturated: the new RS runs the full desired count and all of it is available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
	if (!rs) return false;
	const desired = Number.parseInt(rs.metadata.annotations?.[desiredReplicasAnnotation] ?? '', 10);
	return rs.spec.replicas === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** FindActiveOrLatest: the only active RS, else the newest when none is active, else none. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
	if (!newRS && oldRSs.length === 0) return undefined;
	const sorted = [...oldRSs].sort(byCreation).reverse();
	const all = newRS ? [newRS, ...sorted] : sorted;
	const active = activeSets(all);
	if (active.length === 0) return newRS ?? sorted[0];
	if (active.length === 1) return active[0];
	return undefined;
}

/** GetProportion (A.5). */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
	if ((rs.spec.replicas ?? 0) === 0 || toAdd === 0 || toAdd === added) return 0;
	const fraction = proportionalFraction(rs, d);
	const allowed = toAdd - added;
	return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function proportionalFraction(rs: ReplicaSet, d: Deployment): number {
	const replicas = rs.spec.replicas ?? 0;
	if (replicasOf(d) === 0) return -replicas;
	const deploymentMax = replicasOf(d) + maxSurge(d);
	let annotatedMax = Number.parseInt(rs.metadata.annotations?.[maxReplicasAnnotation] ?? '', 10);
	if (Number.isNaN(annotatedMax)) annotatedMax = d.status?.replicas ?? 0;
	if (annotatedMax === 0) return 0;
	const scaleBase = (replicas * deploymentMax) / annotatedMax;
	// math.Round: halves away from zero.
	const rounded = Math.sign(scaleBase) * Math.round(Math.abs(scaleBase));
	return rounded - replicas;
}
