// The deployment screen's data, derived frame after frame with work proportional to what changed: the
// pods that differ from the last frame's snapshot update a tally (counts, failing pods) and patch the
// sorted pod rows; ReplicaSets, the Deployment and the transition log are small and read whole. A
// frame where nothing the view shows changed returns the last view itself, so React and Ink skip it.
// deploymentView() is the same derivation from scratch (tests, one-off callers).
import type {Deployment, Pod, ReplicaSet} from '../k8s/types.js';
import {
	type PodTally, type RevisionRow, type RolloutProgress, type RolloutStatus, type RolloutWarning, type ServiceTraffic,
	eventWarning, findNewReplicaSet, matchesSelector, ownedReplicaSets, revisionHistoryFrom, revisionOf, rolloutProgressFrom, rolloutStatus,
	rolloutWarningsFrom, tallyAdd, tallyRemove, trafficShare,
} from '../rollout/index.js';
import {forEachChange} from '../store/map-diff.js';
import type {ClusterSnapshot, ObjectMap, PodTransition} from '../store/types.js';
import {type PodRow, patchRows, rowOf, sortRows} from './pod-rows.js';
import {sameProgress, sameValue} from './same-view.js';

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

export type DeploymentDeriver = {
	/** The view of `namespace/name` in `snapshot`; the previous view object when nothing it shows changed. */
	derive(snapshot: ClusterSnapshot, namespace: string, name: string, now: number): DeploymentView | undefined;
};

const inNamespace = <T extends {metadata: {namespace?: string}}>(objects: Iterable<T>, namespace: string) => {
	const kept: T[] = [];
	for (const object of objects) if (object.metadata.namespace === namespace) kept.push(object);
	return kept;
};

const controllerUid = (pod: Pod) => pod.metadata.ownerReferences?.find(reference => reference.controller === true)?.uid;

// What traffic reads of a pod besides its identity: a status-only change (the common one) leaves the
// traffic split as it was — readiness reaches it through the EndpointSlices.
const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
	if (a === b) return true;
	const keys = Object.keys(a ?? {});
	return keys.length === Object.keys(b ?? {}).length && keys.every(key => a?.[key] === b?.[key]);
};
const sameForTraffic = (a: Pod, b: Pod) => a.metadata.uid === b.metadata.uid && a.metadata.creationTimestamp === b.metadata.creationTimestamp
	&& controllerUid(a) === controllerUid(b) && sameLabels(a.metadata.labels, b.metadata.labels);

const noTraffic: ServiceTraffic[] = [];

/**
 * The cluster's newest Warning event about the rollout, if any, with the rollout's own warnings. It goes
 * first: the pane sorts by level only, and what just went wrong matters more than settings advice
 * ("No readiness probe") of the same level when the rows run out.
 */
const withEventWarning = (warnings: RolloutWarning[], event: RolloutWarning | undefined) => (event ? [event, ...warnings] : warnings);

/** When most rows changed at once (more than this share of them), one sort is cheaper than a patch. */
const PATCH_SHARE = 0.5;

