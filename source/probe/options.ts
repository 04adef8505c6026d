// The `--probe*` flags as one checked configuration, so the CLI reports the first bad flag in one sentence
// and the prober only ever sees sane limits.
import {PROBE_DEFAULTS} from './prober.js';
import {parseProbeTarget} from './target.js';
import type {ProbeTarget} from './types.js';
import {parseVersionHeader, parseVersionRegex, type VersionOptions} from './version.js';

export type ProbeFlags = {
	probe?: string;
	probeRate?: number | string;
	probeTimeout?: number | string;
	probeVersionRegex?: string;
	probeVersionHeader?: string;
};

export type ProbeConfig = {target: ProbeTarget; rate: number; timeoutMs: number; versionFrom: VersionOptions};

export type ProbeConfigResult = {ok: true; config?: ProbeConfig} | {ok: false; message: string};

/** Requests per second beyond this are a load test, not a probe. */
export const MAX_PROBE_RATE = 200;
export const MAX_PROBE_TIMEOUT_MS = 60_000;

/** `config` is absent when `--probe` was not given (the other flags then do nothing). */
export function probeConfigFromFlags(flags: ProbeFlags): ProbeConfigResult {
	if (flags.probe === undefined) return {ok: true};
	const target = parseProbeTarget(flags.probe);
	if (!target.ok) return target;
	const rate = Number(flags.probeRate ?? PROBE_DEFAULTS.rate);
	if (!(rate > 0 && rate <= MAX_PROBE_RATE)) {
		return {ok: false, message: `--probe-rate must be a number of requests per second above 0 and at most ${MAX_PROBE_RATE}, got "${flags.probeRate}".`};
	}
	const timeoutMs = Number(flags.probeTimeout ?? PROBE_DEFAULTS.timeoutMs);
	if (!(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_PROBE_TIMEOUT_MS)) {
		return {ok: false, message: `--probe-timeout must be a whole number of milliseconds from 1 to ${MAX_PROBE_TIMEOUT_MS}, got "${flags.probeTimeout}".`};
	}
	const versionFrom: VersionOptions = {};
	if (flags.probeVersionRegex !== undefined) {
		const regex = parseVersionRegex(flags.probeVersionRegex);
		if (!regex.ok) return regex;
		versionFrom.regex = regex.regex;
	}
	if (flags.probeVersionHeader !== undefined) {
		const header = parseVersionHeader(flags.probeVersionHeader);
		if (!header.ok) return header;
		versionFrom.header = header.header;
	}
	return {ok: true, config: {target: target.target, rate, timeoutMs, versionFrom}};
}
