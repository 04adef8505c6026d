// `kubectl rollout undo`: which ReplicaSet it rolls back to, what it says, and the JSON Patch it
// sends (C.2, ported from kubectl's DeploymentRollbacker).
import type {Deployment, PodTemplateSpec, ReplicaSet} from '../k8s/types.js';
import {replicaSetRevision} from './history.js';
import {annotationsToSkip, ownedReplicaSets} from './ownership.js';
import {equalIgnoreHash, withoutHash} from './template-equal.js';

export type UndoTarget =
	| {ok: true; skipped: false; rs: ReplicaSet; revision: number; message: string}
	/** kubectl exits 0 but sends nothing: the template already matches. */
	| {ok: true; skipped: true; rs: ReplicaSet; revision: number; message: string}
	| {ok: false; error: string};

export type JsonPatchOperation = {op: 'replace'; path: string; value: unknown};

const pausedError = 'you cannot rollback a paused deployment; resume it first with \'kubectl rollout resume\' and try again';

/** deploymentRevision: revision N, or (N = 0) the second-highest revision. */
function findRevision(deployment: Deployment, owned: readonly ReplicaSet[], toRevision: number): {rs: ReplicaSet} | {error: string} {
	const notFound = {error: `unable to find specified revision ${toRevision} in history`};
	if (toRevision < 0) {
		return notFound;
	}

	let latest: {rs: ReplicaSet; revision: number} | undefined;
	let previous: {rs: ReplicaSet; revision: number} | undefined;
	for (const rs of owned) {
		const revision = replicaSetRevision(rs);
		if (revision === undefined) {
			continue;
		}

		if (toRevision > 0) {
			if (revision === toRevision) {
				return {rs};
			}
		} else if (latest === undefined || latest.revision < revision) {
			previous = latest;
			latest = {rs, revision};
		} else if (previous === undefined || previous.revision < revision) {
			previous = {rs, revision};
		}
	}

	if (toRevision > 0) {
		return notFound;
	}

	return previous === undefined ? {error: `no rollout history found for deployment "${deployment.metadata.name ?? ''}"`} : {rs: previous.rs};
}

/** What `kubectl rollout undo deployment/NAME [--to-revision=N]` would do now. */
export function undoTarget(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, toRevision = 0): UndoTarget {
	const found = findRevision(deployment, ownedReplicaSets(deployment, replicaSets), toRevision);
	if ('error' in found) {
		return {ok: false, error: found.error};
	}

	if (deployment.spec.paused) {
		return {ok: false, error: pausedError};
	}

	const name = `deployment.apps/${deployment.metadata.name ?? ''}`;
	const revision = replicaSetRevision(found.rs) ?? 0;
	if (equalIgnoreHash(found.rs.spec.template, deployment.spec.template)) {
		// kubectl names the revision the user asked for, so a defaulted undo says "revision 0".
		return {ok: true, skipped: true, rs: found.rs, revision, message: `${name} skipped rollback (current template already matches revision ${toRevision})`};
	}

	return {ok: true, skipped: false, rs: found.rs, revision, message: `${name} rolled back`};
}

function sortedRecord(entries: Array<[string, string]>): Record<string, string> {
	// Go's encoding/json writes map keys sorted; sorting here makes JSON.stringify produce kubectl's bytes.
	return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The body of kubectl's PATCH (Content-Type application/json-patch+json). */
export function undoPatch(deployment: Deployment, target: ReplicaSet): JsonPatchOperation[] {
	const own = deployment.metadata.annotations ?? {};
	const kept = annotationsToSkip.filter(key => key in own).map((key): [string, string] => [key, own[key]!]);
	const fromTarget = Object.entries(target.metadata.annotations ?? {}).filter(([key]) => !annotationsToSkip.includes(key));
	const template: PodTemplateSpec = withoutHash(target.spec.template);
	return [
		{op: 'replace', path: '/spec/template', value: template},
		{op: 'replace', path: '/metadata/annotations', value: sortedRecord([...kept, ...fromTarget])},
	];
}
