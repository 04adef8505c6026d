// Reads one watch response: newline-delimited JSON events (D.4). Lines that do not parse, or parse
// into something that is not a watch event, are counted and skipped, never fatal.
import type {Response} from 'undici';
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

const OBJECT_EVENTS = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

/** Resolves when the stream ends: cleanly, with a 410 ERROR event, or aborted. Throws for other ERROR events. */
export async function readWatchStream(response: Response, options: ReadWatchOptions): Promise<StreamEnd> {
	const body = response.body;
	if (!body) return {ended: 'closed', events: 0};
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let events = 0;
	let idle: NodeJS.Timeout | undefined;
	const armIdle = () => {
		clearTimeout(idle);
		idle = setTimeout(options.onIdle, options.idleTimeoutMs);
	};

	// Returns true when the server said our resourceVersion is too old.
	const handle = (line: string): boolean => {
		if (line.trim() === '') return false;
		let event: {type?: unknown; object?: unknown};
		try {
			event = JSON.parse(line) as typeof event;
		} catch {
			options.onMalformed();
			return false;
		}
		const object = event?.object as KubeObject | undefined;
		if (event?.type === 'ERROR') {
			const status = (object ?? {}) as KubeStatus;
			if (status.code === 410) return true;
			throw new KubeHttpError(typeof status.code === 'number' ? status.code : 500, status);
		}
		if (typeof event?.type !== 'string' || !OBJECT_EVENTS.has(event.type) || !object || typeof object !== 'object' || !object.metadata) {
			options.onMalformed();
			return false;
		}
		events++;
		options.onEvent(event.type as StreamEventType, object);
		return false;
	};

	try {
		armIdle();
		for (;;) {
			const {done, value} = await reader.read();
			if (done) break;
			armIdle();
			buffer += decoder.decode(value, {stream: true});
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) if (handle(line)) return {ended: 'expired', events};
		}
		buffer += decoder.decode();
		if (handle(buffer)) return {ended: 'expired', events};
		return {ended: 'closed', events};
	} catch (error) {
		if (options.signal.aborted) return {ended: 'aborted', events};
		throw error;
	} finally {
		clearTimeout(idle);
		reader.cancel().catch(() => undefined);
	}
}
