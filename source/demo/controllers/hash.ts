// pod-template-hash (A.12). kube hashes a go-spew dump we cannot reproduce; we hash canonical JSON of
// the normalised template the same way (FNV-1a 32, decimal, SafeEncodeString), so hashes are stable,
// look real (alphabet 456789bcdf) and collide the same way. Template equality (EqualIgnoreHash) is
// source/rollout/template-equal.ts.
import type {PodTemplateSpec} from '../../k8s/types.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv1a32(bytes: Uint8Array): number {
	let hash = 0x81_1c_9d_c5;
	for (const byte of bytes) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
	}
	return hash >>> 0;
}

/** Maps every character to the 27-letter alphabet without vowels, as apimachinery's rand.SafeEncodeString. */
export function safeEncodeString(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) out += ALPHABET[text.charCodeAt(i) % ALPHABET.length];
	return out;
}

/**
 * Drops what Semantic.DeepEqual treats as absent: nulls, empty maps and lists, and the
 * template's creationTimestamp (kubectl undo sends `"creationTimestamp":null`, `"resources":{}`).
 */
export function normalizeTemplate(template: PodTemplateSpec): PodTemplateSpec {
	const copy = structuredClone(template) as PodTemplateSpec;
	if (copy.metadata) delete copy.metadata.creationTimestamp;
	return (prune(copy) ?? {spec: {containers: []}}) as PodTemplateSpec;
}

function prune(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (Array.isArray(value)) {
		const items = value.map(item => prune(item) ?? {});
		return items.length === 0 ? undefined : items;
	}
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			const pruned = prune(item);
			if (pruned !== undefined) out[key] = pruned;
		}
		return Object.keys(out).length === 0 ? undefined : out;
	}
	return value;
}

/** JSON with object keys sorted at every level, so equal values serialise to equal bytes. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(item => canonicalJson(item)).join(',')}]`;
	const keys = Object.keys(value).filter(key => (value as Record<string, unknown>)[key] !== undefined).sort();
	return `{${keys.map(key => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
	const text = new TextEncoder().encode(canonicalJson(normalizeTemplate(template)));
	let bytes: Uint8Array = text;
	if (collisionCount !== undefined) {
		bytes = new Uint8Array(text.length + 8);
		bytes.set(text);
		new DataView(bytes.buffer).setUint32(text.length, collisionCount >>> 0, true);
	}
	return safeEncodeString(String(fnv1a32(bytes)));
}
