// A tally kept pod by pod (the UI's frames) must say what a tally built from the pods at that moment
// says: the same counts per ReplicaSet, the same failing pods and the same one quoted, the same oldest.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {earliestCreation, failingPods, type PodTally, sumOf, tallyAdd, tallyOf, tallyRemove} from '../../source/rollout/index.js';

const owners = ['rs-a', 'rs-b', 'rs-c'];
const waiting = [undefined, 'CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ContainerCreating'];

function pod(name: string, owner: string | undefined, terminating: boolean, ready: boolean, reason: string | undefined, unschedulable: boolean, minute: number): Pod {
	return {
		metadata: {
			namespace: 'ns', name, uid: `uid-${name}`, creationTimestamp: `2026-11-22T00:${String(minute).padStart(2, '0')}:00Z`,
			...(terminating ? {deletionTimestamp: '2026-11-22T01:00:00Z'} : {}),
			...(owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true}]} : {}),
		},
		spec: {containers: [{name: 'app', image: 'app:v1'}]},
		status: {
			phase: 'Pending',
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}, ...(unschedulable ? [{type: 'PodScheduled', status: 'False', message: 'no nodes'}] : [])],
			containerStatuses: [{name: 'app', ready, restartCount: 0, image: 'app:v1', imageID: '', state: reason ? {waiting: {reason}} : {running: {}}}],
		},
	} as Pod;
}

const anyPod = (name: string) => fc.tuple(fc.constantFrom(...owners, undefined), fc.boolean(), fc.boolean(), fc.constantFrom(...waiting), fc.boolean(), fc.integer({min: 0, max: 59}))
	.map(([owner, terminating, ready, reason, unschedulable, minute]) => pod(name, owner, terminating, ready, reason, unschedulable, minute));
/** A change to one of eight pods: a new version of it, or its deletion. */
const change = fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7').chain(name => fc.option(anyPod(name), {nil: undefined}).map(next => ({key: `ns/${name}`, next})));

function summary(tally: PodTally) {
	const groups = [...owners, 'nobody'];
	return {
		counts: groups.map(uid => [sumOf(tally, [uid], 'live'), sumOf(tally, [uid], 'ready'), sumOf(tally, [uid], 'terminating')]),
		failing: (['crashing', 'pulling', 'unschedulable'] as const).map(kind => {
			const {count, first} = failingPods(tally, owners, kind);
			return [count, first?.metadata.name];
		}),
		earliest: groups.map(uid => earliestCreation(tally, uid)),
	};
}

describe('pod tally', () => {
	it('kept pod by pod equals the tally of the pods held at every step', () => {
		fc.assert(fc.property(fc.array(change, {maxLength: 60}), changes => {
			const held = new Map<string, Pod>();
			const kept: PodTally = new Map();
			for (const {key, next} of changes) {
				const previous = held.get(key);
				if (previous) tallyRemove(kept, key, previous);
				if (next) {
					tallyAdd(kept, key, next);
					held.set(key, next);
				} else {
					held.delete(key);
				}
				expect(summary(kept)).toEqual(summary(tallyOf(held.values())));
			}
		}), {numRuns: 200});
	});

	it('quotes the first failing pod by name, whatever order the pods came in', () => {
		const pods = ['web-c', 'web-a', 'web-b'].map(name => pod(name, 'rs-a', false, false, 'CrashLoopBackOff', false, 1));
		expect(failingPods(tallyOf(pods), ['rs-a'], 'crashing')).toEqual({count: 3, first: pods[1]});
		expect(failingPods(tallyOf(pods.toReversed()), ['rs-a'], 'crashing').first).toBe(pods[1]);
	});
});
