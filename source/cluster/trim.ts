// What the store keeps of an API object. Every object the watch delivers is held for the whole session
// (10,000 pods in the bench), so the parts nothing in rollwatch reads are dropped on arrival:
// - metadata.managedFields on every object: server-side apply bookkeeping, often the largest part of an
//   object, never read;
// - a pod's kubectl.kubernetes.io/last-applied-configuration annotation (a whole manifest as a string).
//   Deployments keep theirs: `undo` rewrites the Deployment's annotations and must carry it over
//   (annotationsToSkip in source/rollout/undo.ts);
// - a pod's spec except what source/rollout and source/ui read: each container's name, image,
//   restartPolicy (a restartable init container is a sidecar: pod-status.ts) and readinessProbe, for
//   containers and initContainers; nodeName and readinessGates. Metadata is kept whole;
// - a pod's status except what pod-status.ts, transitions.ts and the warnings read: phase, reason,
//   message; each condition's type, status, reason, message and lastTransitionTime; each container
//   status's name, ready, started, restartCount, state and lastState. Gone: IPs, start time, QoS class,
//   and the container statuses' image, imageID, containerID, resources and volume mounts (per pod
//   values, which also kept those statuses from being shared, below).
// Deployments and ReplicaSets keep their spec whole: undo writes a ReplicaSet's template back, and
// template comparison (template-equal.ts) needs every field.
// The strings of a kept pod are shared with every other pod's equal strings. JSON.parse makes a new
// string for every value, so 10,000 pods of one ReplicaSet held 10,000 copies each of its image,
// imageID, owner name and uid, label values, condition types, node name and, seven times per pod, the
// same few timestamps: 10 MB of the 17 MB of strings in the heap after a 10,000-pod list. The pod's
// string fields are swapped in place for equal shared ones (the objects JSON.parse made are kept: they
// are laid out more compactly than copies would be). Values that are one pod's own (its name, uid,
// resourceVersion, IPs, container IDs) stay as they are, so they do not crowd the table.
// Whole parts that many pods have alike are shared the same way, one instance per equal JSON text:
// labels, annotations, owner references, the trimmed spec, each condition and container status and
// their lists. Parts holding one pod's own values are left alone. Nothing in rollwatch changes an
// object the store holds, so sharing is safe as long as that stays so.
// The function is total, and changes no value of its input: anything not shaped as expected is
// returned as it came, for the store's gate (source/store/well-formed.ts) to judge.
import type {KubeObject} from '../k8s/types.js';
import type {WatchedResource} from '../store/types.js';

type Json = Record<string, unknown>;

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const containerFields = ['name', 'image', 'restartPolicy', 'readinessProbe'] as const;
const podSpecFields = ['nodeName', 'readinessGates'] as const;
const podStatusFields = ['phase', 'reason', 'message'] as const;
const conditionFields = ['type', 'status', 'reason', 'message', 'lastTransitionTime'] as const;
const containerStatusFields = ['name', 'ready', 'started', 'restartCount', 'state', 'lastState'] as const;
const containerStatusLists = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'] as const;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One instance of each string value recently seen; emptied when full (strings already shared stay so). */
const sharedStrings = new Map<string, string>();
const SHARED_STRINGS_MAX = 16_384;
/** Longer values (a message, say) are rarely repeated and not worth a table entry. */
const SHARED_LENGTH_MAX = 256;
/** Fields whose value belongs to one pod or container, at any depth. */
const ownValues = new Set(['resourceVersion', 'podIP', 'ip', 'containerID']);
/** In a pod's own metadata also its name and uid (an owner reference's name and uid are shared). */
const ownMetadata = new Set([...ownValues, 'name', 'uid']);

function share(text: string): string {
	if (text.length > SHARED_LENGTH_MAX) return text;
	const known = sharedStrings.get(text);
	if (known !== undefined) return known;
	if (sharedStrings.size >= SHARED_STRINGS_MAX) sharedStrings.clear();
	sharedStrings.set(text, text);
	return text;
}

