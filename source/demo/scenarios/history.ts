// The `history` scenario: Deployment shop with revisions 1.0.0 and 1.1.0 already behind it (their
// ReplicaSets scaled to 0, with change-causes), rolling out 1.2.0 as revision 3 — so `rollout
// history` and undo have something to show from the first second.
import type {Deployment, ReplicaSet} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';
import {applyDefaults} from '../api/defaults.js';
import {changeCauseAnnotation, revisionAnnotation, templateHashLabel} from '../../rollout/ownership.js';
import {computeHash} from '../controllers/hash.js';
import {ownerReferenceTo} from '../controllers/labels.js';
import {deployment} from './manifests.js';

const PAST = [
	{image: 'shop:1.0.0', cause: 'kubectl create deployment shop --image=shop:1.0.0 --replicas=2'},
	{image: 'shop:1.1.0', cause: 'kubectl set image deployment/shop shop=shop:1.1.0'},
];
const CURRENT = {image: 'shop:1.2.0', cause: 'kubectl set image deployment/shop shop=shop:1.2.0'};

export function createHistory(store: ObjectStore, namespace: string) {
	const manifest = deployment({name: 'shop', labels: {app: 'shop'}, replicas: 2, image: CURRENT.image, annotations: {[changeCauseAnnotation]: CURRENT.cause}});
	manifest.metadata.namespace = namespace;
	const d = store.create('deployments', applyDefaults('deployments', manifest, store) as Deployment);
	for (const [index, past] of PAST.entries()) {
		const template = structuredClone(d.spec.template);
		template.spec.containers[0]!.image = past.image;
		const hash = computeHash(template);
		template.metadata = {...template.metadata, labels: {...template.metadata?.labels, [templateHashLabel]: hash}};
		const rs: ReplicaSet = {
			metadata: {
				name: `shop-${hash}`,
				namespace,
				labels: {...template.metadata.labels},
				annotations: {
					[changeCauseAnnotation]: past.cause,
					'deployment.kubernetes.io/desired-replicas': '2',
					'deployment.kubernetes.io/max-replicas': '3',
					[revisionAnnotation]: String(index + 1),
				},
				ownerReferences: [ownerReferenceTo(d)],
			},
			spec: {replicas: 0, selector: {matchLabels: {app: 'shop', [templateHashLabel]: hash}}, template},
			status: {replicas: 0},
		};
		store.create('replicasets', rs);
	}
}
