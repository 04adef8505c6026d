// What the store keeps of an API object. Every object the watch delivers is held for the whole session
// (10,000 pods in the bench), so the parts nothing in rollwatch reads are dropped on arrival:
// - metadata.managedFields on every object: server-side apply bookkeeping, often the largest part of an
//   object, never read;
// - a pod's kubectl.kubernetes.io/last-applied-configuration annotation (a whole manifest as a string).
//   Deployments keep theirs: `undo` rewrites the Deployment's annotations and must carry it over
//   (annotationsToSkip in source/rollout/undo.ts);
// - a pod's spec except what source/rollout and source/ui read: each container's name, image,
//   restartPolicy (a restartable init container is a sidecar: pod-status.ts) and readinessProbe, for
//   containers and initContainers; nodeName and readinessGates. Metadata and status are kept whole.
// Deployments and ReplicaSets keep their spec whole: undo writes a ReplicaSet's template back, and
// template comparison (template-equal.ts) needs every field.
// The function is pure and total: anything not shaped as expected is returned as it came, for the
// store's gate (source/store/well-formed.ts) to judge.
import type {KubeObject} from '../k8s/types.js';
import type {WatchedResource} from '../store/types.js';

type Json = Record<string, unknown>;

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const containerFields = ['name', 'image', 'restartPolicy', 'readinessProbe'] as const;
const podSpecFields = ['nodeName', 'readinessGates'] as const;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function pick(from: Json, fields: readonly string[]): Json {
	const kept: Json = {};
	for (const field of fields) if (from[field] !== undefined) kept[field] = from[field];
	return kept;
}

function trimContainers(containers: unknown): unknown {
	if (!Array.isArray(containers)) return containers;
	return containers.map(container => (isRecord(container) ? pick(container, containerFields) : container));
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
	if (!('spec' in object)) return {...object, metadata};
	return {...object, metadata, spec: trimPodSpec((object as Json).spec)} as T;
}
