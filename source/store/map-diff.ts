// What changed between two versions of a resource map: the entries added, replaced (a new object under
// the same key) or removed. The reducer keeps an unchanged object's identity, so comparing by
// reference is exact. Two versions of one PersistentMap (the store's) are compared by their unshared nodes.
import {PersistentMap} from './persistent-map.js';
import type {ObjectMap} from './types.js';

export function forEachChange<T>(before: ObjectMap<T>, after: ObjectMap<T>, visit: (key: string, was: T | undefined, now: T | undefined) => void): void {
	if (before === after || PersistentMap.forEachChange(before, after, visit)) return;
	let kept = 0;
	for (const [key, value] of after) {
		const was = before.get(key);
		if (was === undefined) {
			visit(key, undefined, value);
			continue;
		}
		kept++;
		if (was !== value) visit(key, was, value);
	}
	// Every key of `before` is still there: nothing was removed, no second pass.
	if (kept === before.size) return;
	for (const [key, was] of before) if (!after.has(key)) visit(key, was, undefined);
}
