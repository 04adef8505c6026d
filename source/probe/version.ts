// Which version answered: a response header when the app sets one, else the first version-looking text in
// the body. The defaults cover the seeds' apps ("Version 2 of my awesome app!", `{"version":"1.4.0"}`,
// "web v2", "served by web:v2"); `--probe-version-regex` / `--probe-version-header` cover the rest.
import type {ProbeResponse} from './types.js';

export const DEFAULT_VERSION_HEADER = 'X-Rollwatch-Version';
export const UNKNOWN_VERSION = 'unknown';

/** Tried in order; the first that matches wins (priority, not position in the body). */
export const DEFAULT_VERSION_PATTERNS: readonly RegExp[] = [
	// "Version 2 of …", `"version": "1.4.0"`, `version=3`, `app_version: v2` (not a Status's apiVersion)
	/(?<![a-z])version["']?\s*[:=]?\s*["']?(v?\d+(?:\.\d+)*(?:-[\w.]+)?)/i,
	// "v2", "v1.25.3", "v2.0.0-rc.1" anywhere
	/\bv\d+(?:\.\d+)*(?:-[\w.]+)?\b/,
	// an image reference's tag: "web:v2", "jahongirr/myapp:2" (a name must start with a letter, so 12:03 is not one)
	/\b[a-z][\w./-]*:(\w[\w.-]*)/i,
];

const MAX_VERSION_LENGTH = 40;

export type VersionOptions = {
	/** Header to read first; defaults to X-Rollwatch-Version unless a regex is given. */
	header?: string;
	/** Body pattern; its first capture group (or the whole match) is the version. */
	regex?: RegExp;
};

export type VersionExtractor = (response: ProbeResponse) => string;

export function versionExtractor(options: VersionOptions = {}): VersionExtractor {
	// An explicit regex means "read it from the body": the default header must not override it.
	const header = (options.header ?? (options.regex ? undefined : DEFAULT_VERSION_HEADER))?.toLowerCase();
	const patterns = options.regex ? [withoutState(options.regex)] : DEFAULT_VERSION_PATTERNS;
	return response => {
		const fromHeader = header === undefined ? undefined : headerValue(response.headers, header);
		if (fromHeader !== undefined) {
			const version = clean(fromHeader);
			if (version) return version;
		}
		for (const pattern of patterns) {
			const match = pattern.exec(response.body);
			if (!match) continue;
			const version = clean(match.slice(1).find(group => group !== undefined) ?? match[0]);
			if (version) return version;
		}
		return UNKNOWN_VERSION;
	};
}

function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
	if (lowerName in headers) return headers[lowerName];
	for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === lowerName) return value;
	return undefined;
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim().slice(0, MAX_VERSION_LENGTH);
}

// A global or sticky regex remembers lastIndex between calls and would skip matches on alternate bodies.
function withoutState(regex: RegExp): RegExp {
	return regex.global || regex.sticky ? new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')) : regex;
}

export type ParsedRegex = {ok: true; regex: RegExp} | {ok: false; message: string};

/** `--probe-version-regex`: a plain pattern, or `/pattern/flags`. */
export function parseVersionRegex(text: string): ParsedRegex {
	const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
	const [source, flags] = literal ? [literal[1]!, literal[2]!] : [text, ''];
	if (source === '') return {ok: false, message: '--probe-version-regex needs a pattern, e.g. "v\\d+".'};
	try {
		return {ok: true, regex: withoutState(new RegExp(source, flags))};
	} catch (error) {
		const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
		return {ok: false, message: `--probe-version-regex "${text}" is not a valid regular expression (${why}).`};
	}
}

/** `--probe-version-header`: an HTTP field name (RFC 9110 token). */
export function parseVersionHeader(text: string): {ok: true; header: string} | {ok: false; message: string} {
	const header = text.trim();
	if (/^[!#$%&'*+.^_`|~\w-]+$/.test(header)) return {ok: true, header};
	return {ok: false, message: `--probe-version-header "${text}" is not a header name (letters, digits and '-').`};
}
