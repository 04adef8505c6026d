// The traffic split a plain Service actually gives (F.2): its ready endpoints grouped by version.
// kube-proxy picks ready endpoints uniformly per connection, so the share of ready endpoints is the
// share of new connections each version receives.
import type {Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service} from '../k8s/types.js';
import {isControlledBy, matchesSelector, revisionOf, templateImages, timeOf} from './ownership.js';

export const serviceNameLabel = 'kubernetes.io/service-name';

export type TrafficGrouping = 'auto' | 'revision' | 'label';

export type TrafficInput = {
	services: Iterable<Service>;
	endpointSlices: Iterable<EndpointSlice>;
	pods: Iterable<Pod>;
	replicaSets: Iterable<ReplicaSet>;
	deployments: Iterable<Deployment>;
	/** 'auto' (default): by version label when the Service spans several Deployments, else by revision. */
	groupBy?: TrafficGrouping;
	/** The pod label that names a version in a canary (default `version`). */
	versionLabel?: string;
};

export type TrafficGroup = {
	/** Stable key, e.g. `app-v2` (label) or `web:3` (deployment:revision). */
	key: string;
	/** What to show, e.g. `v2` or `rev 3`. */
	label: string;
	deployment?: string;
	revision?: number;
	images: string[];
	/** Endpoints the Service sends new connections to (conditions.ready !== false). */
	ready: number;
	/** Endpoints whose pod is Ready, terminating or not (conditions.serving, nil = ready). */
	serving: number;
	/** Endpoints of pods being deleted (conditions.terminating). */
	terminating: number;
	/** Percentage of the Service's ready endpoints, 0–100. */
	share: number;
};

export type ServiceTraffic = {
	service: string;
	namespace?: string;
	groupedBy: 'revision' | 'label';
	totalReady: number;
	/** Newest version first. */
	groups: TrafficGroup[];
};

type Member = {group: Omit<TrafficGroup, 'ready' | 'serving' | 'terminating' | 'share'>; createdAt: number};

const sameNamespace = (a: {metadata: {namespace?: string}}, b: {metadata: {namespace?: string}}) => (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '');

function controllerOf<T extends KubeObject>(object: KubeObject, candidates: readonly T[]): T | undefined {
	return candidates.find(candidate => isControlledBy(object, candidate));
}

function membership(pod: Pod | undefined, byLabel: boolean, versionLabel: string, replicaSets: readonly ReplicaSet[], deployments: readonly Deployment[]): Member {
	if (pod === undefined) {
		return {group: {key: '?', label: 'unknown', images: []}, createdAt: 0};
	}

	const rs = controllerOf(pod, replicaSets);
	const deployment = rs === undefined ? undefined : controllerOf(rs, deployments);
	const revision = rs === undefined ? undefined : revisionOf(rs);
	const images = rs === undefined ? pod.spec.containers.map(container => container.image ?? '') : templateImages(rs.spec.template);
	const deploymentName = deployment?.metadata.name;
	const createdAt = timeOf(rs?.metadata.creationTimestamp ?? pod.metadata.creationTimestamp) ?? 0;
	const common = {images, ...(deploymentName === undefined ? {} : {deployment: deploymentName}), ...(revision === undefined ? {} : {revision})};
	const version = pod.metadata.labels?.[versionLabel];
	if (byLabel && version !== undefined) {
		return {group: {key: `${versionLabel}=${version}`, label: version, ...common}, createdAt};
	}

	const owner = deploymentName ?? rs?.metadata.name ?? pod.metadata.name ?? '';
	const key = `${owner}:${revision ?? '?'}`;
	const label = byLabel && deploymentName !== undefined ? `${deploymentName} rev ${revision ?? '?'}` : `rev ${revision ?? '?'}`;
	return {group: {key, label, ...common}, createdAt};
}

