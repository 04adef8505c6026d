// The demo's seeded walkthroughs (seeds 000–004 and the recordings): each creates its objects through
// the API server's defaulting, so they look kubectl-created. Also the image helpers the demo's
// "ship a new version" keys use.
import type {KubeObject} from '../k8s/types.js';
import type {ObjectStore, Resource} from './objects.js';
import {applyDefaults} from './api/defaults.js';
import {imageRepository, imageTag} from './controllers/settings.js';
import {createHistory} from './scenarios/history.js';
import {deployment, service} from './scenarios/manifests.js';

export type ScenarioName = 'empty' | 'rolling' | 'recreate' | 'canary' | 'zero-downtime' | 'broken' | 'history';

export const SCENARIOS: Record<ScenarioName, {title: string; description: string; deployments: string[]}> = {
	empty: {title: 'Empty cluster', description: 'No workloads: create your own with kubectl.', deployments: []},
	rolling: {
		title: 'Rolling update',
		description: 'app-rolling: 5 replicas, maxSurge 1 / maxUnavailable 1 — new pods replace old ones a few at a time, the Service keeps answering.',
		deployments: ['app-rolling'],
	},
	recreate: {
		title: 'Recreate',
		description: 'app-recreate: every old pod stops before any new one starts — the Service has no endpoints in between (downtime by design).',
		deployments: ['app-recreate'],
	},
	canary: {
		title: 'Canary',
		description: 'app-v1 and app-v2 behind one Service (name=app): scale the two Deployments to shift traffic between versions.',
		deployments: ['app-v1', 'app-v2'],
	},
	'zero-downtime': {
		title: 'Zero downtime',
		description: 'An app that needs 20 s to start: myapp-no-probe drops requests during a rollout; myapp-probe (readiness probe, maxUnavailable 0) does not.',
		deployments: ['myapp-no-probe', 'myapp-probe'],
	},
	broken: {
		title: 'Broken release',
		description: 'api: 3 healthy replicas, progressDeadlineSeconds 20 — ship a crashing version and watch the rollout stall, then undo.',
		deployments: ['api'],
	},
	history: {
		title: 'Revision history',
		description: 'shop: revisions 1.0.0, 1.1.0 and 1.2.0 with change-causes — roll back to any of them.',
		deployments: ['shop'],
	},
};

export function isScenarioName(name: string): name is ScenarioName {
	return Object.hasOwn(SCENARIOS, name);
}

const APP = 'arungupta/app-upgrade';
const APP_START = {'demo.rollwatch.dev/app-start-seconds': '20'};

/** Create the scenario's objects in `namespace`; the controllers take it from there. */
export function createScenario(store: ObjectStore, name: ScenarioName, namespace: string) {
	const put = (resource: Resource, object: KubeObject) => {
		object.metadata.namespace = namespace;
		store.create(resource, applyDefaults(resource, object, store));
	};
	switch (name) {
		case 'empty':
			return;
		case 'rolling':
			put('deployments', deployment({name: 'app-rolling', labels: {name: 'app-rolling'}, replicas: 5, image: `${APP}:v1`, strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}}));
			put('services', service('app-rolling', {name: 'app-rolling'}));
			return;
		case 'recreate':
			put('deployments', deployment({name: 'app-recreate', labels: {name: 'app-recreate'}, replicas: 5, image: `${APP}:v1`, strategy: {type: 'Recreate'}}));
			put('services', service('app-recreate', {name: 'app-recreate'}));
			return;
		case 'canary':
			put('deployments', deployment({name: 'app-v1', containerName: 'app', labels: {name: 'app', version: 'v1'}, replicas: 2, image: `${APP}:v1`}));
			put('deployments', deployment({name: 'app-v2', containerName: 'app', labels: {name: 'app', version: 'v2'}, replicas: 2, image: `${APP}:v2`}));
			put('services', service('app-service', {name: 'app'}));
			return;
		case 'zero-downtime':
			put('deployments', deployment({name: 'myapp-no-probe', containerName: 'myapp-container', labels: {app: 'myapp-no-probe'}, replicas: 3, image: 'jahongirr/myapp:1', containerPort: 80, templateAnnotations: APP_START}));
			put(
				'deployments',
				deployment({
					name: 'myapp-probe',
					containerName: 'myapp-container',
					labels: {app: 'myapp-probe'},
					replicas: 3,
					image: 'jahongirr/myapp:1',
					containerPort: 80,
					templateAnnotations: APP_START,
					strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 0, maxSurge: 1}},
					readinessProbe: {httpGet: {path: '/', port: 80}, initialDelaySeconds: 5, periodSeconds: 5},
				}),
			);
			put('services', service('myapp-no-probe', {app: 'myapp-no-probe'}, 80));
			put('services', service('myapp-probe', {app: 'myapp-probe'}, 80));
			return;
		case 'broken':
			put('deployments', deployment({name: 'api', labels: {app: 'api'}, replicas: 3, image: 'example/api:v1', progressDeadlineSeconds: 20}));
			put('services', service('api', {app: 'api'}));
			return;
		case 'history':
			createHistory(store, namespace);
			return;
	}
}

/** The next version's image: v1 → v2, 1.2.0 → 1.3.0, 1 → 2; a suffix such as -broken is dropped. */
export function nextImage(image: string): string {
	return `${imageRepository(image)}:${nextTag(imageTag(image))}`;
}

/** The next version, built broken (it crash-loops): api:v1 → api:v2-broken. */
export function brokenImage(image: string): string {
	return `${imageRepository(image)}:${nextTag(imageTag(image))}-broken`;
}

function nextTag(tag: string): string {
	const match = /^(v?)(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
	if (!match) return 'v2';
	const [, prefix, major, minor, patch] = match;
	if (minor === undefined) return `${prefix}${Number(major) + 1}`;
	if (patch === undefined) return `${prefix}${major}.${Number(minor) + 1}`;
	return `${prefix}${major}.${Number(minor) + 1}.0`;
}