export function createDeploymentDeriver(): DeploymentDeriver {
	// The pods the tally and rows reflect, and for which namespace.
	let namespace: string | undefined;
	let pods: ObjectMap<Pod> | undefined;
	let tally: PodTally = new Map();
	// Rows: per pod key, and in order; rebuilt when the revisions or the new ReplicaSet change.
	let rowContext: string | undefined;
	let ownedUids = new Set<string>();
	let rowByKey = new Map<string, PodRow>();
	let rows: PodRow[] = [];
	// Bumped when a pod changed in a way traffic reads (see sameForTraffic).
	let podsForTraffic = 0;
	let traffic: {inputs: unknown[]; result: ServiceTraffic[]} | undefined;
	let transitions: {from: readonly PodTransition[]; prefixes: string; result: PodTransition[]} | undefined;
	let last: DeploymentView | undefined;

	// The pods that changed since the last derive, for the rows. visitPod is made once, not per derive:
	// forEachChange calls it for every changed pod, and a new closure each frame had V8 deoptimise and
	// recompile forEachChange (with this inlined) again and again during a rollout.
	let changed: Array<readonly [string, Pod | undefined]> = [];
	const visitPod = (key: string, was: Pod | undefined, pod: Pod | undefined) => {
		const wasHere = was?.metadata.namespace === namespace;
		const isHere = pod?.metadata.namespace === namespace;
		if (!wasHere && !isHere) return;
		if (wasHere) tallyRemove(tally, key, was!);
		if (isHere) tallyAdd(tally, key, pod!);
		changed.push([key, isHere ? pod : undefined]);
		if (!(wasHere && isHere && sameForTraffic(was!, pod!))) podsForTraffic++;
	};

	const rebuildTally = (snapshot: ClusterSnapshot) => {
		tally = new Map();
		for (const [key, pod] of snapshot.pods) if (pod.metadata.namespace === namespace) tallyAdd(tally, key, pod);
	};

	const rebuildRows = (revisionByRs: ReadonlyMap<string, number | undefined>, newRs: string | undefined) => {
		rowByKey = new Map();
		for (const uid of ownedUids) {
			for (const [key, pod] of tally.get(uid)?.pods ?? []) rowByKey.set(key, rowOf(pod, revisionByRs, newRs));
		}
		rows = sortRows(rowByKey.values(), rowByKey.size);
	};

	const patch = (changed: ReadonlyArray<readonly [string, Pod | undefined]>, revisionByRs: ReadonlyMap<string, number | undefined>, newRs: string | undefined) => {
		const gone: PodRow[] = [];
		const arrived: PodRow[] = [];
		for (const [key, pod] of changed) {
			const before = rowByKey.get(key);
			const uid = pod === undefined ? undefined : controllerUid(pod);
			const after = pod !== undefined && uid !== undefined && ownedUids.has(uid) ? rowOf(pod, revisionByRs, newRs) : undefined;
			if (before === after) continue;
			if (before) gone.push(before);
			if (after) arrived.push(after);
			if (after) rowByKey.set(key, after);
			else rowByKey.delete(key);
		}
		if (gone.length === 0 && arrived.length === 0) return;
		rows = gone.length + arrived.length > PATCH_SHARE * rows.length ? sortRows(rowByKey.values(), rowByKey.size) : patchRows(rows, gone, arrived);
	};

	const filteredTransitions = (all: readonly PodTransition[], owned: readonly ReplicaSet[]) => {
		const prefixList = owned.map(rs => `${rs.metadata.name ?? ''}-`);
		const prefixes = prefixList.join('\n');
		if (transitions?.from !== all || transitions.prefixes !== prefixes) {
			transitions = {from: all, prefixes, result: all.filter(transition => prefixList.some(prefix => transition.pod.startsWith(prefix)))};
		}
		return transitions.result;
	};

	const trafficOf = (snapshot: ClusterSnapshot, deployment: Deployment, replicaSets: ReplicaSet[]) => {
		const labels = deployment.spec.template.metadata?.labels;
		const services = inNamespace(snapshot.services.values(), namespace!).filter(service => service.spec.selector && matchesSelector(labels, service.spec.selector));
		if (services.length === 0) return noTraffic;
		const inputs = [snapshot.services, snapshot.endpointSlices, snapshot.replicaSets, snapshot.deployments, podsForTraffic, labels];
		if (!traffic || inputs.some((input, index) => input !== traffic!.inputs[index])) {
			traffic = {inputs, result: trafficShare({
				services, endpointSlices: inNamespace(snapshot.endpointSlices.values(), namespace!), pods: inNamespace(snapshot.pods.values(), namespace!),
				replicaSets, deployments: inNamespace(snapshot.deployments.values(), namespace!),
			})};
		}
		return traffic.result;
	};

	return {
		derive(snapshot, viewNamespace, name, now) {
			// The tally follows every pod of the namespace, so a ReplicaSet that starts or stops being the
			// Deployment's needs no pass over the pods.
			changed = [];
			if (viewNamespace !== namespace || pods === undefined) {
				namespace = viewNamespace;
				rebuildTally(snapshot);
				rowContext = undefined;
				podsForTraffic++;
				last = undefined;
			} else {
				forEachChange(pods, snapshot.pods, visitPod);
			}
			pods = snapshot.pods;

			const deployment = snapshot.deployments.get(`${namespace}/${name}`);
			if (!deployment) {
				last = undefined;
				return undefined;
			}
			const replicaSets = inNamespace(snapshot.replicaSets.values(), namespace);
			const owned = ownedReplicaSets(deployment, replicaSets);
			const newRs = findNewReplicaSet(deployment, owned)?.metadata.name;
			const revisionByRs = new Map(owned.map(rs => [rs.metadata.name ?? '', revisionOf(rs)]));
			const context = `${owned.map(rs => `${rs.metadata.uid}\t${rs.metadata.name}\t${revisionOf(rs)}`).join('\n')}\n${newRs}`;
			if (context !== rowContext) {
				rowContext = context;
				ownedUids = new Set(owned.map(rs => rs.metadata.uid).filter(uid => uid !== undefined));
				rebuildRows(revisionByRs, newRs);
			} else {
				patch(changed, revisionByRs, newRs);
			}

			const podExists = (podName: string) => snapshot.pods.has(`${namespace}/${podName}`);
			const view: DeploymentView = {
				name,
				deployment,
				progress: rolloutProgressFrom(deployment, owned, tally, now),
				status: rolloutStatus(deployment),
				history: revisionHistoryFrom(deployment, owned, tally),
				pods: rows,
				transitions: filteredTransitions(snapshot.transitions, owned),
				traffic: trafficOf(snapshot, deployment, replicaSets),
				warnings: withEventWarning(rolloutWarningsFrom(deployment, owned, tally, now), eventWarning(deployment, owned, snapshot.events.values(), podExists, now)),
				derivedAt: now,
			};
			last = last && sameView(last, view) ? last : keepUnchangedParts(last, view);
			return last;
		},
	};
}

