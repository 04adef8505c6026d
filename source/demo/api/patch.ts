// The three patch types a Kubernetes API server accepts for built-in kinds: JSON Patch (RFC 6902),
// JSON Merge Patch (RFC 7386) and strategic merge patch (merge keys, directives). Results never carry
// `$`-directives: they are consumed here and stripped before anything is stored.
import {ApiError, badRequest} from '../status.js';
import {listStrategy} from './patch-meta.js';

export type PatchType = 'json' | 'merge' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
	'application/json-patch+json': 'json',
	'application/merge-patch+json': 'merge',
	'application/strategic-merge-patch+json': 'strategic',
};

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyPatch(type: PatchType, original: Json, patch: Json): Json {
	if (type === 'json') return applyJsonPatch(original, patch);
	if (type === 'merge') return applyMergePatch(original, patch);
	return applyStrategicMergePatch(original, patch);
}

// ---- RFC 7386 -------------------------------------------------------------------------------------

export function applyMergePatch(original: Json, patch: Json): Json {
	if (!isObject(patch)) return structuredClone(patch);
	const result: JsonObject = isObject(original) ? structuredClone(original) : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = applyMergePatch(result[key], value);
	}
	return result;
}

// ---- RFC 6902 -------------------------------------------------------------------------------------

type Operation = {op: string; path: string; value?: Json; from?: string};

/** Failures are 422 with the jsonpatch library's message as cause, as kube-apiserver reports them. */
function unprocessable(message: string): ApiError {
	return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {causes: [{reason: 'UnexpectedServerResponse', message}]});
}

export function applyJsonPatch(original: Json, patch: Json): Json {
	if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
	let doc = structuredClone(original);
	for (const raw of patch as Operation[]) {
		if (!isObject(raw) || typeof raw.op !== 'string') throw badRequest('Unexpected kind: unknown');
		const op = raw;
		if (typeof op.path !== 'string') throw unprocessable(`${op.op} operation does not apply: doc is missing path: ${op.path}: missing value`);
		switch (op.op) {
			case 'add':
				doc = add(doc, op.path, structuredClone(op.value));
				break;
			case 'remove':
				doc = remove(doc, op.path, 'remove');
				break;
			case 'replace':
				doc = replace(doc, op.path, structuredClone(op.value));
				break;
			case 'move': {
				const value = get(doc, op.from ?? '', 'move');
				doc = add(remove(doc, op.from ?? '', 'move'), op.path, value);
				break;
			}
			case 'copy':
				doc = add(doc, op.path, structuredClone(get(doc, op.from ?? '', 'copy')));
				break;
			case 'test':
				if (JSON.stringify(sortKeys(get(doc, op.path, 'test'))) !== JSON.stringify(sortKeys(op.value))) throw unprocessable(`testing value ${op.path} failed: test failed`);
				break;
			default:
				throw badRequest(`Unexpected kind: ${op.op}`);
		}
	}
	return doc;
}

function parsePointer(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw unprocessable(`invalid JSON pointer: ${path}`);
	return path.slice(1).split('/').map(s => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parent(doc: Json, path: string, op: string): {container: Json; key: string} {
	const parts = parsePointer(path);
	if (parts.length === 0) return {container: undefined, key: ''};
	let container = doc;
	for (const part of parts.slice(0, -1)) {
		container = child(container, part);
		if (container === undefined) throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	}
	return {container, key: parts.at(-1)!};
}

function child(container: Json, key: string): Json {
	if (Array.isArray(container)) return /^\d+$/.test(key) ? container[Number(key)] : undefined;
	if (isObject(container)) return Object.hasOwn(container, key) ? container[key] : undefined;
	return undefined;
}

function get(doc: Json, path: string, op: string): Json {
	const {container, key} = parent(doc, path, op);
	if (path === '') return doc;
	const value = child(container, key);
	if (value === undefined) throw unprocessable(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
	return value;
}

function add(doc: Json, path: string, value: Json): Json {
	if (path === '') return value;
	const {container, key} = parent(doc, path, 'add');
	if (Array.isArray(container)) {
		const index = key === '-' ? container.length : Number(key);
		if (!/^(\d+|-)$/.test(key) || index > container.length) throw unprocessable(`add operation does not apply: doc is missing path: "${path}": missing value`);
		container.splice(index, 0, value);
	} else if (isObject(container)) container[key] = value;
	else throw unprocessable(`add operation does not apply: doc is missing path: "${path}": missing value`);
	return doc;
}

function remove(doc: Json, path: string, op: string): Json {
	get(doc, path, op);
	const {container, key} = parent(doc, path, op);
	if (Array.isArray(container)) container.splice(Number(key), 1);
	else delete (container as JsonObject)[key];
	return doc;
}

function replace(doc: Json, path: string, value: Json): Json {
	if (path === '') return value;
	get(doc, path, 'replace');
	const {container, key} = parent(doc, path, 'replace');
	if (Array.isArray(container)) container[Number(key)] = value;
	else (container as JsonObject)[key] = value;
	return doc;
}

function sortKeys(value: Json): Json {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (!isObject(value)) return value;
	return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortKeys(value[k])]));
}

