// Just enough OpenAPI v3 for `kubectl apply` / `create -f` / `replace` to validate server-side: kubectl
// looks for a `fieldValidation` query parameter on each kind's PATCH operation and, finding it, sends
// `fieldValidation=Strict` instead of validating client-side. No schemas are published, so kubectl's
// apply computes strategic merge patches from its compiled-in types (patch op has no requestBody).
import {API_RESOURCES, GROUP_VERSIONS, apiVersionOf} from './catalog.js';

const gvPath = (gv: {group: string; version: string}) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`);

export function openApiRoot() {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const gv of GROUP_VERSIONS) {
		paths[gvPath(gv)] = {serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${hash(apiVersionOf(gv))}`};
	}
	return {paths};
}

/** The per-group-version document for `/openapi/v3/api/v1` or `/openapi/v3/apis/<group>/<version>`. */
export function openApiGroupVersion(path: string) {
	const gv = GROUP_VERSIONS.find(g => gvPath(g) === path);
	if (!gv) return undefined;
	const paths: Record<string, unknown> = {};
	for (const r of API_RESOURCES.filter(x => x.group === gv.group && x.version === gv.version && x.verbs.includes('patch'))) {
		const item = r.namespaced ? `/${gvPath(gv)}/namespaces/{namespace}/${r.name}/{name}` : `/${gvPath(gv)}/${r.name}/{name}`;
		paths[item] = {
			patch: {
				operationId: `patch${r.kind}`,
				'x-kubernetes-action': 'patch',
				'x-kubernetes-group-version-kind': {group: r.group, version: r.version, kind: r.kind},
				parameters: [
					{name: 'dryRun', in: 'query', schema: {type: 'string', uniqueItems: true}},
					{name: 'fieldManager', in: 'query', schema: {type: 'string', uniqueItems: true}},
					{name: 'fieldValidation', in: 'query', schema: {type: 'string', uniqueItems: true}},
					{name: 'force', in: 'query', schema: {type: 'boolean', uniqueItems: true}},
				],
				responses: {'200': {description: 'OK'}},
			},
		};
	}
	return {openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.35.0'}, paths, components: {schemas: {}}};
}

function hash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h.toString(16).toUpperCase().padStart(8, '0');
}