/** Swaps the strings in a parsed JSON value for shared equal ones, but for the fields named in `own`. */
function shareStrings(value: unknown, own: ReadonlySet<string> = ownValues): void {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const item: unknown = value[i];
			if (typeof item === 'string') value[i] = share(item);
			else if (typeof item === 'object' && item !== null) shareStrings(item);
		}
		return;
	}
	if (!isRecord(value)) return;
	for (const key of Object.keys(value)) {
		if (own.has(key)) continue;
		const field = value[key];
		if (typeof field === 'string') value[key] = share(field);
		else if (typeof field === 'object' && field !== null) shareStrings(field);
	}
}

/** One instance of each recently seen part of a pod, by its JSON text; emptied when full. */
const sharedParts = new Map<string, unknown>();
const SHARED_PARTS_MAX = 4096;
/** Parts whose text is longer are rarely alike, and their keys would cost more than sharing saves. */
const SHARED_PART_LENGTH_MAX = 2048;

function holdsOwnValue(value: unknown): boolean {
	if (Array.isArray(value)) return value.some(holdsOwnValue);
	if (!isRecord(value)) return false;
	for (const key of Object.keys(value)) if (ownValues.has(key) || holdsOwnValue(value[key])) return true;
	return false;
}

/** Ids of remembered parts: a list of them is known by its items' ids, without serialising it again. */
const partIds = new WeakMap<object, number>();
let nextPartId = 0;

/** The part remembered under `key`, or `value` remembered from now on (its strings shared first). */
function remember<T extends object>(key: string, value: T, stringsShared = false): T {
	const known = sharedParts.get(key);
	if (known !== undefined) return known as T;
	if (!stringsShared) shareStrings(value);
	if (sharedParts.size >= SHARED_PARTS_MAX) sharedParts.clear();
	sharedParts.set(key, value);
	partIds.set(value, nextPartId++);
	return value;
}

/** `value`, or an equal part seen before; `mayHoldOwn`: look for one pod's own values inside first. */
function sharePart(value: unknown, mayHoldOwn = false): unknown {
	if (typeof value !== 'object' || value === null) return typeof value === 'string' ? share(value) : value;
	if (mayHoldOwn && holdsOwnValue(value)) {
		shareStrings(value);
		return value;
	}
	const text = JSON.stringify(value);
	if (text.length > SHARED_PART_LENGTH_MAX) {
		shareStrings(value);
		return value;
	}
	return remember(text, value);
}

/**
 * Whether two parsed JSON values are equal as their JSON texts would be (keys in the same order): what
 * sharing by text decides, told by walking both, without serialising either.
 */
function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const keys = Object.keys(a);
	const otherKeys = Object.keys(b);
	if (keys.length !== otherKeys.length) return false;
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i]!;
		if (key !== otherKeys[i] || !sameJson((a as Json)[key], (b as Json)[key])) return false;
	}
	return true;
}

// The part last shared at each place of a pod (its labels, its spec, its second condition…) and the list
// last shared at each list's place. The same place of the next pod event most often holds an equal part
// (pods of one ReplicaSet; a pod's next version), which sameJson tells for a fraction of what serialising
// it and looking the text up costs — every watch event went through that for every part.
const recentParts = new Map<string, object[]>();
const recentLists = new Map<string, unknown[]>();

/** sharePart, trying first the part last shared at the same place (`slot`, item `index`). */
function sharePartAt(slot: string, index: number, value: unknown, mayHoldOwn = false): unknown {
	if (typeof value !== 'object' || value === null) return sharePart(value, mayHoldOwn);
	let recent = recentParts.get(slot);
	const last = recent?.[index];
	// A remembered part holds none of one pod's own values, so neither does a part equal to it.
	if (last !== undefined && sameJson(last, value)) return last;
	const shared = sharePart(value, mayHoldOwn);
	if (typeof shared === 'object' && shared !== null && partIds.has(shared) && index < 16) {
		if (recent === undefined) recentParts.set(slot, (recent = []));
		recent[index] = shared;
	}
	return shared;
}

