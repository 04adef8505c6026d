import {describe, expect, it} from 'vitest';
import {createClock} from '../../source/demo/clock.js';
import {ObjectStore} from '../../source/demo/objects.js';
import type {Deployment} from '../../source/k8s/types.js';

const deployment = (): Deployment => ({
	metadata: {name: 'web', namespace: 'default', annotations: {a: '1'}},
	spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1'}]}}},
});

describe('ObjectStore', () => {
	it('bumps generation on spec or annotation changes, not on no-op writes', () => {
		const store = new ObjectStore({clock: createClock(1)});
		const created = store.create('deployments', deployment());
		expect(created.metadata.generation).toBe(1);
		const same = store.update('deployments', {...created, metadata: {...created.metadata, resourceVersion: ''}});
		expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
		const scaled = store.update('deployments', {...created, spec: {...created.spec, replicas: 3}});
		expect(scaled.metadata.generation).toBe(2);
		const annotated = store.update('deployments', {...scaled, metadata: {...scaled.metadata, annotations: {a: '2'}}});
		expect(annotated.metadata.generation).toBe(3);
	});

	it('rejects a stale resourceVersion with 409 Conflict', () => {
		const store = new ObjectStore({clock: createClock(1)});
		const created = store.create('deployments', deployment());
		store.update('deployments', {...created, spec: {...created.spec, replicas: 3}});
		expect(() => store.update('deployments', created)).toThrowError(/the object has been modified/);
	});

	it('keeps spec on status writes and replays history for watches, 410 past the window', () => {
		const store = new ObjectStore({clock: createClock(1), historySize: 3});
		const created = store.create('deployments', deployment());
		const start = Number(created.metadata.resourceVersion);
		store.updateStatus('deployments', {...created, spec: {...created.spec, replicas: 9}, status: {replicas: 2}});
		const stored = store.mustGet<Deployment>('deployments', 'default', 'web');
		expect(stored.spec.replicas).toBe(2);
		expect(stored.status).toEqual({replicas: 2});
		expect(store.eventsSince(start)?.map(e => e.type)).toEqual(['MODIFIED']);
		for (let i = 0; i < 4; i++) store.create('deployments', {...deployment(), metadata: {name: `w${i}`, namespace: 'default'}});
		expect(store.eventsSince(start)).toBeUndefined();
	});
});
