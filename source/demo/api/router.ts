// URL → what is being asked for. Pure: no store, no I/O.
import type {ApiResource} from './catalog.js';
import {findResource} from './catalog.js';

export type Route =
	| {kind: 'health'}
	| {kind: 'version'}
	| {kind: 'api'}
	| {kind: 'apis'}
	| {kind: 'group'; group: string}
	| {kind: 'resource-list'; group: string; version: string}
	| {kind: 'openapi-root'}
	| {kind: 'openapi-group-version'; path: string}
	| {kind: 'proxy'; namespace: string; service: string; port?: string; path: string}
	| {kind: 'resource'; resource: ApiResource; namespace?: string; name?: string; subresource?: string}
	| {kind: 'not-found'};

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function route(pathname: string): Route {
	const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
	if (HEALTH.has(path) || /^\/(healthz|livez|readyz)\//.test(path)) return {kind: 'health'};
	if (path === '/version') return {kind: 'version'};
	if (path === '/api') return {kind: 'api'};
	if (path === '/apis') return {kind: 'apis'};
	if (path === '/openapi/v3') return {kind: 'openapi-root'};
	if (path.startsWith('/openapi/v3/')) return {kind: 'openapi-group-version', path: path.slice('/openapi/v3/'.length)};
	let segments: string[];
	try {
		segments = path.split('/').slice(1).map(decodeURIComponent);
	} catch {
		return {kind: 'not-found'};
	}
	if (segments[0] === 'api' && segments[1]) return resourcePath('', segments[1], segments.slice(2));
	if (segments[0] === 'apis' && segments[1]) {
		if (!segments[2]) return {kind: 'group', group: segments[1]};
		return resourcePath(segments[1], segments[2], segments.slice(3));
	}
	return {kind: 'not-found'};
}

function resourcePath(group: string, version: string, rest: string[]): Route {
	if (rest.length === 0) return {kind: 'resource-list', group, version};
	if (rest[0] === 'namespaces' && rest.length >= 3 && group === '' && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
		const namespace = rest[1]!;
		const [plural, name, subresource, ...tail] = rest.slice(2);
		if (plural === 'services' && name && subresource === 'proxy') {
			const parts = name.split(':');
			const [service, port] = parts.length === 3 ? [parts[1]!, parts[2]] : [parts[0]!, parts[1]];
			return {kind: 'proxy', namespace, service, ...(port ? {port} : {}), path: `/${tail.join('/')}`};
		}
		return item(group, version, plural!, namespace, name, subresource, tail);
	}
	if (rest[0] === 'namespaces' && rest.length >= 3 && group !== '') {
		const [, namespace, plural, name, subresource, ...tail] = rest;
		return item(group, version, plural!, namespace, name, subresource, tail);
	}
	const [plural, name, subresource, ...tail] = rest;
	return item(group, version, plural!, undefined, name, subresource, tail);
}

function item(group: string, version: string, plural: string, namespace: string | undefined, name: string | undefined, subresource: string | undefined, tail: string[]): Route {
	const resource = findResource(group, version, plural);
	if (!resource || tail.length > 0) return {kind: 'not-found'};
	// A cluster-scoped resource addressed inside a namespace, or the reverse for items, does not exist.
	if (namespace !== undefined && !resource.namespaced) return {kind: 'not-found'};
	if (namespace === undefined && resource.namespaced && name !== undefined) return {kind: 'not-found'};
	return {kind: 'resource', resource, ...(namespace !== undefined ? {namespace} : {}), ...(name !== undefined ? {name} : {}), ...(subresource !== undefined ? {subresource} : {})};
}
