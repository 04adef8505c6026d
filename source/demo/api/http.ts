// Request/response plumbing shared by every handler: bodies, JSON replies, Status errors, content negotiation.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {ApiError} from '../status.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
	return (await readBodyBytes(req)).toString('utf8');
}

export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 8388608'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Parses a JSON request body; malformed JSON is a 400 as kubectl expects it. */
export function parseJson(body: string, what = 'request body'): unknown {
	try {
		return JSON.parse(body);
	} catch (error) {
		throw new ApiError(400, 'BadRequest', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${what}: ${(error as Error).message})`);
	}
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
	if (res.headersSent) {
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(code, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers});
	res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string) {
	res.writeHead(code, {'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff'});
	res.end(text);
}

export function sendError(res: ServerResponse, error: unknown) {
	const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error)?.message ?? String(error)}`);
	const headers: Record<string, string> = {};
	if (apiError.details?.retryAfterSeconds !== undefined) headers['Retry-After'] = String(apiError.details.retryAfterSeconds);
	sendJson(res, apiError.code, apiError.toStatus(), headers);
}

export type Representation = {kind: 'json'} | {kind: 'table'; version: 'v1' | 'v1beta1'};

/**
 * What the client accepts, best first. JSON is served for `application/json`, `*\/*` or a protobuf list
 * that also names JSON (the typed clientset does); a Table when asked for `as=Table` in meta.k8s.io.
 * `undefined` means nothing we can produce is acceptable (406).
 */
export function negotiate(accept: string | undefined, tableAllowed: boolean): Representation | undefined {
	if (!accept || !accept.trim()) return {kind: 'json'};
	for (const part of accept.split(',')) {
		const [type = '', ...paramParts] = part.split(';').map(s => s.trim());
		const params = new Map(paramParts.map(p => p.split('=').map(s => s.trim()) as [string, string]));
		const as = params.get('as');
		if (as === 'Table') {
			const version = params.get('v');
			if (tableAllowed && params.get('g') === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1') && (type === 'application/json' || type === '*/*')) return {kind: 'table', version};
			continue;
		}
		if (as) continue;
		if (type === 'application/json' || type === '*/*' || type === 'application/*') return {kind: 'json'};
	}
	return undefined;
}

export function notAcceptable(): ApiError {
	return new ApiError(406, 'NotAcceptable', 'the server was unable to respond with a content type that the client supports');
}
