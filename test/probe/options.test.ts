import {describe, expect, it} from 'vitest';
import {probeConfigFromFlags} from '../../source/probe/options.js';

describe('probeConfigFromFlags', () => {
	it('has nothing to configure without --probe', () => {
		expect(probeConfigFromFlags({probeRate: 'x'})).toEqual({ok: true});
	});

	it('applies the defaults: 10 requests a second, 1 s timeout, version from header or body', () => {
		expect(probeConfigFromFlags({probe: 'svc/web'})).toEqual({
			ok: true,
			config: {target: {kind: 'service', service: 'web', path: '/'}, rate: 10, timeoutMs: 1000, versionFrom: {}},
		});
	});

	it('reads every flag', () => {
		const result = probeConfigFromFlags({probe: 'http://127.0.0.1:9/', probeRate: '2.5', probeTimeout: 300, probeVersionRegex: 'build-(\\d+)', probeVersionHeader: 'X-Build'});
		expect(result.ok && result.config).toMatchObject({target: {kind: 'url'}, rate: 2.5, timeoutMs: 300, versionFrom: {header: 'X-Build', regex: /build-(\d+)/}});
	});

	it.each([
		[{probe: 'deploy/web'}, /^"deploy\/web" is not a probe target/],
		[{probe: 'svc/web', probeRate: '0'}, /^--probe-rate must be a number of requests per second above 0 and at most 200, got "0"\.$/],
		[{probe: 'svc/web', probeRate: 'fast'}, /^--probe-rate must be/],
		[{probe: 'svc/web', probeRate: 1000}, /^--probe-rate must be/],
		[{probe: 'svc/web', probeTimeout: '1s'}, /^--probe-timeout must be a whole number of milliseconds from 1 to 60000, got "1s"\.$/],
		[{probe: 'svc/web', probeVersionRegex: '['}, /^--probe-version-regex "\[" is not a valid regular expression/],
		[{probe: 'svc/web', probeVersionHeader: 'a b'}, /^--probe-version-header "a b" is not a header name/],
	])('refuses %j in one sentence', (flags, message) => {
		const result = probeConfigFromFlags(flags);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(message);
	});
});
