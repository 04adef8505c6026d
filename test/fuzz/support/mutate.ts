// Fuzz inputs built from real objects: a snapshot of a recorded rollout (test/fixtures/ui, real control
// plane output) with a few fields deleted, nulled or replaced by the wrong type, huge numbers or
// unicode. Mutating real shapes reaches far deeper into the code than random JSON would.
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import type {Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service} from '../../../source/k8s/types.js';
import {isWellFormed} from '../../../source/store/well-formed.js';
import type {WatchedResource} from '../../../source/store/types.js';

export type Objects = {deployments: Deployment[]; replicasets: ReplicaSet[]; pods: Pod[]; services: Service[]; endpointslices: EndpointSlice[]};
export const FIXTURES = ['rolling-mid', 'history-3-revisions', 'canary-split', 'broken-crashloop'] as const;

export function loadObjects(name: (typeof FIXTURES)[number]): {objects: Objects; namespace: string; now: number} {
	const fixture = JSON.parse(readFileSync(new URL(`../../fixtures/ui/${name}.json`, import.meta.url), 'utf8')) as {scenario: string; t: number; t0_wall: string; objects: Partial<Objects>};
	const {deployments = [], replicasets = [], pods = [], services = [], endpointslices = []} = fixture.objects;
	return {objects: {deployments, replicasets, pods, services, endpointslices}, namespace: `demo-${fixture.scenario}`, now: Date.parse(fixture.t0_wall) + fixture.t};
}

const ODD_STRINGS = ['', ' ', '0', '-5', '100%', '150%', '-25%', 'abc%', '1e400', 'NaN', 'True', '\u0000', '\u001B[2J\u001B[31mboom', '名前-🚀-\u202Eevil', 'a'.repeat(300), '2026-13-45T99:99:99Z'];
const ODD_NUMBERS = [0, -1, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31];

/** Values that have broken parsers and formatters before: wrong types, extremes, odd text. */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(null, undefined, true, false, ...ODD_NUMBERS, ...ODD_STRINGS, [], {}, [null], {a: {b: null}}),
	fc.string({unit: 'grapheme', maxLength: 20}),
	fc.integer(),
	fc.double({noNaN: false}),
	fc.jsonValue({maxDepth: 2}),
);

/**
 * A replacement a (buggy, old or hostile) server could plausibly send for `original`: null or missing
 * where a field is optional, extreme or negative numbers, odd or unicode strings, unknown enum values,
 * empty lists and objects. Types stay JSON-plausible (a list stays a list or null), which is what the
 * derivations are written against; the store reducer is fuzzed with outright garbage too.
 */
function plausibleFor(original: unknown, nullable: boolean): fc.Arbitrary<unknown> | undefined {
	const orNull = (...values: unknown[]) => (nullable ? [null, ...values] : values);
	if (typeof original === 'number') return fc.oneof(fc.constantFrom(...orNull(...ODD_NUMBERS)), fc.integer({min: -1000, max: 1_000_000}));
	if (typeof original === 'string') return fc.oneof(fc.constantFrom(...orNull(...ODD_STRINGS)), fc.string({unit: 'grapheme', maxLength: 30}));
	if (typeof original === 'boolean') return fc.constantFrom(...orNull(!original));
	if (Array.isArray(original)) return fc.constantFrom(...orNull([]));
	if (original && typeof original === 'object') return fc.constantFrom(...orNull({}));
	// null or undefined (a field an earlier mutation already nulled, or one the API sent as null): its
	// type is unknown here, so it stays as it is — turning it into {} would put an object where the API
	// has a string or a list, which no server sends (the fuzz once broke the derivations that way, not
	// the server's shapes).
	return undefined;
}

type Path = Array<string | number>;

