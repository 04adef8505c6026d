// Why a request failed, in a few words that group well in a count: `503 no endpoints available for
// service "web"`, `timeout`, `connection refused`. The API server's service proxy answers its own errors
// with a metav1.Status, whose message is the useful part.
import {STATUS_CODES} from 'node:http';

const MAX_REASON_LENGTH = 100;

const ERROR_CODES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	UND_ERR_SOCKET: 'connection reset',
	ETIMEDOUT: 'timeout',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	HPE_INVALID_CONSTANT: 'malformed response',
	HPE_INVALID_HEADER_TOKEN: 'malformed response',
};

export function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/** `503 no endpoints available for service "web"`, `502 Bad Gateway`. */
export function statusFailureReason(status: number, body: string): string {
	const detail = statusMessage(body) ?? plainMessage(body) ?? STATUS_CODES[status] ?? 'unexpected status';
	return shorten(`${status} ${withoutAddress(detail)}`);
}

// "error trying to reach service: dial tcp 10.244.0.7:8080: connect: connection refused": the pod address
// changes with every pod, so leave it out and keep one reason per kind of failure.
function withoutAddress(message: string): string {
	return message.replace(/dial tcp [^\s]+: (connect: )?/, '');
}

/** A one-line plain-text body is the server's own words; HTML error pages are not worth a line. */
function plainMessage(body: string): string | undefined {
	const line = body.trim();
	if (line === '' || line.length > 200 || line.includes('\n') || /^[<{[]/.test(line)) return undefined;
	return line;
}

function statusMessage(body: string): string | undefined {
	if (!body.trimStart().startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		if (typeof parsed !== 'object' || parsed === null) return undefined;
		const {kind, message} = parsed as {kind?: unknown; message?: unknown};
		if (kind !== 'Status' || typeof message !== 'string' || message === '') return undefined;
		return message;
	} catch {
		return undefined;
	}
}

/** A transport's rejection as a reason (the prober counts its own deadline as `timeout` itself). */
export function errorFailureReason(error: unknown): string {
	for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 4; depth++) {
		const {code, name} = cause as {code?: unknown; name?: unknown};
		if (name === 'TimeoutError') return 'timeout';
		if (typeof code === 'string' && ERROR_CODES[code]) return ERROR_CODES[code];
		if (typeof code === 'string' && code.startsWith('ERR_TLS') || /certificate|self[- ]signed/i.test(messageOf(cause))) {
			return shorten(`TLS: ${messageOf(cause)}`);
		}
		cause = (cause as {cause?: unknown}).cause;
	}
	return shorten(messageOf(error) || 'request failed');
}

function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	return typeof error === 'string' ? error : '';
}

function shorten(reason: string): string {
	const line = reason.replace(/\s+/g, ' ').trim();
	return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
