// getAllReplicaSetsAndSyncRevision / getNewReplicaSet (A.12, A.13): find the RS whose template
// equals the Deployment's, keep its revision the highest, or create it with a new hash.
import type {Deployment, ReplicaSet} from '../../k8s/types.js';
import {ApiError} from '../status.js';
import {type SyncContext, recordDeployment, writeDeploymentStatus} from './context.js';
import {isControlledBy, revisionAnnotation, templateHashLabel} from '../../rollout/ownership.js';
import {equalIgnoreHash, findNewReplicaSet} from '../../rollout/template-equal.js';
import {computeHash} from './hash.js';
import {ownerReferenceTo} from './labels.js';
import {getCondition, newCondition, setCondition} from './progress.js';
import {hasProgressDeadline, maxRevision, maxSurge, replicasOf, setNewReplicaSetAnnotations, sumSpec} from './util.js';

export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): ReplicaSet[] {
	const newRS = findNewReplicaSet(d, rsList);
	return rsList.filter(rs => rs.metadata.uid !== newRS?.metadata.uid);
}

/** NewRSNewReplicas: how big the new RS may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
	if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicasOf(d);
	const maxTotal = replicasOf(d) + maxSurge(d);
	const current = sumSpec(allRSs);
	const newReplicas = newRS.spec.replicas ?? 0;
	if (current >= maxTotal) return newReplicas;
	return newReplicas + Math.min(maxTotal - current, replicasOf(d) - newReplicas);
}

function setDeploymentRevision(d: Deployment, revision: string): boolean {
	d.metadata.annotations ??= {};
	if (d.metadata.annotations[revisionAnnotation] === revision) return false;
	d.metadata.annotations[revisionAnnotation] = revision;
	return true;
}

export function getAllReplicaSetsAndSyncRevision(ctx: SyncContext, rsList: ReplicaSet[], create: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
	const oldRSs = findOldReplicaSets(ctx.d, rsList);
	return [getNewReplicaSet(ctx, rsList, oldRSs, create), oldRSs];
}

function getNewReplicaSet(ctx: SyncContext, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
	const existing = findNewReplicaSet(ctx.d, rsList);
	const newRevision = maxRevision(oldRSs) + 1;
	if (existing) {
		const copy = structuredClone(existing);
		const annotationsUpdated = setNewReplicaSetAnnotations(ctx.d, copy, newRevision, true);
		const minReadyNeedsUpdate = (copy.spec.minReadySeconds ?? 0) !== (ctx.d.spec.minReadySeconds ?? 0);
		if (annotationsUpdated || minReadyNeedsUpdate) {
			copy.spec.minReadySeconds = ctx.d.spec.minReadySeconds;
			if (!copy.spec.minReadySeconds) delete copy.spec.minReadySeconds;
			return ctx.store.update('replicasets', copy);
		}
		const d = structuredClone(ctx.d);
		let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[revisionAnnotation] ?? '');
		d.status ??= {};
		if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
			setCondition(d.status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${copy.metadata.name}"`, ctx.now()));
			needsUpdate = true;
		}
		if (needsUpdate) {
			ctx.d = d;
			writeDeploymentStatus(ctx, d.status);
		}
		return copy;
	}
	if (!create) return undefined;
	return createNewReplicaSet(ctx, oldRSs, newRevision);
}

function createNewReplicaSet(ctx: SyncContext, oldRSs: ReplicaSet[], newRevision: number): ReplicaSet | undefined {
	const d = structuredClone(ctx.d);
	const hash = computeHash(d.spec.template, d.status?.collisionCount);
	const template = structuredClone(d.spec.template);
	template.metadata ??= {};
	template.metadata.labels = {...template.metadata.labels, [templateHashLabel]: hash};
	const selector = structuredClone(d.spec.selector);
	selector.matchLabels = {...selector.matchLabels, [templateHashLabel]: hash};
	const rs: ReplicaSet = {
		metadata: {
			name: `${d.metadata.name}-${hash}`,
			namespace: d.metadata.namespace,
			labels: {...template.metadata.labels},
			ownerReferences: [ownerReferenceTo(d)],
		},
		spec: {replicas: 0, ...(d.spec.minReadySeconds ? {minReadySeconds: d.spec.minReadySeconds} : {}), selector, template},
		status: {replicas: 0},
	};
	rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
	setNewReplicaSetAnnotations(d, rs, newRevision, false);
	let created: ReplicaSet;
	try {
		created = ctx.store.create('replicasets', rs);
	} catch (error) {
		if (!(error instanceof ApiError) || error.code !== 409) throw error;
		const clash = ctx.store.get<ReplicaSet>('replicasets', d.metadata.namespace, rs.metadata.name!);
		if (clash && isControlledBy(clash, d) && equalIgnoreHash(clash.spec.template, d.spec.template)) return clash;
		// A different template hashed to a taken name: bump collisionCount and retry with a new hash.
		d.status ??= {};
		d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
		ctx.d = d;
		writeDeploymentStatus(ctx, d.status);
		throw error;
	}
	if ((created.spec.replicas ?? 0) > 0) {
		recordDeployment(ctx, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${created.spec.replicas} from 0`);
	}
	let needsUpdate = setDeploymentRevision(d, String(newRevision));
	d.status ??= {};
	if (hasProgressDeadline(d)) {
		setCondition(d.status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, ctx.now()));
		needsUpdate = true;
	}
	if (needsUpdate) {
		ctx.d = d;
		writeDeploymentStatus(ctx, d.status);
	}
	return created;
}
