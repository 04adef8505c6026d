// The Pods pane's rows: one per pod of the Deployment, in one documented order (newest revision first,
// terminating last within it, then by name). A pod's row is worked out once per pod version, and the
// sorted rows are patched from frame to frame for the pods that changed (deployment-view.ts).
import type {Pod} from '../k8s/types.js';
import {podReadyText, podRestarts, podStatusText, timeOf} from '../rollout/index.js';
import {windowAround} from './format.js';

export type PodHealth = 'ready' | 'starting' | 'terminating' | 'failed' | 'done';

export type PodRow = {
	name: string;
	revision?: number;
	isNew: boolean;
	status: string;
	health: PodHealth;
	ready: string;
	restarts: number;
	/** Epoch ms, for the AGE cell. */
	createdAt?: number;
};

const failedStatus = /BackOff|Err|Error|Invalid|Failed|OOMKilled|ContainerCannotRun|DeadlineExceeded|Evicted|Unknown|Signal|ExitCode/;

/** The glyph/colour family of kubectl's STATUS text; the text itself is always shown too. */
export function podHealth(status: string, ready: string): PodHealth {
	if (status === 'Terminating') return 'terminating';
	if (status === 'Completed' || status === 'Succeeded') return 'done';
	if (failedStatus.test(status)) return 'failed';
	const [up, total] = ready.split('/');
	return status === 'Running' && up === total ? 'ready' : 'starting';
}

/** What a pod version shows whatever its revision, and the row last made of it (for one revision and mark). */
type PodFacts = Omit<PodRow, 'isNew' | 'revision'> & {owner: string; row: PodRow | undefined};

// The store keeps an unchanged pod's object identity, so what a pod's row says is worked out once per
// pod version, not once per frame for each of thousands of pods (bench: 10,000 pods).
const podFacts = new WeakMap<Pod, PodFacts>();
// Pod names are DNS subdomains ([a-z0-9.-]), which a collator orders as their code units do: comparing
// those needs no collator, whose ICU data took ≈6 ms of every start (the first frame sorts the pods).
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function factsOf(pod: Pod): PodFacts {
	let facts = podFacts.get(pod);
	if (facts) return facts;
	const status = podStatusText(pod);
	const ready = podReadyText(pod);
	const createdAt = timeOf(pod.metadata.creationTimestamp);
	facts = {
		name: pod.metadata.name ?? '', owner: pod.metadata.ownerReferences?.find(reference => reference.controller === true)?.name ?? '',
		status, health: podHealth(status, ready), ready, restarts: podRestarts(pod), ...(createdAt === undefined ? {} : {createdAt}), row: undefined,
	};
	podFacts.set(pod, facts);
	return facts;
}

// The row a pod shows for the revision and "new" mark it has in this frame: rebuilt only when one of
// the three changes, so an unchanged pod keeps its row object from frame to frame. Kept in the pod's
// facts rather than in a second WeakMap, whose table (10,000 pods) grew anew with every pod version.
export function rowOf(pod: Pod, revisionByRs: ReadonlyMap<string, number | undefined>, newRs: string | undefined): PodRow {
	const facts = factsOf(pod);
	const revision = revisionByRs.get(facts.owner);
	const isNew = facts.owner === newRs;
	const cached = facts.row;
	if (cached && cached.revision === revision && cached.isNew === isNew) return cached;
	const {owner: _owner, row: _row, ...shown} = facts;
	const row: PodRow = {...shown, isNew, ...(revision === undefined ? {} : {revision})};
	facts.row = row;
	return row;
}

/** Newest revision first, then terminating last within it, then by name: a stable, scannable order. */
export const rowOrder = (a: PodRow, b: PodRow) => (b.revision ?? -1) - (a.revision ?? -1)
	|| Number(a.health === 'terminating') - Number(b.health === 'terminating')
	|| byName(a.name, b.name);

// Where each row stood in the last full sort. Rows are laid out in it before sorting: between two
// sorts few pods move, and the sort (TimSort) finishes an almost sorted array in about one comparison
// per row instead of n·log n collator calls. A WeakMap updated in place: a new 10,000-entry map per
// sort went straight to the old generation.
const lastIndex = new WeakMap<PodRow, number>();

