// The /scale subresource of Deployments and ReplicaSets: autoscaling/v1 Scale in and out; a write changes
// spec.replicas (and so bumps the Deployment's generation, as on a real server).
import type {Deployment, KubeObject} from '../../k8s/types.js';
import {badRequest} from '../status.js';
import type {RequestContext} from './context.js';
import {isDryRun} from './context.js';
import {parseJson, readBody, sendJson} from './http.js';
import {PATCH_CONTENT_TYPES, applyPatch} from './patch.js';
import {ApiError} from '../status.js';
import {labelSelectorString} from '../../rollout/ownership.js';
import {invalid} from './validation.js';

type Scale = {kind: 'Scale'; apiVersion: 'autoscaling/v1'; metadata: KubeObject['metadata']; spec: {replicas?: number}; status: {replicas: number; selector?: string}};

export function toScale(object: Deployment): Scale {
	const {name, namespace, uid, resourceVersion, creationTimestamp} = object.metadata;
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
		spec: {replicas: object.spec?.replicas ?? 0},
		status: {replicas: object.status?.replicas ?? 0, selector: labelSelectorString(object.spec?.selector)},
	};
}

export async function handleScale(ctx: RequestContext) {
	const {store, resource, namespace, name} = ctx;
	const current = store.mustGet<Deployment>(resource.store!, namespace, name!);
	const method = ctx.req.method;
	if (method === 'GET') return sendJson(ctx.res, 200, toScale(current));
	let scale: Scale;
	if (method === 'PUT') {
		scale = parseJson(await readBody(ctx.req)) as Scale;
	} else if (method === 'PATCH') {
		const type = PATCH_CONTENT_TYPES[(ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim()];
		if (!type) throw new ApiError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json');
		scale = applyPatch(type, toScale(current), parseJson(await readBody(ctx.req))) as Scale;
	} else {
		throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
	}
	const replicas = scale?.spec?.replicas;
	if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('Scale.autoscaling "" is invalid: spec.replicas: must be an integer');
	if (replicas < 0) throw invalid({...resource, kind: 'Scale', group: 'autoscaling'}, name!, [{type: 'Invalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0'}]);
	const updated = structuredClone(current);
	updated.spec.replicas = replicas;
	// A resourceVersion in the Scale is a precondition, as for the object itself.
	updated.metadata.resourceVersion = scale.metadata?.resourceVersion ?? '';
	if (isDryRun(ctx.query)) return sendJson(ctx.res, 200, toScale(updated));
	sendJson(ctx.res, 200, toScale(store.update(resource.store!, updated)));
}