function serviceTraffic(service: Service, input: Required<Omit<TrafficInput, 'services' | 'endpointSlices' | 'pods' | 'replicaSets' | 'deployments'>>, slices: readonly EndpointSlice[], pods: readonly Pod[], replicaSets: readonly ReplicaSet[], deployments: readonly Deployment[]): ServiceTraffic {
	const selected = pods.filter(pod => sameNamespace(pod, service) && matchesSelector(pod.metadata.labels, service.spec.selector));
	const owners = new Set(selected.map(pod => {
		const rs = controllerOf(pod, replicaSets);
		return (rs === undefined ? undefined : controllerOf(rs, deployments))?.metadata.uid ?? rs?.metadata.uid ?? pod.metadata.uid;
	}));
	const byLabel = input.groupBy === 'label' || (input.groupBy === 'auto' && owners.size > 1);
	const podsByUid = new Map(pods.map(pod => [pod.metadata.uid, pod]));
	const podsByName = new Map(pods.filter(pod => sameNamespace(pod, service)).map(pod => [pod.metadata.name, pod]));
	const groups = new Map<string, TrafficGroup & {createdAt: number}>();
	const seen = new Set<string>();
	for (const slice of slices) {
		if (slice.metadata.labels?.[serviceNameLabel] !== service.metadata.name || !sameNamespace(slice, service)) {
			continue;
		}

		for (const endpoint of slice.endpoints ?? []) {
			// Dual-stack lists one pod in an IPv4 and an IPv6 slice: count it once.
			const identity = endpoint.targetRef?.uid ?? endpoint.targetRef?.name ?? endpoint.addresses.join(',');
			if (seen.has(identity)) {
				continue;
			}

			seen.add(identity);
			const pod = podsByUid.get(endpoint.targetRef?.uid) ?? podsByName.get(endpoint.targetRef?.name);
			const {group, createdAt} = membership(pod, byLabel, input.versionLabel, replicaSets, deployments);
			const entry = groups.get(group.key) ?? {...group, ready: 0, serving: 0, terminating: 0, share: 0, createdAt};
			const ready = endpoint.conditions?.ready !== false;
			entry.ready += ready ? 1 : 0;
			entry.serving += (endpoint.conditions?.serving ?? ready) === false ? 0 : 1;
			entry.terminating += endpoint.conditions?.terminating === true ? 1 : 0;
			entry.createdAt = Math.max(entry.createdAt, createdAt);
			groups.set(group.key, entry);
		}
	}

	const totalReady = [...groups.values()].reduce((total, group) => total + group.ready, 0);
	const sorted = [...groups.values()]
		// Within one Deployment the highest revision is the newest (a rollback revives an old, early-created RS);
		// across Deployments only creation order says which version is newer.
		.sort((a, b) => (byLabel ? 0 : (b.revision ?? 0) - (a.revision ?? 0)) || b.createdAt - a.createdAt || b.key.localeCompare(a.key))
		.map(({createdAt: _createdAt, ...group}) => ({...group, share: totalReady === 0 ? 0 : (group.ready / totalReady) * 100}));
	return {
		service: service.metadata.name ?? '',
		...(service.metadata.namespace === undefined ? {} : {namespace: service.metadata.namespace}),
		groupedBy: byLabel ? 'label' : 'revision',
		totalReady,
		groups: sorted,
	};
}

/** Whether the Service `namespace/service` has an endpoint it sends connections to (it can answer at all). */
export function serviceHasReadyEndpoint(endpointSlices: Iterable<EndpointSlice>, namespace: string, service: string): boolean {
	for (const slice of endpointSlices) {
		if (slice.metadata.namespace !== namespace || slice.metadata.labels?.[serviceNameLabel] !== service) continue;
		if ((slice.endpoints ?? []).some(endpoint => endpoint.conditions?.ready !== false)) return true;
	}

	return false;
}

/** One entry per Service whose selector matches at least one of the given pods. */
export function trafficShare(input: TrafficInput): ServiceTraffic[] {
	const pods = [...input.pods];
	const slices = [...input.endpointSlices];
	const replicaSets = [...input.replicaSets];
	const deployments = [...input.deployments];
	const options = {groupBy: input.groupBy ?? 'auto', versionLabel: input.versionLabel ?? 'version'};
	return [...input.services]
		.filter(service => Object.keys(service.spec.selector ?? {}).length > 0
			&& pods.some(pod => sameNamespace(pod, service) && matchesSelector(pod.metadata.labels, service.spec.selector)))
		.map(service => serviceTraffic(service, options, slices, pods, replicaSets, deployments));
}
