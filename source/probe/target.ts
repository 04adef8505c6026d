// `--probe` targets: `svc/NAME[:PORT][/PATH]` (through the API server's service proxy) or an http(s) URL.
import type {ProbeTarget, ProbeTargetResult} from './types.js';

const SERVICE_TYPES = new Set(['svc', 'service', 'services', 'service.v1', 'services.v1']);
// A Service name is an RFC 1035 label: the API server rejects anything else, so say so before asking it.
const SERVICE_NAME = /^[a-z]([-a-z\d]{0,61}[a-z\d])?$/;
// A named Service port is an IANA_SVC_NAME: at most 15 lowercase letters, digits and single dashes.
const PORT_NAME = /^(?=.*[a-z])[a-z\d](-?[a-z\d])*$/;
const USAGE = 'use svc/NAME[:PORT][/PATH] or an http(s):// URL';

export function parseProbeTarget(text: string): ProbeTargetResult {
	const input = text.trim();
	if (input === '') return fail(`--probe needs a target: ${USAGE}.`);
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(input)) return parseUrl(input);
	const slash = input.indexOf('/');
	if (slash === -1) return fail(`"${input}" is not a probe target: ${USAGE}.`);
	const type = input.slice(0, slash).toLowerCase();
	if (!SERVICE_TYPES.has(type)) return fail(`"${input}" is not a probe target: a ${type} cannot be probed, ${USAGE}.`);
	return parseService(input, input.slice(slash + 1));
}

function parseService(input: string, rest: string): ProbeTargetResult {
	const pathStart = rest.indexOf('/');
	const hostPart = pathStart === -1 ? rest : rest.slice(0, pathStart);
	const path = pathStart === -1 ? '/' : rest.slice(pathStart);
	const colon = hostPart.indexOf(':');
	const service = colon === -1 ? hostPart : hostPart.slice(0, colon);
	const port = colon === -1 ? undefined : hostPart.slice(colon + 1);
	if (!SERVICE_NAME.test(service)) {
		return fail(`"${input}" does not name a Service: names are lowercase letters, digits and '-', starting with a letter.`);
	}
	if (port !== undefined && !isServicePort(port)) {
		return fail(`"${input}" has a bad port "${port}": use a number from 1 to 65535 or the port's name.`);
	}
	if (/\s/.test(path)) return fail(`"${input}" has a space in its path: encode it as %20.`);
	return {ok: true, target: {kind: 'service', service, ...(port === undefined ? {} : {port}), path}};
}

function isServicePort(port: string): boolean {
	if (/^\d+$/.test(port)) return Number(port) >= 1 && Number(port) <= 65_535;
	return port.length <= 15 && PORT_NAME.test(port);
}

function parseUrl(input: string): ProbeTargetResult {
	let url: URL;
	try {
		url = new URL(input);
	} catch {
		return fail(`"${input}" is not a valid URL: ${USAGE}.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return fail(`"${input}" uses ${url.protocol.slice(0, -1)}: the prober speaks http and https only.`);
	}
	if (url.hostname === '') return fail(`"${input}" has no host: ${USAGE}.`);
	return {ok: true, target: {kind: 'url', url: url.href}};
}

/** The label shown in the Traffic pane: `svc/web:http/healthz`, or the URL. */
export function formatProbeTarget(target: ProbeTarget): string {
	if (target.kind === 'url') return target.url;
	const port = target.port === undefined ? '' : `:${target.port}`;
	return `svc/${target.service}${port}${target.path === '/' ? '' : target.path}`;
}

function fail(message: string): ProbeTargetResult {
	return {ok: false, message};
}
