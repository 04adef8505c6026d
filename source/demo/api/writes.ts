// POST (create), PUT (update) and PATCH on items and their /status: decode, default, validate, store.
import type {KubeObject} from '../../k8s/types.js';
import type {Resource} from '../objects.js';
import {ApiError, badRequest, notFound} from '../status.js';
import {apiVersionOf} from './catalog.js';
import type {AdmitVerb, RequestContext} from './context.js';
import {fromWire, isDryRun, toWire} from './context.js';
import {applyDefaults} from './defaults.js';
import {parseJson, readBody, readBodyBytes, sendJson} from './http.js';
import {decodeProtobufObject, isProtobuf} from './protobuf.js';
import {PATCH_CONTENT_TYPES, applyPatch, stripDirectives} from './patch.js';
import {unknownFields} from './strict-fields.js';
import {validate} from './validation.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decodes a request body into an object of this resource's kind (400 on anything else). */
async function readObject(ctx: RequestContext): Promise<KubeObject> {
	const bytes = await readBodyBytes(ctx.req);
	const body = isProtobuf(ctx.req.headers['content-type']) ? decodeProtobufObject(bytes) : parseJson(bytes.toString('utf8'));
	const {resource} = ctx;
	if (!isObject(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
	if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(resource)) {
		throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(resource)})`);
	}
	if (body.kind !== undefined && body.kind !== resource.kind) throw badRequest(`${String(body.kind)} in version "${resource.version}" cannot be handled as a ${resource.kind}: no kind "${String(body.kind)}" is registered for version "${apiVersionOf(resource)}"`);
	if (!isObject(body.metadata)) body.metadata = {};
	return body as KubeObject;
}

/** fieldValidation=Strict rejects unknown fields (400), Warn (the default) reports them in a Warning header. */
function checkFields(ctx: RequestContext, object: unknown, verb: AdmitVerb): string[] {
	const mode = ctx.query.get('fieldValidation') ?? 'Warn';
	if (mode === 'Ignore') return [];
	const unknown = unknownFields(ctx.resource.store ?? '', object);
	if (unknown.length === 0) return [];
	const text = unknown.map(f => `unknown field "${f}"`);
	if (mode === 'Strict') {
		const prefix = verb === 'patch' ? '' : `${ctx.resource.kind} in version "${ctx.resource.version}" cannot be handled as a ${ctx.resource.kind}: `;
		throw badRequest(`${prefix}strict decoding error: ${text.join(', ')}`);
	}
	return text.map(t => `299 - ${JSON.stringify(t)}`);
}

function ensureNamespace(ctx: RequestContext) {
	if (!ctx.resource.namespaced || !ctx.namespace) return;
	if (!ctx.store.get('namespaces', undefined, ctx.namespace)) throw notFound('namespaces', '', ctx.namespace);
}

function sendWritten(ctx: RequestContext, code: number, object: KubeObject, warnings: string[]) {
	sendJson(ctx.res, code, toWire(ctx.resource, object), warnings.length ? {Warning: warnings.join(', ')} : {});
}

function prepare(ctx: RequestContext, object: KubeObject, verb: AdmitVerb, old?: KubeObject): KubeObject {
	const storeResource = ctx.resource.store as Resource;
	applyDefaults(storeResource, object, ctx.store);
	validate(ctx.resource, object, old);
	ctx.hooks.onAdmit?.(storeResource, verb, object);
	return object;
}

export async function handleCreate(ctx: RequestContext) {
	const {resource, store} = ctx;
	const wire = await readObject(ctx);
	const warnings = checkFields(ctx, wire, 'create');
	if (resource.namespaced) {
		if (wire.metadata.namespace && wire.metadata.namespace !== ctx.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
		wire.metadata.namespace = ctx.namespace;
	}
	ensureNamespace(ctx);
	const object = fromWire(resource, wire) as KubeObject & {status?: unknown};
	// Status is the controllers' to write: a create starts from an empty one (pods: Pending).
	if (resource.subresources?.includes('status')) delete object.status;
	if (resource.store === 'deployments') object.status = {};
	if (resource.store === 'replicasets') object.status = {replicas: 0};
	delete object.metadata.resourceVersion;
	prepare(ctx, object, 'create');
	if (isDryRun(ctx.query)) return sendWritten(ctx, 201, object, warnings);
	sendWritten(ctx, 201, store.create(resource.store!, object), warnings);
}

export async function handleUpdate(ctx: RequestContext) {
	const {resource, store} = ctx;
	const wire = await readObject(ctx);
	if (wire.metadata.name !== ctx.name) throw badRequest(`the name of the object (${wire.metadata.name ?? ''}) does not match the name on the URL (${ctx.name})`);
	if (resource.namespaced) {
		if (wire.metadata.namespace && wire.metadata.namespace !== ctx.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
		wire.metadata.namespace = ctx.namespace;
	}
	const warnings = checkFields(ctx, wire, 'update');
	const current = store.mustGet(resource.store!, ctx.namespace, ctx.name!);
	const object = fromWire(resource, wire);
	sendWritten(ctx, 200, write(ctx, object, current, 'update'), warnings);
}

export async function handlePatch(ctx: RequestContext) {
	const {resource, store} = ctx;
	const contentType = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim();
	const type = PATCH_CONTENT_TYPES[contentType];
	if (!type) {
		throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
	}
	const patch = parseJson(await readBody(ctx.req), 'patch');
	const current = store.mustGet(resource.store!, ctx.namespace, ctx.name!);
	const patched = stripDirectives(applyPatch(type, toWire(resource, current), patch));
	if (!isObject(patched) || !isObject(patched.metadata)) throw badRequest('patched object is not a JSON object');
	const warnings = checkFields(ctx, patched, 'patch');
	const object = fromWire(resource, patched as KubeObject);
	sendWritten(ctx, 200, write(ctx, object, current, 'patch'), warnings);
}

/** Shared by PUT and PATCH: main resource or /status, with dry-run. */
function write(ctx: RequestContext, object: KubeObject, current: KubeObject, verb: AdmitVerb): KubeObject {
	const {store, resource} = ctx;
	object.metadata.name = current.metadata.name;
	if (resource.namespaced) object.metadata.namespace = current.metadata.namespace;
	if (ctx.subresource === 'status') {
		prepare(ctx, {...current, status: (object as {status?: unknown}).status} as KubeObject, verb, current);
		if (isDryRun(ctx.query)) return object;
		return store.updateStatus(resource.store!, object);
	}
	prepare(ctx, object, verb, current);
	if (isDryRun(ctx.query)) return object;
	return store.update(resource.store!, object);
}
