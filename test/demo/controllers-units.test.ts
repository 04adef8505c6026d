import {describe, expect, it} from 'vitest';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {computeHash, safeEncodeString} from '../../source/demo/controllers/hash.js';
import {equalIgnoreHash} from '../../source/rollout/template-equal.js';
import {parsePodSettings} from '../../source/demo/controllers/settings.js';
import {maxSurge, maxUnavailable, proportion} from '../../source/demo/controllers/util.js';
import {brokenImage, nextImage} from '../../source/demo/scenarios.js';
import {greeting} from '../../source/demo/app.js';

const withStrategy = (replicas: number, surge: number | string, unavailable: number | string): Deployment => ({
	metadata: {name: 'd'},
	spec: {replicas, selector: {matchLabels: {app: 'd'}}, strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: surge, maxUnavailable: unavailable}}, template: {spec: {containers: []}}},
});

describe('pod-template-hash', () => {
	it('encodes decimal digits with the SafeEncodeString alphabet', () => {
		expect(safeEncodeString('0123456789')).toBe('456789bcdf');
		expect(computeHash({metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.19'}]}})).toMatch(/^[456789bcdf]{1,10}$/);
	});

	it('ignores what a Go round-trip adds (null timestamps, empty structs) and the hash label', () => {
		const stored = {metadata: {labels: {app: 'web', 'pod-template-hash': '5d84579644'}}, spec: {containers: [{name: 'web', image: 'nginx:1.20'}]}};
		const fromUndo = {metadata: {creationTimestamp: null, labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.20', resources: {}}], securityContext: {}}};
		expect(equalIgnoreHash(stored, fromUndo)).toBe(true);
		expect(computeHash(fromUndo)).toBe(computeHash({metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.20'}]}}));
		expect(equalIgnoreHash(stored, {...fromUndo, spec: {containers: [{name: 'web', image: 'nginx:1.21'}]}})).toBe(false);
		expect(computeHash(fromUndo, 1)).not.toBe(computeHash(fromUndo));
	});
});

describe('budget (A.3) and proportional scaling (A.5)', () => {
	it.each([
		[10, '25%', '25%', 3, 2],
		[4, '25%', '25%', 1, 1],
		[3, '25%', '25%', 1, 0],
		[1, '25%', '25%', 1, 0],
		[2, 0, '1%', 0, 1],
		[2, '1%', '1%', 1, 0],
	] as const)('%i replicas, surge %s, unavailable %s → %i/%i', (replicas, surge, unavailable, expectedSurge, expectedUnavailable) => {
		const d = withStrategy(replicas, surge, unavailable);
		expect([maxSurge(d), maxUnavailable(d)]).toEqual([expectedSurge, expectedUnavailable]);
	});

	it('splits a scale-up from 10 to 15 mid-rollout as 12 old / 7 new', () => {
		const d = withStrategy(15, '25%', '25%');
		const rs = (replicas: number): ReplicaSet => ({metadata: {annotations: {'deployment.kubernetes.io/max-replicas': '13'}}, spec: {replicas, selector: {}, template: {spec: {containers: []}}}});
		const old = proportion(rs(8), d, 6, 0);
		expect(old).toBe(4);
		expect(proportion(rs(5), d, 6, old)).toBe(2);
	});
});

describe('demo settings and images', () => {
	it('reads the template annotations and infers failures from the tag', () => {
		expect(parsePodSettings({annotations: {'demo.rollwatch.dev/startup-seconds': '5', 'demo.rollwatch.dev/app-start-seconds': '20'}}, [{name: 'a', image: 'x:v1'}])).toEqual({startupSeconds: 5, failure: 'none', appStartSeconds: 20});
		expect(parsePodSettings(undefined, [{name: 'a', image: 'example/api:v2-broken'}]).failure).toBe('crash');
		expect(parsePodSettings(undefined, [{name: 'a', image: 'example/api:v3-missing'}]).failure).toBe('image-pull');
		expect(parsePodSettings({annotations: {'demo.rollwatch.dev/failure': 'none'}}, [{name: 'a', image: 'x:broken'}]).failure).toBe('none');
		expect(parsePodSettings(undefined, [{name: 'a', image: 'registry:5000/broken-app:v1'}]).failure).toBe('none');
	});

	it('bumps image tags and builds broken ones', () => {
		expect(nextImage('arungupta/app-upgrade:v1')).toBe('arungupta/app-upgrade:v2');
		expect(nextImage('shop:1.2.0')).toBe('shop:1.3.0');
		expect(nextImage('jahongirr/myapp:1')).toBe('jahongirr/myapp:2');
		expect(nextImage('example/api:v2-broken')).toBe('example/api:v3');
		expect(nextImage('nginx')).toBe('nginx:v2');
		expect(brokenImage('example/api:v1')).toBe('example/api:v2-broken');
	});

	it('greets per major version, as seed 001 (Hello for v1, Howdy for v2)', () => {
		expect([greeting('v1'), greeting('v2'), greeting('1.2.0')]).toEqual(['Hello', 'Howdy', 'Hello']);
	});
});
