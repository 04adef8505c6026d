// The store's resource maps: immutable once published, and cheap to change. Entries sit in small Maps
// at the leaves of a two-level, 32-way tree chosen by a hash of the key. A change copies the root,
// one branch and one leaf (≈ n/1024 entries), not the whole map: a burst on 10,000 pods used to copy
// the 10,000-entry map once per frame, garbage that also kept the heap large. Two versions share every
// node they did not change, so what changed between them is found by comparing nodes (forEachChange).
// Iteration follows the tree, not insertion order; nothing in rollwatch reads the order of a map.
import type {ObjectMap} from './types.js';

const WIDTH = 32;

type Leaf<T> = Map<string, T>;
type Branch<T> = Array<Leaf<T> | undefined>;
type Root<T> = Array<Branch<T> | undefined>;

/** FNV-1a over the key's UTF-16 code units. */
function hash(key: string): number {
	let value = 0x81_1c_9d_c5;
	for (let index = 0; index < key.length; index++) value = Math.imul(value ^ key.charCodeAt(index), 0x01_00_01_93);
	return value >>> 0;
}

export class PersistentMap<T> implements ReadonlyMap<string, T> {
	static empty<T>(): PersistentMap<T> {
		return new PersistentMap<T>(Array.from({length: WIDTH}), 0);
	}

	/** A draft holding `entries`, for the caller to change further. */
	static draftOf<T>(entries: Iterable<readonly [string, T]>): PersistentMap<T> {
		const draft = PersistentMap.empty<T>().draft();
		for (const [key, value] of entries) draft.set(key, value);
		return draft;
	}

	#root: Root<T>;
	#size: number;
	// The nodes this map may change in place: the ones it copied or made since it became a draft. Every
	// other node may be shared with a published map.
	readonly #own: Set<object> | undefined;

	private constructor(root: Root<T>, size: number, own?: Set<object>) {
		this.#root = root;
		this.#size = size;
		this.#own = own;
	}

	get size(): number {
		return this.#size;
	}

	get [Symbol.toStringTag](): string {
		return 'PersistentMap';
	}

	get(key: string): T | undefined {
		const code = hash(key);
		return this.#root[code % WIDTH]?.[(code >>> 5) % WIDTH]?.get(key);
	}

	has(key: string): boolean {
		const code = hash(key);
		return this.#root[code % WIDTH]?.[(code >>> 5) % WIDTH]?.has(key) ?? false;
	}

	* entries(): MapIterator<[string, T]> {
		for (const branch of this.#root) {
			if (branch) for (const leaf of branch) if (leaf) yield * leaf;
		}
	}

	* keys(): MapIterator<string> {
		for (const [key] of this.entries()) yield key;
	}

	* values(): MapIterator<T> {
		for (const [, value] of this.entries()) yield value;
	}

	[Symbol.iterator](): MapIterator<[string, T]> {
		return this.entries();
	}

	forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
		for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
	}

	/** A map equal to this one that set() and delete() may change, sharing every node until they do. */
	draft(): PersistentMap<T> {
		const root = this.#root.slice();
		return new PersistentMap(root, this.#size, new Set([root]));
	}

	/** Only on a draft that no one else reads yet (the reducer's, before the store publishes it). */
	set(key: string, value: T): this {
		const leaf = this.#leaf(key, true)!;
		const had = leaf.has(key);
		leaf.set(key, value);
		if (!had) this.#size++;
		return this;
	}

	delete(key: string): boolean {
		if (!this.has(key)) return false;
		this.#leaf(key, true)!.delete(key);
		this.#size--;
		return true;
	}

	/** The leaf for `key`; with `writable`, one this draft owns (copied on first write). */
	#leaf(key: string, writable: boolean): Leaf<T> | undefined {
		const own = this.#own;
		if (writable && own === undefined) throw new Error('PersistentMap: only a draft can change');
		const code = hash(key);
		const at = code % WIDTH;
		const inner = (code >>> 5) % WIDTH;
		let branch = this.#root[at];
		if (!writable) return branch?.[inner];
		if (branch === undefined || !own!.has(branch)) {
			branch = branch === undefined ? Array.from({length: WIDTH}) : branch.slice();
			own!.add(branch);
			this.#root[at] = branch;
		}
		let leaf = branch[inner];
		if (leaf === undefined || !own!.has(leaf)) {
			leaf = new Map(leaf);
			own!.add(leaf);
			branch[inner] = leaf;
		}
		return leaf;
	}

	/**
	 * Calls `visit` for every key whose value differs between `before` and `after` (by identity), reading
	 * only the nodes the two do not share. Returns false, having done nothing, unless both are PersistentMaps.
	 */
	static forEachChange<T>(before: ObjectMap<T>, after: ObjectMap<T>, visit: (key: string, was: T | undefined, now: T | undefined) => void): boolean {
		if (!(before instanceof PersistentMap) || !(after instanceof PersistentMap)) return false;
		// Written for the JIT: it runs on every frame, and each deoptimisation (a Map here and an array
		// there at one site, a destructured pair) cost a recompilation of it with `visit` inlined.
		const a: Root<T> = (before as PersistentMap<T>).#root;
		const b: Root<T> = (after as PersistentMap<T>).#root;
		for (let at = 0; at < WIDTH; at++) {
			const branchA = a[at];
			const branchB = b[at];
			if (branchA === branchB) continue;
			for (let inner = 0; inner < WIDTH; inner++) {
				const leafA = branchA === undefined ? undefined : branchA[inner];
				const leafB = branchB === undefined ? undefined : branchB[inner];
				if (leafA !== leafB) visitLeaves(leafA, leafB, visit);
			}
		}
		return true;
	}
}

/** The changes between two leaves (either may be missing), for forEachChange. */
function visitLeaves<T>(leafA: Leaf<T> | undefined, leafB: Leaf<T> | undefined, visit: (key: string, was: T | undefined, now: T | undefined) => void): void {
	if (leafB !== undefined) {
		for (const entry of leafB) {
			const was = leafA === undefined ? undefined : leafA.get(entry[0]);
			if (was !== entry[1]) visit(entry[0], was, entry[1]);
		}
	}
	if (leafA !== undefined) {
		for (const entry of leafA) if (leafB === undefined || !leafB.has(entry[0])) visit(entry[0], entry[1], undefined);
	}
}