/** A list whose items are shared, itself shared when all its items were. */
function sharePartList(slot: string, list: unknown, mayHoldOwn: boolean): unknown {
	if (!Array.isArray(list)) return sharePartAt(slot, 0, list, mayHoldOwn);
	const items = list.map((item, index) => sharePartAt(slot, index, item, mayHoldOwn));
	const recent = recentLists.get(slot);
	if (recent !== undefined && recent.length === items.length && recent.every((item, index) => item === items[index])) return recent;
	const ids: number[] = [];
	for (const item of items) {
		const id = typeof item === 'object' && item !== null ? partIds.get(item) : undefined;
		if (id === undefined) return items;
		ids.push(id);
	}
	const shared = remember(`list:${ids.join(',')}`, items, true);
	recentLists.set(slot, shared);
	return shared;
}

const metadataParts = new Set(['labels', 'annotations', 'ownerReferences']);

/** Shares a kept pod's strings and parts, in place: its metadata, trimmed spec and trimmed status. */
function shareParts(pod: Json): void {
	const metadata = pod.metadata as Json;
	for (const key of Object.keys(metadata)) {
		if (ownMetadata.has(key)) continue;
		const field = metadata[key];
		if (metadataParts.has(key)) metadata[key] = sharePartAt(key, 0, field);
		else if (typeof field === 'string') metadata[key] = share(field);
		else shareStrings(field);
	}
	for (const key of Object.keys(pod)) {
		if (key === 'metadata') continue;
		if (key === 'spec') pod.spec = sharePartAt(key, 0, pod.spec);
		else if (key === 'status' && isRecord(pod.status)) {
			const status = pod.status;
			for (const field of Object.keys(status)) {
				// A terminated container's state names its container ID: such statuses stay the pod's own.
				if (field === 'conditions') status[field] = sharePartList(field, status[field], false);
				else if ((containerStatusLists as readonly string[]).includes(field)) status[field] = sharePartList(field, status[field], true);
				else status[field] = sharePart(status[field]);
			}
		} else pod[key] = sharePart(pod[key]);
	}
}

function pick(from: Json, fields: readonly string[]): Json {
	const kept: Json = {};
	for (const field of fields) if (from[field] !== undefined) kept[field] = from[field];
	return kept;
}

/** Each record of a list with only `fields`; anything else (not a list, not a record) as it came. */
function trimList(list: unknown, fields: readonly string[]): unknown {
	if (!Array.isArray(list)) return list;
	return list.map(item => (isRecord(item) ? pick(item, fields) : item));
}

const trimContainers = (containers: unknown) => trimList(containers, containerFields);

function trimPodStatus(status: unknown): unknown {
	if (!isRecord(status)) return status;
	const kept = pick(status, podStatusFields);
	if (status.conditions !== undefined) kept.conditions = trimList(status.conditions, conditionFields);
	for (const list of containerStatusLists) if (status[list] !== undefined) kept[list] = trimList(status[list], containerStatusFields);
	return kept;
}

function trimMetadata(metadata: Json, dropLastApplied: boolean): Json {
	const {managedFields, ...rest} = metadata;
	const annotations = rest.annotations;
	if (dropLastApplied && isRecord(annotations) && lastApplied in annotations) {
		const {[lastApplied]: dropped, ...others} = annotations;
		void dropped;
		rest.annotations = others;
	}
	return managedFields === undefined && rest.annotations === annotations ? metadata : rest;
}

function trimPodSpec(spec: unknown): unknown {
	if (!isRecord(spec)) return spec;
	const kept = pick(spec, podSpecFields);
	if (spec.containers !== undefined) kept.containers = trimContainers(spec.containers);
	if (spec.initContainers !== undefined) kept.initContainers = trimContainers(spec.initContainers);
	return kept;
}

/** `object` without what rollwatch never reads (see the header); the input is not changed. */
export function trimObject<T extends KubeObject>(resource: WatchedResource, object: T): T {
	if (!isRecord(object) || !isRecord(object.metadata)) return object;
	const pod = resource === 'pods';
	const metadata = trimMetadata(object.metadata, pod);
	if (!pod) return metadata === object.metadata ? object : {...object, metadata};
	const kept: Json = {...object, metadata};
	if ('spec' in object) kept.spec = trimPodSpec((object as Json).spec);
	if ('status' in object) kept.status = trimPodStatus((object as Json).status);
	shareParts(kept);
	return kept as T;
}
