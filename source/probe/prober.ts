// Steady traffic at a target, and a live count of which version answered. Bounded on every side: no more
// than `rate` starts per second, no more than `concurrency` in flight (a slow server makes the prober skip
// beats, never pile up), every request aborted after `timeoutMs`, and stop() leaves nothing running.
import {isSuccess, errorFailureReason, statusFailureReason} from './failure.js';
import {createProbeStats, type ProbeOutcome} from './stats.js';
import type {ProbeResponse, ProbeSnapshot, ProbeTransport} from './types.js';
import {UNKNOWN_VERSION, versionExtractor, type VersionExtractor, type VersionOptions} from './version.js';

export const PROBE_DEFAULTS = {rate: 10, timeoutMs: 1000, concurrency: 4, windowMs: 5000, publishEveryMs: 250};

export type ProberOptions = {
	transport: ProbeTransport;
	/** Shown in the snapshot, e.g. formatProbeTarget(target). */
	target?: string;
	/** Requests started per second (may be below 1). */
	rate?: number;
	timeoutMs?: number;
	/** Requests in flight at once. */
	concurrency?: number;
	versionFrom?: VersionExtractor | VersionOptions;
	/** Width of the live (`recent`) window. */
	windowMs?: number;
	/** Snapshots are published at most this often while running. */
	publishEveryMs?: number;
	now?: () => number;
};

export type Prober = {
	start(): void;
	/** Aborts every request and clears every timer; results that arrive later are ignored. */
	stop(): void;
	/** Totals start again (a new rollout began); the live window carries on. */
	resetTotals(): void;
	getSnapshot(): ProbeSnapshot;
	subscribe(listener: () => void): () => void;
	/** Requests started and not yet settled (aborted ones count until their transport lets go). */
	inFlight(): number;
	/** Resolves once no request is in flight, e.g. after stop(). */
	idle(): Promise<void>;
};

type Request = {epoch: number; controller: AbortController; timer: NodeJS.Timeout; recorded: boolean};

export function createProber(options: ProberOptions): Prober {
	const {transport, target = '', now = Date.now} = options;
	const rate = positive('rate', options.rate ?? PROBE_DEFAULTS.rate);
	const timeoutMs = positive('timeoutMs', options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs);
	const concurrency = Math.max(1, Math.floor(positive('concurrency', options.concurrency ?? PROBE_DEFAULTS.concurrency)));
	const publishEveryMs = positive('publishEveryMs', options.publishEveryMs ?? PROBE_DEFAULTS.publishEveryMs);
	const readVersion = typeof options.versionFrom === 'function' ? options.versionFrom : versionExtractor(options.versionFrom);
	const intervalMs = 1000 / rate;

	const stats = createProbeStats(positive('windowMs', options.windowMs ?? PROBE_DEFAULTS.windowMs), now());
	const listeners = new Set<() => void>();
	const inFlight = new Set<Request>();
	let idleWaiters: Array<() => void> = [];
	let running = false;
	// Bumped by stop(): answers to requests of an earlier run are not counted.
	let epoch = 0;
	let tickTimer: NodeJS.Timeout | undefined;
	let publishTimer: NodeJS.Timeout | undefined;
	let current = build();
	let currentKey = JSON.stringify(current);

	function build(): ProbeSnapshot {
		return {target, ...stats.snapshot(now()), running};
	}

	function publish() {
		const next = build();
		const key = JSON.stringify(next);
		// Same reference until something changed, as useSyncExternalStore requires.
		if (key === currentKey) return;
		current = next;
		currentKey = key;
		for (const listener of [...listeners]) listener();
	}

	// Each tick schedules the next one before doing anything, so starts are at least one interval apart:
	// a late timer lowers the rate a little, it never bursts to catch up.
	function tick() {
		if (!running) return;
		tickTimer = setTimeout(tick, intervalMs);
		if (inFlight.size < concurrency) launch();
	}

	function launch() {
		const controller = new AbortController();
		const request: Request = {
			epoch,
			controller,
			recorded: false,
			timer: setTimeout(() => {
				// Counted now, not when (or whether) the transport honours the abort.
				settle(request, {ok: false, reason: 'timeout'});
				controller.abort(new DOMException('probe request timed out', 'TimeoutError'));
			}, timeoutMs),
		};
		inFlight.add(request);
		send(controller.signal)
			.then(
				response => settle(request, outcome(response)),
				(error: unknown) => settle(request, {ok: false, reason: errorFailureReason(error)}),
			)
			.finally(() => release(request));
	}

	async function send(signal: AbortSignal): Promise<ProbeResponse> {
		return transport(signal);
	}

	function outcome(response: ProbeResponse): ProbeOutcome {
		if (!isSuccess(response.status)) return {ok: false, reason: statusFailureReason(response.status, response.body)};
		try {
			return {ok: true, version: readVersion(response)};
		} catch {
			return {ok: true, version: UNKNOWN_VERSION};
		}
	}

	function settle(request: Request, result: ProbeOutcome) {
		if (request.recorded) return;
		request.recorded = true;
		clearTimeout(request.timer);
		if (request.epoch !== epoch || !running) return;
		stats.record(now(), result);
	}

	function release(request: Request) {
		clearTimeout(request.timer);
		inFlight.delete(request);
		if (inFlight.size > 0) return;
		const waiters = idleWaiters;
		idleWaiters = [];
		for (const resolve of waiters) resolve();
	}

	return {
		start() {
			if (running) return;
			running = true;
			publishTimer = setInterval(publish, publishEveryMs);
			tick();
			publish();
		},
		stop() {
			if (!running) return;
			running = false;
			epoch++;
			clearTimeout(tickTimer);
			clearInterval(publishTimer);
			tickTimer = undefined;
			publishTimer = undefined;
			for (const request of inFlight) {
				request.recorded = true;
				clearTimeout(request.timer);
				request.controller.abort(new DOMException('prober stopped', 'AbortError'));
			}
			publish();
		},
		resetTotals() {
			stats.resetTotals(now());
			publish();
		},
		getSnapshot: () => current,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		inFlight: () => inFlight.size,
		idle: () => (inFlight.size === 0 ? Promise.resolve() : new Promise(resolve => idleWaiters.push(resolve))),
	};
}

function positive(name: string, value: number): number {
	if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`probe ${name} must be a positive number, got ${value}`);
	return value;
}