/**
 * `view` with the parts that show the same as in `last` replaced by last's own objects, so the panes
 * drawing them (memoized) skip the frame: with many pods most frames change a pod row and nothing else.
 * Progress keeps its derivation time with it (the pane adds the time since to the elapsed time).
 */
function keepUnchangedParts(last: DeploymentView | undefined, view: DeploymentView): DeploymentView {
	if (last === undefined || last.name !== view.name) return view;
	const sameProgressShown = sameProgress(last.progress, last.derivedAt, view.progress, view.derivedAt);
	return {
		...view,
		...(sameProgressShown ? {progress: last.progress, derivedAt: last.derivedAt} : {}),
		status: sameValue(last.status, view.status) ? last.status : view.status,
		history: sameValue(last.history, view.history) ? last.history : view.history,
		warnings: sameValue(last.warnings, view.warnings) ? last.warnings : view.warnings,
	};
}

/** Whether two views of the same Deployment show the same (time moving on aside). */
function sameView(a: DeploymentView, b: DeploymentView): boolean {
	return a.pods === b.pods && a.transitions === b.transitions && sameViewBesidesPods(a, b);
}

/** sameView without the pod rows and the transition log (the screen compares the part of those it shows). */
export function sameViewBesidesPods(a: DeploymentView, b: DeploymentView): boolean {
	return a.name === b.name && a.traffic === b.traffic
		&& sameValue(a.status, b.status) && sameValue(a.history, b.history) && sameValue(a.warnings, b.warnings)
		&& sameValue(a.deployment.spec, b.deployment.spec) && sameProgress(a.progress, a.derivedAt, b.progress, b.derivedAt);
}

/** The view of `namespace/name` derived from scratch. */
export function deploymentView(snapshot: ClusterSnapshot, namespace: string, name: string, now: number): DeploymentView | undefined {
	return createDeploymentDeriver().derive(snapshot, namespace, name, now);
}
