// Errors the user sees: one plain sentence and an exit code, never a stack and never a secret.
import {ApiException} from '@kubernetes/client-node';
import type {KubeConfig} from '@kubernetes/client-node';

/** Process exit codes, shared by the TUI and `rollwatch status`. */
export const EXIT_CODES = {
	ok: 0,
	/** `status`: the rollout failed (e.g. progress deadline exceeded) or timed out. */
	rolloutFailed: 1,
	usage: 2,
	kubeconfig: 3,
	/** Cannot reach the cluster: connection refused, DNS, TLS, timeouts. */
	unreachable: 4,
	/** The API server refused us: 401 or 403. */
	forbidden: 5,
	notFound: 6,
	interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The same table as prose, for `--help` and the README. */
export const EXIT_CODE_TABLE: ReadonlyArray<{code: ExitCode; meaning: string}> = [
	{code: 0, meaning: 'success (status: the rollout completed)'},
	{code: 1, meaning: 'status: the rollout failed or timed out'},
	{code: 2, meaning: 'usage error: bad flag or argument'},
	{code: 3, meaning: 'kubeconfig problem: missing, malformed, unknown context'},
	{code: 4, meaning: 'cannot reach the cluster (connection, TLS, timeout)'},
	{code: 5, meaning: 'unauthorized or forbidden'},
	{code: 6, meaning: 'not found (deployment or namespace)'},
	{code: 130, meaning: 'interrupted (Ctrl-C)'},
];

/** An error meant for the user's eyes: the CLI prints `message` alone and exits with `exitCode`. */
export class UserError extends Error {
	readonly exitCode: ExitCode;

	constructor(message: string, exitCode: ExitCode) {
		super(message);
		this.name = 'UserError';
		this.exitCode = exitCode;
	}
}

/** A non-2xx answer from the API server; `status` is the decoded metav1.Status when there was one. */
export class KubeHttpError extends Error {
	readonly statusCode: number;
	readonly status?: KubeStatus;
	/** Seconds the server asked us to wait (Retry-After header or Status details), for 429 and 503. */
	readonly retryAfterSeconds?: number;

	constructor(statusCode: number, status?: KubeStatus, statusText?: string, retryAfterSeconds?: number) {
		super(status?.message ?? `${statusCode} ${statusText ?? ''}`.trim());
		this.name = 'KubeHttpError';
		this.statusCode = statusCode;
		this.status = status;
		this.retryAfterSeconds = retryAfterSeconds ?? status?.details?.retryAfterSeconds;
	}
}

export type KubeStatus = {kind?: string; status?: string; message?: string; reason?: string; code?: number; details?: {name?: string; kind?: string; retryAfterSeconds?: number}};

/** What the failing call was about, so messages can name it. */
export type ErrorContext = {server?: string; resource?: string; name?: string; namespace?: string; kc?: KubeConfig};

const TLS_REASONS: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted by the kubeconfig',
	SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a self-signed CA the kubeconfig does not trust',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by an unknown authority',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by an unknown authority',
	UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by an unknown authority',
	CERT_SIGNATURE_FAILURE: 'its certificate is signed by an unknown authority',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is not valid for this host name',
	CERT_HAS_EXPIRED: 'its certificate has expired',
	CERT_NOT_YET_VALID: 'its certificate is not valid yet',
	EPROTO: 'the TLS handshake failed',
	ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS (is the server URL http:// ?)',
};

const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'no such host',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed',
	UND_ERR_SOCKET: 'connection closed',
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Walks `cause` chains (undici wraps socket errors in `TypeError: fetch failed`). */
function errorCodes(err: unknown): {codes: string[]; names: string[]} {
	const codes: string[] = [];
	const names: string[] = [];
	let current: unknown = err;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const record = current as {code?: unknown; name?: unknown; cause?: unknown; errors?: unknown};
		if (typeof record.code === 'string') codes.push(record.code);
		if (typeof record.name === 'string') names.push(record.name);
		// AggregateError (happy-eyeballs tries several addresses): the first one speaks for all.
		current = record.cause ?? (Array.isArray(record.errors) ? record.errors[0] : undefined);
	}
	return {codes, names};
}

/** The HTTP status of an error from our own requests or from client-node's typed APIs. */
export function httpStatusOf(err: unknown): number | undefined {
	if (err instanceof KubeHttpError) return err.statusCode;
	if (err instanceof ApiException) return err.code;
	// client-node's Watch reports a non-200 answer as an Error with `statusCode`. (DOMException has a
	// numeric `code` too, which is why `code` alone is not trusted.)
	const statusCode = (err as {statusCode?: unknown} | undefined)?.statusCode;
	return typeof statusCode === 'number' ? statusCode : undefined;
}

