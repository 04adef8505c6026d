// The prober's contract: what a transport returns, what a target is, and the snapshot the UI renders.
// ProbeSnapshot is a superset of source/ui/types.ts ProbeSnapshot, so a prober is an ExternalStore for it.

/** One HTTP answer, whatever carried it (the API server's service proxy or a direct URL). */
export type ProbeResponse = {
	status: number;
	/** Header names in lower case, as node:http gives them. */
	headers: Record<string, string>;
	/** The body, possibly truncated: only its start is needed to read a version. */
	body: string;
};

/**
 * Sends one request. Must honour `signal` (abort the request when it fires) and reject on
 * connection errors; a non-2xx answer resolves like any other.
 */
export type ProbeTransport = (signal: AbortSignal) => Promise<ProbeResponse>;

export type ProbeTarget =
	| {kind: 'service'; service: string; port?: string; path: string}
	| {kind: 'url'; url: string};

export type ProbeTargetResult = {ok: true; target: ProbeTarget} | {ok: false; message: string};

export type VersionCount = {version: string; total: number; recent: number};

export type ProbeSnapshot = {
	/** `svc/web:80/healthz` or the URL, as the user wrote it (normalised). */
	target: string;
	/** Epoch ms the totals began: start(), or the last resetTotals(). */
	since: number;
	/** Versions that answered, in natural order (v2 before v10), "unknown" last. */
	perVersion: VersionCount[];
	failures: {total: number; recent: number; lastReason?: string};
	/** Completed requests: answered (any status) plus failed to answer. */
	requests: {total: number; recent: number};
	/** Why the latest request failed; absent once a request succeeds again. */
	lastError?: string;
	running: boolean;
};
