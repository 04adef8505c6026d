// The one place the UI asks source/rollout about a snapshot. Called once per snapshot version
// (App memoises on it), never per watch event; ages are formatted at render time from a 1 s clock.
import type {Deployment, Pod} from '../k8s/types.js';
import {
	type DeploymentSummary, type RevisionRow, type RolloutProgress, type RolloutStatus, type RolloutWarning, type ServiceTraffic,
	deploymentSummary, matchesSelector, ownedReplicaSets, podReadyText, podRestarts, podStatusText, podsOf, revisionHistory,
	revisionOf, rolloutProgress, rolloutStatus, rolloutWarnings, trafficShare,
} from '../rollout/index.js';
import type {ClusterSnapshot, PodTransition} from '../store/types.js';

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

export type DeploymentView = {
	name: string;
	deployment: Deployment;
	progress: RolloutProgress;
	status: RolloutStatus;
	history: RevisionRow[];
	pods: PodRow[];
	transitions: PodTransition[];
	traffic: ServiceTraffic[];
	warnings: RolloutWarning[];
	/** The `now` the view was derived at (elapsed/ETA move on from here). */
	derivedAt: number;
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

function time(value: string | null | undefined): number | undefined {
	const ms = value ? Date.parse(value) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

type PodFacts = Omit<PodRow, 'isNew' | 'revision'> & {owner: string};

// The store keeps an unchanged pod's object identity, so what a pod's row says is worked out once per
// pod version, not once per frame for each of thousands of pods (bench: 10,000 pods).
const podFacts = new WeakMap<Pod, PodFacts>();
// localeCompare's order at a fraction of its cost (it builds a collator per call).
const byName = new Intl.Collator().compare;

function factsOf(pod: Pod): PodFacts {
	let facts = podFacts.get(pod);
	if (facts) return facts;
	const status = podStatusText(pod);
	const ready = podReadyText(pod);
	const createdAt = time(pod.metadata.creationTimestamp);
	facts = {
		name: pod.metadata.name ?? '', owner: pod.metadata.ownerReferences?.find(reference => reference.controller === true)?.name ?? '',
		status, health: podHealth(status, ready), ready, restarts: podRestarts(pod), ...(createdAt === undefined ? {} : {createdAt}),
	};
	podFacts.set(pod, facts);
	return facts;
}

// The row a pod shows for the revision and "new" mark it has in this frame: rebuilt only when one of
// the three changes, so an unchanged pod keeps its row object from frame to frame.
const podRowCache = new WeakMap<PodFacts, PodRow>();

function rowOf(pod: Pod, revisionByRs: ReadonlyMap<string, number | undefined>, newRs: string | undefined): PodRow {
	const facts = factsOf(pod);
	const revision = revisionByRs.get(facts.owner);
	const isNew = facts.owner === newRs;
	const cached = podRowCache.get(facts);
	if (cached && cached.revision === revision && cached.isNew === isNew) return cached;
	const {owner: _owner, ...shown} = facts;
	const row: PodRow = {...shown, isNew, ...(revision === undefined ? {} : {revision})};
	podRowCache.set(facts, row);
	return row;
}

// Newest revision first, then terminating last within it, then by name: a stable, scannable order.
const rowOrder = (a: PodRow, b: PodRow) => (b.revision ?? -1) - (a.revision ?? -1)
	|| Number(a.health === 'terminating') - Number(b.health === 'terminating')
	|| byName(a.name, b.name);

// Where each row stood in the last frame's order. Rows are laid out in it before sorting: between two
// frames few pods move, and the sort (TimSort) finishes an almost sorted array in about one comparison
// per row instead of n·log n collator calls (10,000 rows were re-sorted from scratch every frame). A
// WeakMap is updated in place: a new 10,000-entry map per frame went straight to the old generation.
const lastIndex = new WeakMap<PodRow, number>();

function podRows(pods: readonly Pod[], revisionByRs: ReadonlyMap<string, number | undefined>, newRs: string | undefined): PodRow[] {
	const placed: Array<PodRow | undefined> = Array.from({length: pods.length});
	const arrived: PodRow[] = [];
	for (const pod of pods) {
		const row = rowOf(pod, revisionByRs, newRs);
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

export function deploymentView(snapshot: ClusterSnapshot, namespace: string, name: string, now: number): DeploymentView | undefined {
	const deployment = snapshot.deployments.get(`${namespace}/${name}`);
	if (!deployment) return undefined;
	const inNamespace = <T extends {metadata: {namespace?: string}}>(objects: Iterable<T>) => [...objects].filter(object => object.metadata.namespace === namespace);
	const replicaSets = inNamespace(snapshot.replicaSets.values());
	const allPods = inNamespace(snapshot.pods.values());
	const owned = ownedReplicaSets(deployment, replicaSets);
	const pods = podsOf(owned, allPods);
	// The derivations below each keep only the Deployment's pods; handing them that set (the same
	// filter) spares each a pass over every pod of the namespace.
	const progress = rolloutProgress(deployment, replicaSets, pods, now);
	const revisionByRs = new Map(owned.map(rs => [rs.metadata.name ?? '', revisionOf(rs)]));
	const prefixes = owned.map(rs => `${rs.metadata.name ?? ''}-`);
	const labels = deployment.spec.template.metadata?.labels;
	const services = inNamespace(snapshot.services.values()).filter(service => service.spec.selector && matchesSelector(labels, service.spec.selector));
	return {
		name,
		deployment,
		progress,
		status: rolloutStatus(deployment),
		history: revisionHistory(deployment, replicaSets, pods),
		pods: podRows(pods, revisionByRs, progress.newReplicaSet?.name),
		transitions: snapshot.transitions.filter(transition => prefixes.some(prefix => transition.pod.startsWith(prefix))),
		traffic: services.length === 0 ? [] : trafficShare({
			services, endpointSlices: inNamespace(snapshot.endpointSlices.values()), pods: allPods, replicaSets, deployments: inNamespace(snapshot.deployments.values()),
		}),
		warnings: rolloutWarnings(deployment, replicaSets, pods, now),
		derivedAt: now,
	};
}

/** The list view: deployments in the namespace (only the targets, when several were named). */
export function deploymentList(snapshot: ClusterSnapshot, namespace: string, targets: readonly string[], now: number): DeploymentSummary[] {
	return [...snapshot.deployments.values()]
		.filter(deployment => deployment.metadata.namespace === namespace && (targets.length === 0 || targets.includes(deployment.metadata.name ?? '')))
		.map(deployment => deploymentSummary(deployment, now))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Lines the Traffic pane wants: a row per version, a title per service when several, the prober's line. */
export function trafficLines(traffic: readonly ServiceTraffic[], probe: boolean): number {
	if (traffic.length === 0) return 0;
	const groups = traffic.reduce((total, service) => total + service.groups.length, 0);
	return groups + (traffic.length > 1 ? traffic.length : 0) + (probe ? 1 : 0);
}
