import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseVersionHeader, parseVersionRegex, versionExtractor} from '../../source/probe/version.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/probe/${name}`, import.meta.url), 'utf8');
const response = (body: string, headers: Record<string, string> = {}) => ({status: 200, headers, body});

describe('versionExtractor (defaults)', () => {
	const read = versionExtractor();

	it.each([
		// seed 004: the version is only in the page text
		[fixture('myapp-v1.html'), '1'],
		[fixture('myapp-v2.html'), '2'],
		['{"app":"web","version":"1.4.0"}', '1.4.0'],
		['web v2 on pod web-7d9f-ddn16', 'v2'],
		['served by arungupta/app-upgrade:v2 at 12:03:04', 'v2'],
		['served by jahongirr/myapp:2', '2'],
		// a Kubernetes-style object names its apiVersion first: that is not the app's version
		['{"apiVersion":"apps/v1","kind":"Info","version":"2.0"}', '2.0'],
		// seed 001: "Hello World!" / "Howdy World!" carry no version at all
		['Hello World!', 'unknown'],
		['at 12:03:04', 'unknown'],
	])('reads %j as %s', (body, version) => {
		expect(read(response(body))).toBe(version);
	});

	it('prefers the X-Rollwatch-Version header, in any case, over the body', () => {
		expect(read(response('Version 1 of my awesome app', {'x-rollwatch-version': 'v2'}))).toBe('v2');
		expect(read(response('Version 1', {'X-Rollwatch-Version': ' v3 '}))).toBe('v3');
		expect(read(response('Version 1', {'x-rollwatch-version': ''}))).toBe('1');
	});
});

describe('versionExtractor (configured)', () => {
	it('uses the first capture group of a custom regex, and ignores the default header', () => {
		const read = versionExtractor({regex: /(Hello|Howdy) World/});
		expect(read(response('Howdy World!', {'x-rollwatch-version': 'v9'}))).toBe('Howdy');
		expect(read(response('Bye'))).toBe('unknown');
	});

	it('reads a custom header, falling back to the regex', () => {
		const read = versionExtractor({header: 'X-App-Version', regex: /build-(\d+)/g});
		expect(read(response('build-7', {'x-app-version': '2.0'}))).toBe('2.0');
		// a global regex would skip every other body if its lastIndex were kept
		expect([read(response('build-7')), read(response('build-8')), read(response('build-9'))]).toEqual(['7', '8', '9']);
	});

	it('keeps labels short', () => {
		expect(versionExtractor({header: 'x-v'})(response('', {'x-v': 'x'.repeat(200)}))).toHaveLength(40);
	});
});

describe('flag parsing', () => {
	it('accepts plain and /literal/ regexes', () => {
		const plain = parseVersionRegex('v\\d+');
		const literal = parseVersionRegex('/VERSION (\\d+)/i');
		expect(plain.ok && plain.regex.exec('web v12')?.[0]).toBe('v12');
		expect(literal.ok && literal.regex.exec('version 4')?.[1]).toBe('4');
	});

	it('refuses a broken regex or header name in one sentence', () => {
		expect(parseVersionRegex('(v\\d+')).toEqual({ok: false, message: '--probe-version-regex "(v\\d+" is not a valid regular expression (/(v\\d+/: Unterminated group).'});
		expect(parseVersionRegex('')).toEqual({ok: false, message: '--probe-version-regex needs a pattern, e.g. "v\\d+".'});
		expect(parseVersionHeader('X Version')).toEqual({ok: false, message: `--probe-version-header "X Version" is not a header name (letters, digits and '-').`});
		expect(parseVersionHeader('X-Version')).toEqual({ok: true, header: 'X-Version'});
	});
});