function statusOf(err: unknown): KubeStatus | undefined {
	if (err instanceof KubeHttpError) return err.status;
	const body = (err as {body?: unknown} | undefined)?.body;
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as KubeStatus;
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' ? (body as KubeStatus) : undefined;
}

function singular(resource: string): string {
	return resource.replace(/ies$/, 'y').replace(/s$/, '');
}

/** One clear sentence for an API or network failure. Secrets are redacted when `context.kc` is given. */
export function describeApiError(err: unknown, context: ErrorContext = {}): string {
	const message = describe(err, context);
	return context.kc ? redact(message, context.kc) : message;
}

function describe(err: unknown, context: ErrorContext): string {
	const server = context.server ?? context.kc?.getCurrentCluster()?.server ?? 'the configured server';
	const code = httpStatusOf(err);
	if (code !== undefined) {
		const status = statusOf(err);
		if (code === 401) return 'the server rejected our credentials (401 Unauthorized)';
		if (code === 404 && context.resource && context.name) {
			return `${singular(context.resource)} "${context.name}" not found in namespace "${context.namespace ?? 'default'}"`;
		}
		if (status?.message) return status.message;
		if (code === 403) return 'the server refused the request (403 Forbidden)';
		return `the server answered ${code}${err instanceof Error && err.message && !/^\d/.test(err.message) ? ` ${err.message}` : ''}`;
	}
	const {codes, names} = errorCodes(err);
	for (const c of codes) {
		if (TLS_REASONS[c]) return `cannot verify the cluster at ${server}: ${TLS_REASONS[c]}`;
	}
	if (names.includes('TimeoutError') || codes.some((c) => TIMEOUT_CODES.has(c))) return `timed out talking to the cluster at ${server}`;
	for (const c of codes) {
		if (NETWORK_REASONS[c]) return `cannot reach the cluster at ${server}: ${NETWORK_REASONS[c]}`;
	}
	if (err instanceof UserError) return err.message;
	// The innermost cause says what happened ("fetch failed" only says that something did).
	const text = innermostMessage(err);
	if (text === 'bad port') return `cannot reach the cluster at ${server}: Node's fetch refuses to connect to that port (a browser-blocked "bad port")`;
	return `request to ${server} failed: ${firstLine(text)}`;
}

function innermostMessage(err: unknown): string {
	let message = err instanceof Error ? err.message : String(err);
	let current: unknown = err;
	for (let depth = 0; current instanceof Error && depth < 5; depth++) {
		if (current.message) message = current.message;
		current = current.cause;
	}
	return message;
}

function firstLine(text: string): string {
	return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** Which exit code a failure deserves. */
export function exitCodeFor(err: unknown): ExitCode {
	if (err instanceof UserError) return err.exitCode;
	const code = httpStatusOf(err);
	if (code === 401 || code === 403) return EXIT_CODES.forbidden;
	if (code === 404) return EXIT_CODES.notFound;
	if (code !== undefined) return EXIT_CODES.rolloutFailed;
	return EXIT_CODES.unreachable;
}

/** Wraps any failure as a UserError with the right message and exit code. */
export function toUserError(err: unknown, context: ErrorContext = {}): UserError {
	if (err instanceof UserError) return context.kc ? new UserError(redact(err.message, context.kc), err.exitCode) : err;
	return new UserError(describeApiError(err, context), exitCodeFor(err));
}

const MIN_SECRET_LENGTH = 4;

/** Every credential-like string in the kubeconfig's users (tokens, passwords, keys, auth-provider and exec env values). */
function secretsOf(kc: KubeConfig): string[] {
	const secrets: string[] = [];
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.push(value);
	};
	for (const user of kc.getUsers()) {
		add(user.token);
		add(user.password);
		add(user.keyData);
		for (const value of Object.values(user.authProvider?.config ?? {})) add(value);
		const env = (user.exec as {env?: Array<{value?: string}>} | undefined)?.env;
		for (const entry of env ?? []) add(entry.value);
	}
	// Longest first, so a secret that contains another is replaced whole.
	return secrets.sort((a, b) => b.length - a.length);
}

/** Removes credentials from text: the kubeconfig's own secrets and anything shaped like an auth header. */
export function redact(text: string, kc?: KubeConfig): string {
	let out = text;
	if (kc) for (const secret of secretsOf(kc)) out = out.split(secret).join('[redacted]');
	return out
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]')
		.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted]');
}
