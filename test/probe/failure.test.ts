import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {errorFailureReason, statusFailureReason} from '../../source/probe/failure.js';

const noEndpoints = readFileSync(new URL('../fixtures/probe/no-endpoints-status.json', import.meta.url), 'utf8');
const errno = (code: string, message = code) => Object.assign(new Error(message), {code});

describe('statusFailureReason', () => {
	it('uses the message of the API server Status', () => {
		expect(statusFailureReason(503, noEndpoints)).toBe('503 no endpoints available for service "web"');
	});

	it('drops the pod address from proxy dial errors so one cause is one reason', () => {
		const body = JSON.stringify({kind: 'Status', message: 'error trying to reach service: dial tcp 10.244.0.7:8080: connect: connection refused', code: 503});
		expect(statusFailureReason(503, body)).toBe('503 error trying to reach service: connection refused');
	});

	it('uses a one-line plain-text body, as the demo cluster proxy answers', () => {
		const body = 'error trying to reach service: dial tcp 10.244.0.9:80: connect: connection refused\n';
		expect(statusFailureReason(502, body)).toBe('502 error trying to reach service: connection refused');
		expect(statusFailureReason(500, 'upstream crashed')).toBe('500 upstream crashed');
	});

	it('falls back to the status text for other bodies', () => {
		expect(statusFailureReason(502, '<html>bad gateway</html>')).toBe('502 Bad Gateway');
		expect(statusFailureReason(404, 'line one\nline two')).toBe('404 Not Found');
		expect(statusFailureReason(500, '{"error":"boom"}')).toBe('500 Internal Server Error');
		expect(statusFailureReason(599, '')).toBe('599 unexpected status');
	});
});

describe('errorFailureReason', () => {
	it.each([
		[errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'connection refused'],
		[errno('ECONNRESET'), 'connection reset'],
		[errno('ENOTFOUND'), 'host not found'],
		// fetch (undici) wraps the socket error in `cause`
		[Object.assign(new TypeError('fetch failed'), {cause: errno('ECONNREFUSED')}), 'connection refused'],
		[new DOMException('The operation timed out.', 'TimeoutError'), 'timeout'],
		[errno('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'TLS: self-signed certificate'],
		[new Error('something odd\nhappened'), 'something odd happened'],
		['plain string', 'plain string'],
		[undefined, 'request failed'],
	])('names %s as %j', (error, reason) => {
		expect(errorFailureReason(error)).toBe(reason);
	});
});