// ---- strategic merge patch ------------------------------------------------------------------------

export function applyStrategicMergePatch(original: Json, patch: Json): Json {
	if (!isObject(patch)) throw badRequest('json: cannot unmarshal into Go value of type map[string]interface {}');
	return mergeMap(isObject(original) ? original : {}, patch, []) ?? {};
}

function mergeMap(original: JsonObject | undefined, patch: JsonObject, path: string[]): JsonObject | undefined {
	const directive = patch.$patch;
	if (directive === 'delete') return undefined;
	if (directive === 'replace') return stripDirectives(patch) as JsonObject;
	const result: JsonObject = isObject(original) ? structuredClone(original) : {};
	for (const [key, value] of Object.entries(patch)) {
		if (key.startsWith('$')) continue;
		if (value === null) {
			delete result[key];
		} else if (Array.isArray(value)) {
			result[key] = mergeList(result[key], value, [...path, key]);
		} else if (isObject(value)) {
			const merged = mergeMap(isObject(result[key]) ? result[key] : undefined, value, [...path, key]);
			if (merged === undefined) delete result[key];
			else result[key] = merged;
		} else {
			result[key] = value;
		}
	}
	for (const [key, value] of Object.entries(patch)) {
		if (key.startsWith('$deleteFromPrimitiveList/') && Array.isArray(value)) {
			const field = key.slice('$deleteFromPrimitiveList/'.length);
			if (Array.isArray(result[field])) result[field] = (result[field] as Json[]).filter(item => !value.includes(item));
		}
	}
	for (const [key, value] of Object.entries(patch)) {
		if (key.startsWith('$setElementOrder/') && Array.isArray(value)) {
			const field = key.slice('$setElementOrder/'.length);
			if (Array.isArray(result[field])) result[field] = reorder(result[field] as Json[], value, listStrategy([...path, field]).mergeKey);
		}
	}
	if (Array.isArray(patch.$retainKeys)) {
		const keep = new Set(patch.$retainKeys as string[]);
		for (const key of Object.keys(result)) if (!keep.has(key)) delete result[key];
	}
	return result;
}

function mergeList(original: Json, patch: Json[], path: string[]): Json[] {
	const strategy = listStrategy(path);
	const replaceDirective = patch.find(item => isObject(item) && item.$patch === 'replace');
	if (replaceDirective || strategy.kind === 'replace') {
		return patch.filter(item => item !== replaceDirective).map(stripDirectives);
	}
	const result: Json[] = Array.isArray(original) ? structuredClone(original) : [];
	if (strategy.kind === 'merge-primitive') {
		for (const item of patch) if (!result.includes(item)) result.push(item);
		return result;
	}
	const key = strategy.mergeKey!;
	for (const item of patch) {
		if (!isObject(item)) {
			result.push(item);
			continue;
		}
		const index = result.findIndex(existing => isObject(existing) && existing[key] === item[key]);
		if (item.$patch === 'delete') {
			if (index >= 0) result.splice(index, 1);
			continue;
		}
		if (index >= 0) result[index] = mergeMap(result[index] as JsonObject, item, path) ?? {};
		else result.push(mergeMap({}, item, path) ?? {});
	}
	return result;
}

/** `$setElementOrder`: listed elements first, in the listed order; anything else keeps its place after them. */
function reorder(list: Json[], order: Json[], mergeKey: string | undefined): Json[] {
	const keyOf = (item: Json) => (mergeKey && isObject(item) ? item[mergeKey] : item);
	const wanted = order.map(keyOf);
	const ranked = list.map((item, i) => {
		const rank = wanted.findIndex(w => w === keyOf(item));
		return {item, rank: rank === -1 ? wanted.length + i : rank};
	});
	return ranked.sort((a, b) => a.rank - b.rank).map(entry => entry.item);
}

/** Deep copy without any `$`-prefixed key (directives must never reach storage). */
export function stripDirectives(value: Json): Json {
	if (Array.isArray(value)) return value.map(stripDirectives);
	if (!isObject(value)) return value;
	const out: JsonObject = {};
	for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
	return out;
}
