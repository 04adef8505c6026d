// Which watches a monitor needs, as narrow as the API lets us express: never the whole cluster,
// one watch per resource (a resource's SYNCED replaces its whole set in the store), server-side
// selectors where possible and a client-side filter where selectors cannot say "or".
import type {Deployment, KubeEvent, KubeObject, Labels, Service} from '../k8s/types.js';
import {labelSelectorString, matchesSelector} from '../rollout/ownership.js';
import type {WatchedResource} from '../store/types.js';

export type WatchTarget = {
	namespace: string;
	/** Deployments by name; none and no labelSelector means every Deployment in the namespace (list view). */
	names?: readonly string[];
	/** `-l`: Deployments by label. */
	labelSelector?: string;
};

export type WatchSpec = {
	labelSelector?: string;
	fieldSelector?: string;
	filter?: (object: KubeObject) => boolean;
	/** Equal keys mean an equivalent watch: re-scoping restarts only watches whose key changed. */
	key: string;
};

export type WatchPlan = Partial<Record<WatchedResource, WatchSpec>>;

/**
 * The plan for a target given what the deployments (and services) watches have shown so far:
 * ReplicaSets and pods need the Deployments' selectors, EndpointSlices need the matching Services.
 */
export function planWatches(target: WatchTarget, deployments: readonly Deployment[], services: readonly Service[]): WatchPlan {
	const plan: WatchPlan = {deployments: deploymentSpec(target)};
	const watched = deployments.filter((deployment) => isTargeted(target, deployment));
	if (watched.length === 0) return plan;

	const owned = podSelectorSpec(watched);
	plan.replicasets = {...owned, key: `rs|${owned.key}`};
	plan.pods = {...owned, key: `pods|${owned.key}`};

	const templateLabels = watched.map((deployment) => deployment.spec.template.metadata?.labels ?? {});
	const selects = (service: Service) => hasSelector(service) && templateLabels.some((labels) => matchesSelector(labels, service.spec.selector));
	plan.services = {
		filter: (object) => selects(object as Service),
		key: `svc|${templateLabels.map((labels) => labelsKey(labels)).sort().join(';')}`,
	};

	const serviceNames = services.filter(selects).map((service) => service.metadata.name ?? '').sort();
	if (serviceNames.length > 0) {
		const labelSelector = serviceNames.length === 1 ? `kubernetes.io/service-name=${serviceNames[0]}` : `kubernetes.io/service-name in (${serviceNames.join(',')})`;
		plan.endpointslices = {labelSelector, key: `eps|${labelSelector}`};
	}

	// Only Warning events are shown (source/rollout/warning-events.ts). The Normal ones (Scheduled, Pulled,
	// Created, Started, Killing, SuccessfulCreate…: several per pod) outnumbered the pod events themselves
	// during a rollout, so the server drops them: `type` is one of the fields an Event watch can select on.
	const names = watched.map((deployment) => deployment.metadata.name ?? '').sort();
	plan.events = {fieldSelector: 'type=Warning', filter: (object) => concernsDeployments(object as KubeEvent, names), key: `events|type=Warning|${names.join(',')}`};
	return plan;
}

function deploymentSpec(target: WatchTarget): WatchSpec {
	const names = [...new Set(target.names ?? [])].sort();
	if (names.length === 1) return {fieldSelector: `metadata.name=${names[0]}`, key: `deploy|name=${names[0]}`};
	if (names.length > 1) {
		// A field selector cannot say "name in (…)": watch the namespace, keep only these names.
		const wanted = new Set(names);
		return {
			labelSelector: target.labelSelector,
			filter: (object) => wanted.has(object.metadata.name ?? ''),
			key: `deploy|names=${names.join(',')}|${target.labelSelector ?? ''}`,
		};
	}
	return {labelSelector: target.labelSelector, key: `deploy|${target.labelSelector ?? '*'}`};
}

function isTargeted(target: WatchTarget, deployment: Deployment): boolean {
	return !target.names?.length || target.names.includes(deployment.metadata.name ?? '');
}

/** One selector for the pods and ReplicaSets of several Deployments, plus a filter when it is wider. */
function podSelectorSpec(deployments: readonly Deployment[]): Omit<WatchSpec, 'key'> & {key: string} {
	const selectors = deployments.map((deployment) => deployment.spec.selector);
	const strings = [...new Set(selectors.map((selector) => labelSelectorString(selector)))].sort();
	if (strings.length === 1) return {labelSelector: strings[0], key: strings[0]!};
	const key = strings.join(';');
	const anyOf = (object: KubeObject) => selectors.some((selector) => matchesSelector(object.metadata.labels, selector));
	// All plain `k=v` on the same single key: `k in (v1,v2)` is exact.
	const single = selectors.every((selector) => !selector.matchExpressions?.length && Object.keys(selector.matchLabels ?? {}).length === 1);
	const keys = new Set(selectors.flatMap((selector) => Object.keys(selector.matchLabels ?? {})));
	if (single && keys.size === 1) {
		const [labelKey] = keys;
		const values = [...new Set(selectors.map((selector) => selector.matchLabels![labelKey!]!))].sort();
		return {labelSelector: `${labelKey} in (${values.join(',')})`, key};
	}
	// Otherwise the labels every selector shares narrow the watch; the filter does the rest.
	const shared = sharedLabels(selectors.map((selector) => selector.matchLabels ?? {}));
	return {labelSelector: Object.keys(shared).length > 0 ? labelSelectorString({matchLabels: shared}) : undefined, filter: anyOf, key};
}

function sharedLabels(all: readonly Labels[]): Labels {
	const [first = {}, ...rest] = all;
	return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((labels) => labels[key] === value)));
}

const hasSelector = (service: Service) => Object.keys(service.spec?.selector ?? {}).length > 0;

const labelsKey = (labels: Labels) =>
	Object.entries(labels)
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([key, value]) => `${key}=${value}`)
		.join(',');

/** Events about the Deployments, their ReplicaSets (`NAME-hash`) and pods (`NAME-hash-xxxxx`). */
function concernsDeployments(event: KubeEvent, names: readonly string[]): boolean {
	const involved = event.involvedObject;
	if (!involved || !['Deployment', 'ReplicaSet', 'Pod'].includes(involved.kind ?? '')) return false;
	const name = involved.name ?? '';
	return names.some((deployment) => name === deployment || (involved.kind !== 'Deployment' && name.startsWith(`${deployment}-`)));
}
