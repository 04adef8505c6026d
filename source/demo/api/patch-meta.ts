// Strategic-merge metadata for the built-in fields rollwatch's kinds use: which lists merge by which key.
// Mirrors the `patchStrategy`/`patchMergeKey` struct tags of k8s.io/api (reference section E).

export type ListStrategy = {kind: 'merge'; mergeKey: string} | {kind: 'merge-primitive'; mergeKey?: undefined} | {kind: 'replace'; mergeKey?: undefined};

const BY_NAME: Record<string, string> = {
	containers: 'name',
	initContainers: 'name',
	ephemeralContainers: 'name',
	env: 'name',
	volumeMounts: 'mountPath',
	volumeDevices: 'devicePath',
	volumes: 'name',
	imagePullSecrets: 'name',
	hostAliases: 'ip',
	topologySpreadConstraints: 'topologyKey',
	schedulingGates: 'name',
	resourceClaims: 'name',
	ownerReferences: 'uid',
	conditions: 'type',
	podIPs: 'ip',
	hostIPs: 'ip',
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** `path` is the chain of field names from the object root to the list (array indices omitted). */
export function listStrategy(path: string[]): ListStrategy {
	const field = path.at(-1) ?? '';
	if (field === 'finalizers' && path.at(-2) === 'metadata') return {kind: 'merge-primitive'};
	if (field === 'ports') {
		const owner = path.at(-2) ?? '';
		if (CONTAINER_LISTS.has(owner)) return {kind: 'merge', mergeKey: 'containerPort'};
		// Service spec.ports merge by port; EndpointSlice and Endpoints ports are atomic.
		if (owner === 'spec' && path.length === 2) return {kind: 'merge', mergeKey: 'port'};
		return {kind: 'replace'};
	}
	const key = BY_NAME[field];
	return key ? {kind: 'merge', mergeKey: key} : {kind: 'replace'};
}
