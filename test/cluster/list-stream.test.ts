// The list reader (source/cluster/list-stream.ts) against JSON.parse of the whole body: the same items
// and the same rest, however the text is cut into pieces.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ListSplitter, readList} from '../../source/cluster/list-stream.js';

function split(text: string, cuts: number[]): string[] {
	const at = [...new Set(cuts.map(cut => cut % (text.length + 1)))].sort((a, b) => a - b);
	const pieces: string[] = [];
	let from = 0;
	for (const cut of at) {
		pieces.push(text.slice(from, cut));
		from = cut;
	}
	pieces.push(text.slice(from));
	return pieces;
}

function readPieces(pieces: string[]) {
	const items: unknown[] = [];
	const splitter = new ListSplitter(text => items.push(JSON.parse(text)));
	for (const piece of pieces) splitter.push(piece);
	return {items, head: splitter.end()};
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
// Keys and strings that look like the structure the reader looks for.
const tricky = fc.constantFrom('items', '"items":[', '{', '}', '[', ']', '\\', '\\"', ',', ':', 'é', '😀', '\u0000', ' ');
const text = fc.oneof(fc.string(), fc.array(tricky, {maxLength: 6}).map(parts => parts.join('')));
const value = fc.letrec(tie => ({
	json: fc.oneof({depthSize: 'small'}, fc.constant(null), fc.boolean(), fc.integer(), text, fc.array(tie('json'), {maxLength: 3}), fc.dictionary(text, tie('json'), {maxKeys: 3})),
})).json;
const list = fc.record({
	before: fc.dictionary(text.filter(key => key !== 'items'), value, {maxKeys: 3}),
	items: fc.array(fc.oneof({weight: 4, arbitrary: fc.dictionary(text, value, {maxKeys: 4})}, {weight: 1, arbitrary: value}), {maxLength: 6}),
	after: fc.dictionary(text.filter(key => key !== 'items'), value, {maxKeys: 2}),
});

describe('reading a list item by item', () => {
	it('finds the same object items and the same rest as JSON.parse of the whole body, however it is cut', () => {
		fc.assert(
			fc.property(list, fc.array(fc.nat(), {maxLength: 12}), fc.boolean(), ({before, items, after}, cuts, pretty) => {
				const body = {...before, items, ...after};
				const json = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
				const read = readPieces(split(json, cuts));
				expect(read.items).toEqual(items.filter(isObject));
				expect(read.head).toEqual({...before, items: [], ...after});
			}),
			{numRuns: 500},
		);
	});

	it('reads a response body of bytes cut inside multi-byte characters', async () => {
		const body = JSON.stringify({kind: 'PodList', metadata: {resourceVersion: '7', continue: 'x'}, items: [{metadata: {name: 'é😀'}}, null, {metadata: {name: 'b'}}]});
		const bytes = new TextEncoder().encode(body);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
				controller.close();
			},
		});
		const items: unknown[] = [];
		const head = await readList(stream, item => items.push(item));
		expect(items).toEqual([{metadata: {name: 'é😀'}}, {metadata: {name: 'b'}}]);
		expect(head).toEqual({kind: 'PodList', metadata: {resourceVersion: '7', continue: 'x'}, items: []});
	});

	it('throws on a body that is cut short or is not JSON, as JSON.parse would', () => {
		expect(() => readPieces(['{"items":[{"a":1},{"b"'])).toThrow(SyntaxError);
		expect(() => readPieces(['{"items":[{"a":1}]'])).toThrow(SyntaxError);
		expect(() => readPieces(['<html>502 Bad Gateway</html>'])).toThrow(SyntaxError);
		expect(() => readPieces(['{"items":[{"a":}]}'])).toThrow(SyntaxError);
	});
});
