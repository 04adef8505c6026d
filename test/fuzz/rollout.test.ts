// Fuzz: every exported function of source/rollout runs on real recorded objects with fields removed,
// nulled, or set to extreme numbers, odd unicode and unknown enum values — whatever the store's gate
// (source/store/well-formed.ts) admits — and never throws. Where a
// function returns text, the text is a string (no "undefined"/"NaN" leaking in counts it formats).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import * as rollout from '../../source/rollout/index.js';
import type {PodTransition} from '../../source/store/types.js';
import {admitted, FIXTURES, fuzzRuns, loadObjects, mutatedObjects, strangeValue} from './support/mutate.js';

const fixtures = FIXTURES.map(name => loadObjects(name));
const anyFixture = fc.constantFrom(...fixtures).chain(({objects, now}) => mutatedObjects(objects).map(broken => ({objects: broken, now})));
const NUM_RUNS = fuzzRuns(500);
/** maxSurge / maxUnavailable as the API may carry them: int-or-string, or absent. */
const intOrString = fc.oneof(fc.integer(), fc.double(), fc.string({maxLength: 8}), fc.constantFrom(null, undefined, '25%', '-10%', '0%', '1000%', '1.5%', '%', 'NaN%', ' 5%'));

describe('fuzz: rollout derivations never throw on malformed objects', () => {
	it('every function of a Deployment and its ReplicaSets and pods', () => {
		fc.assert(
			fc.property(anyFixture, fc.integer({min: -1, max: 12}), ({objects, now}, revision) => {
				const {replicasets, pods} = objects;
				for (const deployment of objects.deployments) {
					rollout.resolveBudget(deployment);
					const status = rollout.rolloutStatus(deployment, {revision});
					expect(typeof status.message).toBe('string');
					rollout.findCondition(deployment.status?.conditions, 'Progressing');
					rollout.rolloutPhase(deployment);
					const progress = rollout.rolloutProgress(deployment, replicasets, pods, now);
					expect(progress).toBeTypeOf('object');
					rollout.deploymentState(deployment);
					rollout.deploymentSummary(deployment, now);
					const rows = rollout.revisionHistory(deployment, replicasets, pods);
					expect(typeof rollout.historyText(deployment.metadata?.name ?? '', rows)).toBe('string');
					const target = rollout.undoTarget(deployment, replicasets, revision);
					if (target.ok && !target.skipped) rollout.undoPatch(deployment, target.rs);
					for (const rs of replicasets) rollout.undoPatch(deployment, rs);
					rollout.rolloutWarnings(deployment, replicasets, pods, now);
					rollout.stuckReason(deployment, replicasets, pods, now);
					const owned = rollout.ownedReplicaSets(deployment, replicasets);
					rollout.podsOf(owned, pods);
					rollout.findNewReplicaSet(deployment, replicasets);
					rollout.revisionOf(deployment);
					for (const rs of replicasets) {
						rollout.isControlledBy(rs, deployment);
						rollout.replicaSetRevision(rs);
						rollout.equalIgnoreHash(rs.spec?.template, deployment.spec?.template);
						rollout.matchesSelector(rs.metadata?.labels, deployment.spec?.selector);
					}
				}
			}),
			{numRuns: NUM_RUNS},
		);
	});

	it('pod status, readiness, restarts, lifecycle and transitions', () => {
		const pods = fixtures.flatMap(fixture => fixture.objects.pods);
		fc.assert(
			fc.property(fc.constantFrom(...pods).chain(pod => fc.tuple(admitted('pods', pod), admitted('pods', pod))), fc.integer(), ([before, after], at) => {
				for (const pod of [before, after]) {
					expect(typeof rollout.podStatusText(pod)).toBe('string');
					expect(typeof rollout.podReadyText(pod)).toBe('string');
					expect(typeof rollout.podRestarts(pod)).toBe('number');
					expect(typeof rollout.podLifecycle(pod)).toBe('string');
				}
				const log: PodTransition[] = [
					...rollout.nextTransitions(undefined, before, at),
					...rollout.nextTransitions(before, after, at + 1, '2'),
					...rollout.nextTransitions(after, undefined, at + 2),
				];
				const merged = rollout.mergeTransitions([], log, 3);
				expect(merged.length).toBeLessThanOrEqual(3);
				expect(new Set(merged.map(entry => entry.id)).size).toBe(merged.length);
			}),
			{numRuns: NUM_RUNS},
		);
	});

	it('traffic share for every grouping', () => {
		fc.assert(
			fc.property(anyFixture, fc.constantFrom('auto' as const, 'revision' as const, 'label' as const), strangeValue, ({objects}, groupBy, label) => {
				const traffic = rollout.trafficShare({
					services: objects.services,
					endpointSlices: objects.endpointslices,
					pods: objects.pods,
					replicaSets: objects.replicasets,
					deployments: objects.deployments,
					groupBy,
					...(typeof label === 'string' ? {versionLabel: label} : {}),
				});
				expect(Array.isArray(traffic)).toBe(true);
			}),
			{numRuns: NUM_RUNS},
		);
	});

	it('budget arithmetic and durations on any number or string', () => {
		fc.assert(
			fc.property(intOrString, fc.oneof(fc.integer({min: -10, max: 10_000}), fc.double()), fc.boolean(), (value, total, roundUp) => {
				const scaled = rollout.scaleIntOrPercent(value ?? undefined, total, roundUp);
				expect(typeof scaled).toBe('number');
				expect(typeof rollout.humanDuration(total)).toBe('string');
			}),
			{numRuns: NUM_RUNS},
		);
	});
});