/** Every path into a JSON value, containers included. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
	if (value === null || typeof value !== 'object') return out;
	for (const [key, child] of Object.entries(value)) {
		const path = [...prefix, Array.isArray(value) ? Number(key) : key];
		out.push(path);
		pathsOf(child, path, out);
	}
	return out;
}

type Mutation = {pick: number; action: 'delete' | 'set' | 'plausible'; value: unknown; seed: number};

function apply<T>(object: T, mutations: readonly Mutation[], strict: boolean): T {
	const copy = structuredClone(object) as unknown;
	for (const mutation of mutations) {
		const paths = pathsOf(copy);
		if (paths.length === 0) break;
		const candidates = strict ? paths.filter(path => !(path.length === 1 && path[0] === 'metadata')) : paths;
		if (candidates.length === 0) break;
		// Strict: metadata itself stays an object, the one thing the store's gate guarantees (reducer.ts).
		const path = candidates[mutation.pick % candidates.length]!;
		let parent = copy as Record<string | number, unknown>;
		for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
		const last = path.at(-1)!;
		if (mutation.action === 'delete' && !Array.isArray(parent)) delete parent[last];
		else if (mutation.action === 'set' && !strict) parent[last] = structuredClone(mutation.value);
		else {
			// A list from the API never holds null items: only fields can be null.
			const replacement = plausibleFor(parent[last], !Array.isArray(parent));
			if (replacement) parent[last] = fc.sample(replacement, {seed: mutation.seed, numRuns: 1})[0];
		}
	}
	return copy as T;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({pick: fc.nat(), action: fc.constantFrom('delete' as const, 'set' as const, 'plausible' as const), value: strangeValue, seed: fc.integer()});

/**
 * A real object with 0–`maxMutations` fields broken. `strict` (default) keeps replacements
 * JSON-plausible (see plausibleFor); otherwise any value may land anywhere.
 */
export function mutated<T>(object: T, maxMutations = 6, strict = true): fc.Arbitrary<T> {
	return fc.array(mutation, {maxLength: maxMutations}).map(mutations => apply(object, mutations, strict));
}

/** A broken version of `object` that the store would admit (the original when it would not). */
export function admitted<T>(resource: WatchedResource, object: T, maxMutations = 6): fc.Arbitrary<T> {
	return mutated(object, maxMutations).map(broken => (isWellFormed(resource, broken) ? broken : object));
}

/**
 * Every object of a fixture, each independently broken (sometimes not at all), keeping only what the
 * store admits (source/store/well-formed.ts): the derivations and panes only ever see those.
 */
export function mutatedObjects(objects: Objects, maxMutations = 4): fc.Arbitrary<Objects> {
	const each = <T>(resource: WatchedResource, list: T[]) => fc.tuple(...list.map(object => admitted(resource, object, maxMutations)));
	return fc.record({
		deployments: each('deployments', objects.deployments),
		replicasets: each('replicasets', objects.replicasets),
		pods: each('pods', objects.pods),
		services: each('services', objects.services),
		endpointslices: each('endpointslices', objects.endpointslices),
	}) as fc.Arbitrary<Objects>;
}

/** Whole objects that are barely objects: missing or non-object metadata, wrong kinds, unicode names. */
export const garbageObject: fc.Arbitrary<KubeObject> = fc.oneof(
	fc.constant({} as KubeObject),
	fc.record({metadata: strangeValue}) as fc.Arbitrary<KubeObject>,
	fc.record({metadata: fc.record({name: strangeValue, namespace: strangeValue, uid: strangeValue, resourceVersion: strangeValue}, {requiredKeys: []}), spec: strangeValue, status: strangeValue}, {requiredKeys: ['metadata']}) as fc.Arbitrary<KubeObject>,
	fc.jsonValue({maxDepth: 3}) as fc.Arbitrary<KubeObject>,
);

/**
 * How many cases a property runs: `n` in CI, times FUZZ_SCALE for a deep local hunt
 * (`FUZZ_SCALE=50 npx vitest run test/fuzz`). Seeds are random on every run, so a deep hunt before
 * a change lands keeps CI from being the first to meet a rare counterexample.
 */
export const fuzzRuns = (n: number): number => Math.max(1, Math.round(n * (Number(process.env.FUZZ_SCALE) || 1)));
