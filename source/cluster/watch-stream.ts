// Reads one watch response: newline-delimited JSON events (D.4). Lines that do not parse, or parse
// into something that is not a watch event, are counted and skipped, never fatal.
//
// Every watch event takes this path, so it is kept short: the body's Buffers arrive as 'data' events
// (no promise per chunk), lines are found by their '\n' byte in the Buffer (a byte UTF-8 never uses
// inside a character) and each line is decoded once, from its own bytes, and parsed once. Only a line
// cut by a chunk boundary is copied, once, when its end arrives.
import type {Readable} from 'node:stream';
import type {KubeObject} from '../k8s/types.js';
import {KubeHttpError} from './errors.js';
import type {KubeStatus} from './errors.js';

export type StreamEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export type ReadWatchOptions = {
	signal: AbortSignal;
	/** No bytes for this long: call onIdle (which should abort `signal`). */
	idleTimeoutMs: number;
	onIdle: () => void;
	onEvent: (type: StreamEventType, object: KubeObject) => void;
	onMalformed: () => void;
};

export type StreamEnd = {ended: 'closed' | 'expired' | 'aborted'; events: number};

const NEWLINE = 0x0a;

const isObjectEvent = (type: unknown): type is StreamEventType => type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' || type === 'BOOKMARK';

/** Whether `bytes` starts with a UTF-8 byte order mark (a decoder drops it at the start of a stream). */
const startsWithBom = (bytes: Buffer, start: number, end: number) => end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;

/**
 * Resolves when the stream ends: cleanly, with a 410 ERROR event, or aborted. Rejects for other ERROR
 * events and for a body that fails (a reset connection). The body is destroyed once this settles.
 */
export function readWatchStream(body: Readable | null | undefined, options: ReadWatchOptions): Promise<StreamEnd> {
	if (!body) return Promise.resolve({ended: 'closed', events: 0});
	const {signal} = options;
	let events = 0;
	let firstLine = true;
	// The start of a line whose end has not arrived yet, in the pieces it came in.
	let pending: Buffer[] = [];

	// Returns true when the server said our resourceVersion is too old.
	const handle = (bytes: Buffer, start: number, end: number): boolean => {
		if (firstLine) {
			firstLine = false;
			if (startsWithBom(bytes, start, end)) start += 3;
		}
		if (start === end) return false;
		const line = bytes.toString('utf8', start, end);
		let event: {type?: unknown; object?: unknown};
		try {
			event = JSON.parse(line) as typeof event;
		} catch {
			// A blank line (whitespace only) is not an error; anything else that is not JSON is.
			if (line.trim() !== '') options.onMalformed();
			return false;
		}
		const object = event?.object as KubeObject | undefined;
		const type = event?.type;
		if (type === 'ERROR') {
			const status = (object ?? {}) as KubeStatus;
			if (status.code === 410) return true;
			throw new KubeHttpError(typeof status.code === 'number' ? status.code : 500, status);
		}
		if (!isObjectEvent(type) || !object || typeof object !== 'object' || !object.metadata) {
			options.onMalformed();
			return false;
		}
		events++;
		options.onEvent(type, object);
		return false;
	};

	return new Promise<StreamEnd>((resolve, reject) => {
		let settled = false;
		// One timer for the whole stream, pushed back with refresh() as bytes arrive (no timer per chunk).
		const idle = setTimeout(options.onIdle, options.idleTimeoutMs);
		const finish = (error: unknown, ended: StreamEnd['ended'] = 'closed') => {
			if (settled) return;
			settled = true;
			clearTimeout(idle);
			signal.removeEventListener('abort', onAbort);
			body.off('data', onData);
			body.off('end', onEnd);
			body.off('error', onError);
			body.off('close', onClose);
			// Keep an error the body raises after this (the destroy below, a late reset) from going unheard.
			body.on('error', () => undefined);
			body.destroy();
			if (signal.aborted) resolve({ended: 'aborted', events});
			else if (error !== undefined) reject(error);
			else resolve({ended, events});
		};
		const onAbort = () => finish(undefined, 'aborted');
		const onData = (chunk: Buffer) => {
			idle.refresh();
			try {
				let start = 0;
				let newline = chunk.indexOf(NEWLINE);
				if (newline !== -1 && pending.length > 0) {
					pending.push(chunk.subarray(0, newline));
					const line = Buffer.concat(pending);
					pending = [];
					if (handle(line, 0, line.length)) return finish(undefined, 'expired');
					start = newline + 1;
					newline = chunk.indexOf(NEWLINE, start);
				}
				while (newline !== -1) {
					if (handle(chunk, start, newline)) return finish(undefined, 'expired');
					if (settled) return;
					start = newline + 1;
					newline = chunk.indexOf(NEWLINE, start);
				}
				if (start < chunk.length) pending.push(start === 0 ? chunk : chunk.subarray(start));
			} catch (error) {
				finish(error);
			}
		};
		const onEnd = () => {
			try {
				if (pending.length > 0) {
					const line = Buffer.concat(pending);
					pending = [];
					if (handle(line, 0, line.length)) return finish(undefined, 'expired');
				}
				finish(undefined, 'closed');
			} catch (error) {
				finish(error);
			}
		};
		const onError = (error: unknown) => finish(error);
		// Destroyed without an end or an error (an abort from outside): whatever it was, it is over.
		const onClose = () => finish(undefined, 'closed');
		if (signal.aborted) return finish(undefined, 'aborted');
		signal.addEventListener('abort', onAbort, {once: true});
		body.on('data', onData);
		body.on('end', onEnd);
		body.on('error', onError);
		body.on('close', onClose);
	});
}
