// The hidden chaos switch (`rollwatch demo --chaos`): a fault schedule that keeps breaking the demo API
// server at a steady rate, so the TUI's reconnect, relist and stale-data paths can be watched live.
// pickFault is pure (given a random source); startChaos only adds a timer and the server restart.
import type {ApiServer, Fault} from './server.js';

/** A fault the schedule can inject: any server fault, or a restart of the server on the same port. */
export type ChaosFault = Fault | {kind: 'restart'};
export type ChaosKind = ChaosFault['kind'];

export const CHAOS_KINDS: readonly ChaosKind[] = ['drop-watches', 'restart', 'status', 'stall', 'malformed-watch-line'];

const STATUS_CODES = [410, 429, 500, 503] as const;

export type ChaosOptions = {
	server: Pick<ApiServer, 'inject' | 'restart'>;
	/** Faults per second of wall time. */
	rate: number;
	/** Kinds to draw from (default: all). */
	kinds?: readonly ChaosKind[];
	/** Longest stall, ms (default 1500): long enough to notice, short of any client timeout. */
	maxStallMs?: number;
	random?: () => number;
	/** Told of every fault as it is injected (tests count them; the demo may show them). */
	onFault?: (fault: ChaosFault) => void;
	/** Told when a restart fails; the schedule carries on. */
	onError?: (error: unknown) => void;
};

export type ChaosHandle = {
	/** Stops the schedule and waits for a restart in flight; faults already queued on the server stay (see clearFaults). */
	stop(): Promise<void>;
	readonly injected: number;
	readonly counts: Readonly<Record<ChaosKind, number>>;
};

/** One fault drawn from `kinds`, with small counts so the cluster stays usable between faults. */
export function pickFault(random: () => number, kinds: readonly ChaosKind[] = CHAOS_KINDS, maxStallMs = 1500): ChaosFault {
	if (kinds.length === 0) throw new RangeError('chaos needs at least one fault kind');
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	const kind = kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))]!;
	switch (kind) {
		case 'drop-watches':
		case 'restart':
			return {kind};
		case 'status': {
			const code = STATUS_CODES[int(0, STATUS_CODES.length - 1)]!;
			// Retry-After is what 429 and 503 carry on a real server.
			const retry = code === 429 || code === 503 ? {retryAfterSeconds: int(1, 2)} : {};
			// Small counts: faults are consumed by requests, and a pile-up would starve every client.
			return {kind, code, count: int(1, 2), ...retry};
		}
		case 'stall':
			return {kind, ms: int(50, Math.max(50, maxStallMs)), count: int(1, 2)};
		case 'malformed-watch-line':
			return {kind, count: int(1, 2)};
		default: {
			const unreachable: never = kind;
			return unreachable;
		}
	}
}

export function startChaos(options: ChaosOptions): ChaosHandle {
	if (!(options.rate > 0) || !Number.isFinite(options.rate)) throw new RangeError(`chaos rate must be a positive number, got ${options.rate}`);
	const random = options.random ?? Math.random;
	const periodMs = 1000 / options.rate;
	const counts = Object.fromEntries(CHAOS_KINDS.map(kind => [kind, 0])) as Record<ChaosKind, number>;
	let injected = 0;
	let stopped = false;
	let restarting: Promise<void> | undefined;
	let timer: NodeJS.Timeout | undefined;

	const fire = () => {
		const fault = pickFault(random, options.kinds, options.maxStallMs);
		// One restart at a time: a second close while the first is listening again would race for the port.
		if (fault.kind === 'restart' && restarting) return;
		injected++;
		counts[fault.kind]++;
		options.onFault?.(fault);
		if (fault.kind === 'restart') {
			restarting = options.server
				.restart()
				.catch((error: unknown) => options.onError?.(error))
				.finally(() => {
					restarting = undefined;
				});
			return;
		}
		options.server.inject(fault);
	};

	const schedule = () => {
		if (stopped) return;
		// Jitter in [0.5, 1.5)·period keeps the mean rate without a fixed beat.
		timer = setTimeout(() => {
			fire();
			schedule();
		}, periodMs * (0.5 + random()));
		timer.unref?.();
	};
	schedule();

	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await restarting;
		},
		get injected() {
			return injected;
		},
		counts,
	};
}
