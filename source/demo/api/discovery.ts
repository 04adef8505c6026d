// Legacy (unaggregated) discovery documents: kubectl builds its REST mapper and short names from these.
import {API_RESOURCES, GROUP_VERSIONS, apiVersionOf} from './catalog.js';

export const SERVER_VERSION = {
	major: '1',
	minor: '35',
	emulationMajor: '1',
	emulationMinor: '35',
	minCompatibilityMajor: '1',
	minCompatibilityMinor: '34',
	gitVersion: 'v1.35.0',
	gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
	gitTreeState: 'clean',
	buildDate: '2025-12-17T12:32:06Z',
	goVersion: 'go1.25.5',
	compiler: 'gc',
	platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

export function apiGroupList() {
	const groups = GROUP_VERSIONS.filter(gv => gv.group !== '').map(gv => {
		const version = {groupVersion: apiVersionOf(gv), version: gv.version};
		return {name: gv.group, versions: [version], preferredVersion: version};
	});
	return {kind: 'APIGroupList', apiVersion: 'v1', groups};
}

export function apiGroup(group: string) {
	const gv = GROUP_VERSIONS.find(g => g.group === group && group !== '');
	if (!gv) return undefined;
	const version = {groupVersion: apiVersionOf(gv), version: gv.version};
	return {kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [version], preferredVersion: version};
}

export function apiResourceList(group: string, version: string) {
	if (!GROUP_VERSIONS.some(gv => gv.group === group && gv.version === version)) return undefined;
	const resources: Array<Record<string, unknown>> = [];
	for (const r of API_RESOURCES.filter(x => x.group === group && x.version === version)) {
		resources.push({
			name: r.name,
			singularName: r.singularName,
			namespaced: r.namespaced,
			kind: r.kind,
			verbs: r.verbs,
			...(r.shortNames ? {shortNames: r.shortNames} : {}),
			...(r.categories ? {categories: r.categories} : {}),
		});
		for (const sub of r.subresources ?? []) {
			if (sub === 'status') resources.push({name: `${r.name}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update']});
			else resources.push({name: `${r.name}/scale`, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update']});
		}
		if (r.name === 'services' && r.group === '') {
			resources.push({name: 'services/proxy', singularName: '', namespaced: true, kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update']});
		}
	}
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({group, version}), resources};
}
