// Dispatch of resource URLs by verb, plus DELETE and SelfSubjectAccessReview.
import type {KubeObject} from '../../k8s/types.js';
import {ApiError} from '../status.js';
import type {RequestContext} from './context.js';
import {isDryRun, toWire} from './context.js';
import type {DeleteOptions} from './delete.js';
import {deleteObject, deletedStatus} from './delete.js';
import {parseJson, readBody, sendJson} from './http.js';
import {objectFilter} from './list-options.js';
import {isProtobuf} from './protobuf.js';
import {handleCollectionGet, handleItemGet} from './reads.js';
import {handleScale} from './scale.js';
import {handleCreate, handlePatch, handleUpdate} from './writes.js';

export const methodNotAllowed = () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export async function handleResource(ctx: RequestContext): Promise<void> {
	const {resource, req} = ctx;
	const method = req.method ?? 'GET';
	if (resource.name === 'selfsubjectaccessreviews') return handleAccessReview(ctx, method);
	checkBodyType(ctx, method);
	const verbs = resource.verbs;
	const allow = (verb: string) => {
		if (!verbs.includes(verb)) throw methodNotAllowed();
	};
	if (ctx.subresource === 'scale') {
		if (!resource.subresources?.includes('scale')) throw notFoundPath();
		return handleScale(ctx);
	}
	if (ctx.subresource && (ctx.subresource !== 'status' || !resource.subresources?.includes('status'))) throw notFoundPath();
	if (!ctx.name) {
		if (method === 'GET') return handleCollectionGet(ctx);
		if (method === 'POST') {
			allow('create');
			return handleCreate(ctx);
		}
		if (method === 'DELETE') {
			allow('deletecollection');
			return handleDeleteCollection(ctx);
		}
		throw methodNotAllowed();
	}
	switch (method) {
		case 'GET':
			return handleItemGet(ctx);
		case 'PUT':
			allow('update');
			return handleUpdate(ctx);
		case 'PATCH':
			allow('patch');
			return handlePatch(ctx);
		case 'DELETE':
			if (ctx.subresource) throw methodNotAllowed();
			allow('delete');
			return handleDelete(ctx);
		default:
			throw methodNotAllowed();
	}
}

const isJsonContent = (type: string | undefined) => !type || /^application\/(json|[\w.+-]*\+json)\b/.test(type);

/** Bodies we cannot decode (CBOR, YAML) get 415; protobuf is decoded for the kinds kubectl creates. */
function checkBodyType(ctx: RequestContext, method: string) {
	const type = ctx.req.headers['content-type'];
	if ((method === 'POST' || method === 'PUT') && !isJsonContent(type) && !isProtobuf(type)) {
		throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
	}
}

export const notFoundPath = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

async function deleteOptions(ctx: RequestContext): Promise<DeleteOptions> {
	const text = await readBody(ctx.req);
	const body = (text.trim() ? parseJson(text) : {}) as Record<string, unknown>;
	const q = ctx.query;
	const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
	const options: DeleteOptions = {dryRun: isDryRun(q) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'))};
	if (grace !== undefined && grace !== null) options.gracePeriodSeconds = Number(grace);
	const policy = q.get('propagationPolicy') ?? body.propagationPolicy;
	if (policy) {
		if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
		options.propagationPolicy = policy;
	} else if (body.orphanDependents === true || q.get('orphanDependents') === 'true') {
		options.propagationPolicy = 'Orphan';
	}
	if (body.preconditions) options.preconditions = body.preconditions as DeleteOptions['preconditions'];
	return options;
}

async function handleDelete(ctx: RequestContext) {
	const {store, resource} = ctx;
	const options = await deleteOptions(ctx);
	const {object, removed} = deleteObject(store, resource.store!, ctx.namespace, ctx.name!, options);
	// Pods come back as the object (graceful or not); other kinds removed at once as a Success Status.
	if (resource.store === 'pods' || !removed) return sendJson(ctx.res, 200, toWire(resource, object));
	sendJson(ctx.res, 200, deletedStatus(resource.store!, object));
}

async function handleDeleteCollection(ctx: RequestContext) {
	const {store, resource} = ctx;
	const options = await deleteOptions(ctx);
	const filter = objectFilter(resource, ctx.namespace, ctx.query);
	const deleted: KubeObject[] = [];
	for (const object of store.list(resource.store!).filter(filter)) {
		if (!store.get(resource.store!, object.metadata.namespace, object.metadata.name!)) continue;
		deleted.push(deleteObject(store, resource.store!, object.metadata.namespace, object.metadata.name!, options).object);
	}
	sendJson(ctx.res, 200, {kind: `${resource.kind}List`, apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version, metadata: {resourceVersion: String(store.resourceVersion)}, items: deleted.map(o => toWire(resource, o))});
}

/** Everyone may do everything in the demo cluster. */
async function handleAccessReview(ctx: RequestContext, method: string) {
	if (method !== 'POST' || ctx.name) throw methodNotAllowed();
	const text = await readBody(ctx.req);
	// kubectl's typed client sends this one as protobuf; the answer (JSON, which it also accepts) only needs status.
	const body = (isJsonContent(ctx.req.headers['content-type']) ? parseJson(text) : {}) as {spec?: unknown};
	sendJson(ctx.res, 201, {kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {creationTimestamp: null}, spec: body?.spec ?? {}, status: {allowed: true, reason: 'the demo cluster allows everything'}});
}
