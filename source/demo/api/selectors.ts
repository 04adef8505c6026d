// Label and field selectors, parsed from the query-string syntax the API server accepts. The string
// form of a LabelSelector object is rollout/ownership.ts labelSelectorString.
import type {KubeObject, Labels} from '../../k8s/types.js';
import {badRequest} from '../status.js';

export type Matcher = (object: KubeObject) => boolean;
type Requirement = {key: string; op: 'in' | 'notin' | 'exists' | '!exists' | '=' | '!='; values: string[]};

/** `a=b,c!=d,e in (x,y),f notin (z),g,!h` → predicate over labels. Throws 400 on bad syntax. */
export function parseLabelSelector(text: string | null | undefined): (labels: Labels | undefined) => boolean {
	const requirements = parseRequirements(text ?? '');
	return labels => requirements.every(r => matches(r, labels ?? {}));
}

function parseRequirements(text: string): Requirement[] {
	const out: Requirement[] = [];
	for (const term of splitTerms(text)) {
		const t = term.trim();
		if (!t) continue;
		let m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
		if (m) {
			out.push({key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map(v => v.trim()).filter(Boolean)});
			continue;
		}
		m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(t);
		if (m) {
			out.push({key: m[1]!, op: m[2] === '!=' ? '!=' : '=', values: [m[3]!]});
			continue;
		}
		m = /^(!?)\s*([^\s!=(),]+)$/.exec(t);
		if (m) {
			out.push({key: m[2]!, op: m[1] ? '!exists' : 'exists', values: []});
			continue;
		}
		throw badRequest(`unable to parse requirement: found '${t}', expected: identifier`);
	}
	return out;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
	const terms: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
		else if (text[i] === ',' && depth === 0) {
			terms.push(text.slice(start, i));
			start = i + 1;
		}
	}
	terms.push(text.slice(start));
	return terms;
}

function matches(r: Requirement, labels: Labels): boolean {
	const has = Object.hasOwn(labels, r.key);
	const value = labels[r.key];
	switch (r.op) {
		case '=':
		case 'in':
			return has && r.values.includes(value!);
		case '!=':
		case 'notin':
			return !has || !r.values.includes(value!);
		case 'exists':
			return has;
		case '!exists':
			return !has;
	}
}

/** labels.FormatLabels: `a=b,c=d` sorted, or `<none>`. */
export function formatLabels(labels: Labels | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	return keys.length ? keys.map(k => `${k}=${labels![k]}`).join(',') : '<none>';
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const FIELDS: Record<string, string[]> = {
	pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
	replicasets: ['status.replicas'],
	events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
	namespaces: ['status.phase'],
};

/** `metadata.name=web,status.phase!=Running` → predicate; unsupported fields are a 400 as on a real server. */
export function parseFieldSelector(text: string | null | undefined, resource: string): Matcher {
	const terms = (text ?? '').split(',').map(s => s.trim()).filter(Boolean);
	const allowed = new Set([...COMMON_FIELDS, ...(FIELDS[resource] ?? [])]);
	const tests = terms.map(term => {
		const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
		if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
		const field = m[1]!;
		if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
		const negate = m[2] === '!=';
		const value = m[3]!;
		return (object: KubeObject) => (fieldValue(object, field) === value) !== negate;
	});
	return object => tests.every(t => t(object));
}

function fieldValue(object: KubeObject, field: string): string {
	if (field === 'source') return String((object as {source?: {component?: string}}).source?.component ?? '');
	if (field === 'status.podIPs') return String((object as {status?: {podIPs?: Array<{ip: string}>}}).status?.podIPs?.[0]?.ip ?? '');
	let value: unknown = object;
	for (const part of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
	if (value === undefined || value === null) return field === 'spec.hostNetwork' ? 'false' : '';
	return String(value);
}
