// Revision history and rollback target selection, as `kubectl rollout history` and `kubectl rollout
// undo` compute them (C.1, C.2): only ReplicaSets the Deployment controls, keyed by their revision.
import type {Deployment, Pod, ReplicaSet} from '../k8s/types.js';
import {changeCauseAnnotation, ownedReplicaSets, revisionAnnotation, templateImages} from './ownership.js';
import {type PodTally, tallyOf} from './pod-tally.js';
import {findNewReplicaSet} from './template-equal.js';

export type RevisionRow = {
	revision: number;
	/** The ReplicaSet's name. */
	name: string;
	images: string[];
	/** Pods of this ReplicaSet that are not terminating and are Ready. */
	readyPods: number;
	/** Pods of this ReplicaSet that are not terminating. */
	pods: number;
	/** The ReplicaSet's spec.replicas. */
	desired: number;
	changeCause?: string;
	createdAt?: string;
	/** The ReplicaSet whose template the Deployment runs now. */
	current: boolean;
};

/**
 * deploymentutil.Revision: a missing annotation is revision 0; an unparsable one is skipped
 * (kubectl warns and leaves it out).
 */
export function replicaSetRevision(rs: ReplicaSet): number | undefined {
	const value = rs.metadata.annotations?.[revisionAnnotation];
	if (value === undefined) {
		return 0;
	}

	// strconv.ParseInt: an optional sign, digits, nothing else (no surrounding spaces).
	return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** One row per revision, newest first. */
export function revisionHistory(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, pods: Iterable<Pod>): RevisionRow[] {
	return revisionHistoryFrom(deployment, ownedReplicaSets(deployment, replicaSets), tallyOf(pods));
}

/** revisionHistory from the Deployment's own ReplicaSets and a tally of (at least) their pods. */
export function revisionHistoryFrom(deployment: Deployment, owned: readonly ReplicaSet[], tally: PodTally): RevisionRow[] {
	const current = findNewReplicaSet(deployment, owned);
	const rows: RevisionRow[] = [];
	for (const rs of owned) {
		const revision = replicaSetRevision(rs);
		if (revision === undefined) {
			continue;
		}

		const count = (rs.metadata.uid === undefined ? undefined : tally.get(rs.metadata.uid)) ?? {live: 0, ready: 0};
		const changeCause = rs.metadata.annotations?.[changeCauseAnnotation];
		rows.push({
			revision,
			name: rs.metadata.name ?? '',
			images: templateImages(rs.spec.template),
			readyPods: count.ready,
			pods: count.live,
			desired: rs.spec.replicas ?? 0,
			...(changeCause ? {changeCause} : {}),
			...(rs.metadata.creationTimestamp ? {createdAt: rs.metadata.creationTimestamp} : {}),
			current: rs === current,
		});
	}

	return rows.sort((a, b) => b.revision - a.revision);
}

/**
 * Go's text/tabwriter as kubectl configures it (minwidth 0, padding 2, spaces): every cell but the
 * last on a line is padded to its column's widest cell plus two.
 */
export function tabbed(lines: ReadonlyArray<readonly string[]>): string[] {
	const widths: number[] = [];
	for (const cells of lines) {
		for (const [index, cell] of cells.slice(0, -1).entries()) {
			widths[index] = Math.max(widths[index] ?? 0, [...cell].length);
		}
	}

	return lines.map(cells => cells.map((cell, index) => index < cells.length - 1 ? cell.padEnd(widths[index]! + 2 + cell.length - [...cell].length) : cell).join(''));
}

/**
 * The exact stdout of `kubectl rollout history deployment/NAME`: the name printer's
 * `deployment.apps/NAME <operation>` where the operation is "\n" plus the table, hence the trailing
 * space on the first line and the blank line at the end.
 */
export function historyText(deploymentName: string, rows: readonly RevisionRow[]): string {
	const header = `deployment.apps/${deploymentName} \n`;
	if (rows.length === 0) {
		return `${header}No rollout history found.\n`;
	}

	const sorted = [...rows].sort((a, b) => a.revision - b.revision);
	const table = tabbed([['REVISION', 'CHANGE-CAUSE'], ...sorted.map(row => [String(row.revision), row.changeCause || '<none>'])]);
	return `${header}${table.join('\n')}\n\n`;
}