/** The rows in order, sorted from scratch (after a new revision, or when most pods changed at once). */
export function sortRows(unsorted: Iterable<PodRow>, count: number): PodRow[] {
	const placed: Array<PodRow | undefined> = Array.from({length: count});
	const arrived: PodRow[] = [];
	for (const row of unsorted) {
		const at = lastIndex.get(row);
		if (at === undefined || at >= placed.length || placed[at] !== undefined) arrived.push(row);
		else placed[at] = row;
	}
	const rows = placed.filter(row => row !== undefined);
	for (const row of arrived) rows.push(row);
	rows.sort(rowOrder);
	for (const [index, row] of rows.entries()) lastIndex.set(row, index);
	return rows;
}

/** The first index whose row does not sort before `row`. */
function lowerBound(rows: readonly PodRow[], row: PodRow): number {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (rowOrder(rows[middle]!, row) < 0) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Where `row` stands in sorted `rows`, or -1. */
function indexOfRow(rows: readonly PodRow[], row: PodRow): number {
	let at = lowerBound(rows, row);
	// Rows that compare equal (never for distinct pod names) are told apart by identity.
	while (at < rows.length && rows[at] !== row && rowOrder(rows[at]!, row) === 0) at++;
	return rows[at] === row ? at : rows.indexOf(row);
}

/** Up to this many changed rows, splicing a copy (a native move per row) beats one pass in JavaScript. */
const FEW_CHANGES = 8;

/**
 * Sorted `rows` with `gone` taken out and `arrived` put in their places; a new array, `rows` is left alone.
 * A few changes splice a copy; more are placed in one pass: each change's place in `rows` is found by
 * binary search (k·log n comparisons) and the unchanged rows are copied across between them, so 100
 * changes among 10,000 rows cost ≈ 1,500 comparisons and one copy, not a sort of all 10,000.
 */
export function patchRows(rows: readonly PodRow[], gone: readonly PodRow[], arrived: readonly PodRow[]): PodRow[] {
	if (gone.length + arrived.length <= FEW_CHANGES) {
		const next = rows.slice();
		for (const row of gone) {
			const at = indexOfRow(next, row);
			if (at >= 0) next.splice(at, 1);
		}
		for (const row of arrived) next.splice(lowerBound(next, row), 0, row);
		return next;
	}
	const goneAt: number[] = [];
	for (const row of gone) {
		const at = indexOfRow(rows, row);
		if (at >= 0) goneAt.push(at);
	}
	goneAt.sort((a, b) => a - b);
	const incoming = arrived.slice().sort(rowOrder);
	// Each arrived row goes before the first row of `rows` that does not sort before it.
	const placeAt = incoming.map(row => lowerBound(rows, row));
	const next: PodRow[] = [];
	let g = 0;
	let a = 0;
	for (let index = 0; index < rows.length; index++) {
		while (a < incoming.length && placeAt[a] === index) next.push(incoming[a++]!);
		if (g < goneAt.length && goneAt[g] === index) {
			// The same row twice in `gone` is taken out once.
			while (g < goneAt.length && goneAt[g] === index) g++;
			continue;
		}
		next.push(rows[index]!);
	}
	while (a < incoming.length) next.push(incoming[a++]!);
	return next;
}

/** Case-insensitive match on name, status or "revN"; the rows themselves when there is nothing to match. */
export function filterPods(pods: readonly PodRow[], text: string): readonly PodRow[] {
	const needle = text.trim().toLowerCase();
	if (!needle) return pods;
	return pods.filter(pod => `${pod.name} ${pod.status} rev${pod.revision ?? ''}`.toLowerCase().includes(needle));
}

/** What the Pods pane lists: the rows matching the filter, and the window of them around the selection. */
export function podWindow(pods: readonly PodRow[], filter: string, selected: number, rows: number): {matching: number; start: number; items: PodRow[]} {
	const matching = filterPods(pods, filter);
	return {matching: matching.length, ...windowAround(matching, selected, rows)};
}

/** Two windows list the same rows (the same row objects) at the same place. */
export function sameWindow(a: ReturnType<typeof podWindow>, b: ReturnType<typeof podWindow>): boolean {
	return a.matching === b.matching && a.start === b.start && a.items.length === b.items.length && a.items.every((row, index) => row === b.items[index]);
}
