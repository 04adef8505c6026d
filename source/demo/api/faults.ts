// Run-time fault injection for tests and chaos runs: failing, stalling or breaking requests and watches.
import {ApiError} from '../status.js';
import type {OpenWatch} from './watch.js';

export type Fault =
	| {kind: 'drop-watches'}
	| {kind: 'status'; code: 410 | 429 | 500 | 503; count: number; retryAfterSeconds?: number; match?: RegExp}
	| {kind: 'stall'; ms: number; count: number; match?: RegExp}
	| {kind: 'malformed-watch-line'; count: number};

type Pending = {fault: Extract<Fault, {kind: 'status'} | {kind: 'stall'}>; left: number};

const STATUS: Record<number, [string, string]> = {
	410: ['Expired', 'too old resource version: 1 (2)'],
	429: ['TooManyRequests', 'Too many requests, please try again later.'],
	500: ['InternalError', 'Internal error occurred: injected fault'],
	503: ['ServiceUnavailable', 'The server is currently unable to handle the request'],
};

export class FaultState {
	private pending: Pending[] = [];

	constructor(private readonly watches: Set<OpenWatch>) {}

	inject(fault: Fault) {
		if (fault.kind === 'drop-watches') {
			for (const watch of [...this.watches]) watch.end();
			return;
		}
		if (fault.kind === 'malformed-watch-line') {
			for (const watch of [...this.watches]) for (let i = 0; i < fault.count; i++) watch.writeRaw('{"type":"MODIFIED","object":{"kind":\n');
			return;
		}
		this.pending.push({fault, left: fault.count});
	}

	clear() {
		this.pending = [];
	}

	/** Applies matching faults to one request: waits out stalls, throws injected Status errors. */
	async before(request: string) {
		for (const entry of this.pending) {
			if (entry.left <= 0 || (entry.fault.match && !entry.fault.match.test(request))) continue;
			entry.left--;
			const fault = entry.fault;
			if (fault.kind === 'stall') {
				await new Promise(resolve => setTimeout(resolve, fault.ms));
				continue;
			}
			const [reason, message] = STATUS[fault.code]!;
			const details = fault.retryAfterSeconds !== undefined ? {retryAfterSeconds: fault.retryAfterSeconds} : undefined;
			this.pending = this.pending.filter(p => p.left > 0);
			throw new ApiError(fault.code, reason, message, details);
		}
		this.pending = this.pending.filter(p => p.left > 0);
	}
}
