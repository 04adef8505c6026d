// The store's maps: every version reads like the Map it models, a published version never changes when
// a later draft does, and the changes found by comparing shared nodes are exactly the changes.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {forEachChange} from '../../source/store/map-diff.js';
import {PersistentMap} from '../../source/store/persistent-map.js';

type Op = {key: string; value?: number};
const key = fc.oneof(fc.constantFrom('ns/a', 'ns/b', 'ns/c'), fc.string({maxLength: 12}).map(text => `ns/${text}`));
const op = fc.record({key, value: fc.option(fc.integer({min: 0, max: 4}), {nil: undefined})});
/** Drafts: each a few changes, then "published" (never changed again). */
const drafts = fc.array(fc.array(op, {maxLength: 30}), {maxLength: 12});

const sorted = (map: ReadonlyMap<string, unknown>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function changesOf(before: ReadonlyMap<string, object>, after: ReadonlyMap<string, object>) {
	const seen: Array<[string, object | undefined, object | undefined]> = [];
	forEachChange(before, after, (changed, was, now) => seen.push([changed, was, now]));
	return seen.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('PersistentMap', () => {
	it('reads like a Map after any changes, and earlier versions stay as they were', () => {
		fc.assert(fc.property(drafts, steps => {
			// Values are objects, as in the store: identity is what changed means.
			const boxes = [0, 1, 2, 3, 4].map(value => ({value}));
			let current = PersistentMap.empty<object>();
			const versions: Array<{map: PersistentMap<object>; model: Map<string, object>}> = [{map: current, model: new Map()}];
			for (const step of steps) {
				const draft = current.draft();
				const model = new Map(versions.at(-1)!.model);
				for (const {key: changed, value} of step as Op[]) {
					if (value === undefined) expect(draft.delete(changed)).toBe(model.delete(changed));
					else {
						draft.set(changed, boxes[value]!);
						model.set(changed, boxes[value]!);
					}
				}
				current = draft;
				versions.push({map: draft, model});
			}
			for (const [index, {map, model}] of versions.entries()) {
				expect(map.size).toBe(model.size);
				expect(sorted(map)).toEqual(sorted(model));
				for (const name of model.keys()) expect(map.get(name)).toBe(model.get(name));
				expect(map.has('absent/key')).toBe(false);
				if (index > 0) {
					const previous = versions[index - 1]!;
					// The same changes as a Map-to-Map comparison finds.
					expect(changesOf(previous.map, map)).toEqual(changesOf(previous.model, model));
				}
			}
		}), {numRuns: 200});
	});

	it('refuses to change a map that is not a draft', () => {
		expect(() => (PersistentMap.empty<number>() as unknown as Map<string, number>).set('ns/a', 1)).toThrow(/only a draft/);
	});
});
