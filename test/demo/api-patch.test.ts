import {describe, expect, it} from 'vitest';
import {applyJsonPatch, applyMergePatch, applyStrategicMergePatch} from '../../source/demo/api/patch.js';
import {ApiError} from '../../source/demo/status.js';

const deployment = () => ({
	metadata: {name: 'web', annotations: {a: '1', 'kubernetes.io/change-cause': 'x'}, finalizers: ['f1']},
	spec: {
		paused: true,
		strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 0}},
		template: {
			metadata: {labels: {app: 'web'}},
			spec: {
				containers: [
					{name: 'app', image: 'web:1', env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}], ports: [{containerPort: 80, protocol: 'TCP'}]},
					{name: 'sidecar', image: 'proxy:1', args: ['--a', '--b']},
				],
				volumes: [{name: 'data', emptyDir: {}}],
			},
		},
	},
});

const hasDollarKey = (value: unknown): boolean =>
	typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => k.startsWith('$') || hasDollarKey(v));

describe('strategic merge patch', () => {
	it('merges containers by name as `kubectl set image` sends it, honouring $setElementOrder and storing no directive', () => {
		const patch = {spec: {template: {spec: {$setElementOrder: undefined, '$setElementOrder/containers': [{name: 'app'}, {name: 'sidecar'}], containers: [{image: 'web:2', name: 'app'}]}}}};
		const result = applyStrategicMergePatch(deployment(), patch) as ReturnType<typeof deployment>;
		expect(result.spec.template.spec.containers.map(c => [c.name, c.image])).toEqual([['app', 'web:2'], ['sidecar', 'proxy:1']]);
		expect(result.spec.template.spec.containers[0]!.env).toEqual([{name: 'A', value: '1'}, {name: 'B', value: '2'}]);
		expect(hasDollarKey(result)).toBe(false);
	});

	it('reorders a merged list by $setElementOrder and appends new elements', () => {
		const patch = {spec: {template: {spec: {'$setElementOrder/containers': [{name: 'sidecar'}, {name: 'new'}, {name: 'app'}], containers: [{name: 'new', image: 'n:1'}]}}}};
		const result = applyStrategicMergePatch(deployment(), patch) as ReturnType<typeof deployment>;
		expect(result.spec.template.spec.containers.map(c => c.name)).toEqual(['sidecar', 'new', 'app']);
	});

	it('deletes a field on null (`rollout resume` sends paused: null) and a list element on $patch: delete', () => {
		const result = applyStrategicMergePatch(deployment(), {spec: {paused: null, template: {spec: {containers: [{name: 'sidecar', $patch: 'delete'}]}}}}) as ReturnType<typeof deployment>;
		expect('paused' in result.spec).toBe(false);
		expect(result.spec.template.spec.containers.map(c => c.name)).toEqual(['app']);
	});

	it('merges env by name and container ports by containerPort, replaces lists without a merge key', () => {
		const patch = {spec: {template: {spec: {containers: [{name: 'app', env: [{name: 'B', value: '3'}, {name: 'C', value: '4'}], ports: [{containerPort: 8080}]}, {name: 'sidecar', args: ['--c']}]}}}};
		const result = applyStrategicMergePatch(deployment(), patch) as ReturnType<typeof deployment>;
		const [app, sidecar] = result.spec.template.spec.containers;
		expect(app!.env).toEqual([{name: 'A', value: '1'}, {name: 'B', value: '3'}, {name: 'C', value: '4'}]);
		expect(app!.ports).toEqual([{containerPort: 80, protocol: 'TCP'}, {containerPort: 8080}]);
		expect(sidecar!.args).toEqual(['--c']);
	});

	it('keeps only $retainKeys after merging (switching to Recreate drops rollingUpdate)', () => {
		const result = applyStrategicMergePatch(deployment(), {spec: {strategy: {$retainKeys: ['type'], type: 'Recreate'}}}) as ReturnType<typeof deployment>;
		expect(result.spec.strategy).toEqual({type: 'Recreate'});
	});

	it('replaces a map or list on $patch: replace and unions finalizers', () => {
		const result = applyStrategicMergePatch(deployment(), {metadata: {annotations: {$patch: 'replace', b: '2'}, finalizers: ['f2']}, spec: {template: {spec: {volumes: [{$patch: 'replace'}, {name: 'cache', emptyDir: {}}]}}}}) as ReturnType<typeof deployment>;
		expect(result.metadata.annotations).toEqual({b: '2'});
		expect(result.metadata.finalizers).toEqual(['f1', 'f2']);
		expect(result.spec.template.spec.volumes).toEqual([{name: 'cache', emptyDir: {}}]);
	});

	it('adds the restartedAt annotation of `rollout restart` without touching other template fields', () => {
		const result = applyStrategicMergePatch(deployment(), {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': '2026-08-20T12:00:00+02:00'}}}}}) as ReturnType<typeof deployment>;
		expect(result.spec.template.metadata).toEqual({labels: {app: 'web'}, annotations: {'kubectl.kubernetes.io/restartedAt': '2026-08-20T12:00:00+02:00'}});
	});
});

describe('JSON merge patch', () => {
	it('merges maps, deletes on null and replaces arrays wholesale', () => {
		const result = applyMergePatch(deployment(), {metadata: {annotations: {a: null, c: '3'}}, spec: {template: {spec: {containers: [{name: 'only'}]}}}}) as ReturnType<typeof deployment>;
		expect(result.metadata.annotations).toEqual({'kubernetes.io/change-cause': 'x', c: '3'});
		expect(result.spec.template.spec.containers).toEqual([{name: 'only'}]);
	});
});

describe('JSON patch', () => {
	it('applies the replace ops of `rollout undo`', () => {
		const template = {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'app', image: 'web:0'}]}};
		const result = applyJsonPatch(deployment(), [
			{op: 'replace', path: '/spec/template', value: template},
			{op: 'replace', path: '/metadata/annotations', value: {a: '0'}},
		]) as ReturnType<typeof deployment>;
		expect(result.spec.template).toEqual(template);
		expect(result.metadata.annotations).toEqual({a: '0'});
	});

	it('supports add (with - to append), remove, move, copy, test and ~1 escapes', () => {
		const result = applyJsonPatch(deployment(), [
			{op: 'add', path: '/metadata/annotations/example.com~1x', value: 'y'},
			{op: 'add', path: '/metadata/finalizers/-', value: 'f9'},
			{op: 'remove', path: '/metadata/annotations/a'},
			{op: 'copy', from: '/metadata/name', path: '/metadata/generateName'},
			{op: 'move', from: '/spec/paused', path: '/spec/wasPaused'},
			{op: 'test', path: '/metadata/name', value: 'web'},
		]) as Record<string, Record<string, unknown>>;
		expect(result.metadata!.annotations).toEqual({'kubernetes.io/change-cause': 'x', 'example.com/x': 'y'});
		expect(result.metadata!.finalizers).toEqual(['f1', 'f9']);
		expect(result.metadata!.generateName).toBe('web');
		expect(result.spec).toMatchObject({wasPaused: true});
		expect('paused' in result.spec!).toBe(false);
	});

	it('rejects replace of a missing path with 422 as kube-apiserver does, leaving the input unchanged', () => {
		const original = {metadata: {name: 'web'}};
		let error: unknown;
		try {
			applyJsonPatch(original, [{op: 'replace', path: '/metadata/annotations', value: {}}]);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).code).toBe(422);
		expect((error as ApiError).toStatus()).toMatchObject({reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {causes: [{message: 'replace operation does not apply: doc is missing key: /metadata/annotations: missing value'}]}});
		expect(original).toEqual({metadata: {name: 'web'}});
	});

	it('fails a test op that does not match and rejects a non-array body with 400', () => {
		try {
			applyJsonPatch({a: 1}, [{op: 'test', path: '/a', value: 2}]);
			expect.unreachable();
		} catch (error) {
			expect((error as ApiError).toStatus()).toMatchObject({code: 422, details: {causes: [{message: 'testing value /a failed: test failed'}]}});
		}
		expect(() => applyJsonPatch({a: 1}, {op: 'add'})).toThrowError(ApiError);
	});
});
