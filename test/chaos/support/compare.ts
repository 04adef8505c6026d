// Does the watcher's store hold exactly what the server holds? Whole objects are compared (spec, status,
// annotations with revisions, resourceVersions), so "caught up" means byte-for-byte caught up — after the
// watch layer's trim (source/cluster/trim.ts), applied to the server's objects too.
import {isDeepStrictEqual} from 'node:util';
import type {KubeObject} from '../../../source/k8s/types.js';
import type {ObjectStore, Resource} from '../../../source/demo/objects.js';
import {trimObject} from '../../../source/cluster/trim.js';
import type {ClusterSnapshot} from '../../../source/store/types.js';
import {objectKey} from '../../../source/store/types.js';

const FIELDS = {
	deployments: 'deployments',
	replicasets: 'replicaSets',
	pods: 'pods',
	services: 'services',
	endpointslices: 'endpointSlices',
} as const satisfies Partial<Record<Resource, keyof ClusterSnapshot>>;

export type Compared = keyof typeof FIELDS;

/** Differences between server and watcher, one line each; empty when they agree. */
export function storeDifferences(server: ObjectStore, snapshot: ClusterSnapshot, namespace: string): string[] {
	const differences: string[] = [];
	for (const [resource, field] of Object.entries(FIELDS) as Array<[Compared, (typeof FIELDS)[Compared]]>) {
		const expected = new Map(server.list(resource, namespace).map(object => [objectKey(object), trimObject(resource, object)]));
		const actual = snapshot[field] as ReadonlyMap<string, KubeObject>;
		for (const [key, object] of expected) {
			const held = actual.get(key);
			if (!held) differences.push(`${resource} ${key}: missing from the watcher (server rv ${object.metadata.resourceVersion})`);
			else if (!isDeepStrictEqual(held, object)) differences.push(`${resource} ${key}: watcher rv ${held.metadata.resourceVersion}, server rv ${object.metadata.resourceVersion}`);
		}
		for (const [key, held] of actual) {
			if (!expected.has(key)) differences.push(`${resource} ${key}: watcher still holds rv ${held.metadata.resourceVersion}, gone on the server`);
		}
	}
	return differences;
}
