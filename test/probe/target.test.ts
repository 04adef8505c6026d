import {describe, expect, it} from 'vitest';
import {formatProbeTarget, parseProbeTarget} from '../../source/probe/target.js';

describe('parseProbeTarget', () => {
	it.each([
		['svc/web', {kind: 'service', service: 'web', path: '/'}],
		['svc/app-service:80', {kind: 'service', service: 'app-service', port: '80', path: '/'}],
		['service/web:http/healthz?full=1', {kind: 'service', service: 'web', port: 'http', path: '/healthz?full=1'}],
		['services/web/api/v1', {kind: 'service', service: 'web', path: '/api/v1'}],
		['http://127.0.0.1:8080', {kind: 'url', url: 'http://127.0.0.1:8080/'}],
		['HTTPS://example.com/version', {kind: 'url', url: 'https://example.com/version'}],
	])('reads %s', (text, target) => {
		expect(parseProbeTarget(text)).toEqual({ok: true, target});
	});

	it.each([
		['', '--probe needs a target: use svc/NAME[:PORT][/PATH] or an http(s):// URL.'],
		['web', '"web" is not a probe target: use svc/NAME[:PORT][/PATH] or an http(s):// URL.'],
		['deploy/web', '"deploy/web" is not a probe target: a deploy cannot be probed, use svc/NAME[:PORT][/PATH] or an http(s):// URL.'],
		['svc/Web', `"svc/Web" does not name a Service: names are lowercase letters, digits and '-', starting with a letter.`],
		['svc/', `"svc/" does not name a Service: names are lowercase letters, digits and '-', starting with a letter.`],
		['svc/web:0', '"svc/web:0" has a bad port "0": use a number from 1 to 65535 or the port\'s name.'],
		['svc/web:70000', '"svc/web:70000" has a bad port "70000": use a number from 1 to 65535 or the port\'s name.'],
		['svc/web:', '"svc/web:" has a bad port "": use a number from 1 to 65535 or the port\'s name.'],
		['svc/web/a b', '"svc/web/a b" has a space in its path: encode it as %20.'],
		['ftp://example.com/', '"ftp://example.com/" uses ftp: the prober speaks http and https only.'],
		['http://exa mple.com/', '"http://exa mple.com/" is not a valid URL: use svc/NAME[:PORT][/PATH] or an http(s):// URL.'],
	])('refuses %j in one sentence', (text, message) => {
		const result = parseProbeTarget(text);
		expect(result).toEqual({ok: false, message});
		// One sentence: a single full stop, at the end, and no line breaks.
		expect(message).toMatch(/^[^\n]+\.$/);
	});
});

describe('formatProbeTarget', () => {
	it('shows the target as the user would type it', () => {
		for (const text of ['svc/web', 'svc/web:http/healthz', 'http://127.0.0.1:8080/']) {
			const result = parseProbeTarget(text);
			if (!result.ok) throw new Error(result.message);
			expect(formatProbeTarget(result.target)).toBe(text);
		}
	});
});
