// The bundle's Ink splits text into grapheme clusters through source/cli/graphemes.ts, which skips
// Intl.Segmenter for text whose every unit is a cluster: it must split exactly as Intl.Segmenter does.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {segmentGraphemes} from '../../source/cli/graphemes.js';
import {SINGLE_UNIT_GRAPHEMES} from '../../source/cli/string-width.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const reference = (text: string) => [...segmenter.segment(text)].map(({segment, index}) => ({segment, index}));
const ours = (text: string) => [...segmentGraphemes(text)].map(({segment, index}) => ({segment, index}));

const single: string[] = [];
for (let code = 0; code <= 0xFFFF; code++) {
	const character = String.fromCharCode(code);
	if (SINGLE_UNIT_GRAPHEMES.test(character)) single.push(character);
}

describe('grapheme clusters for the bundled Ink', () => {
	it('takes the short cut only for characters that are clusters of their own beside anything in the set', () => {
		expect(single.length).toBeGreaterThan(300);
		expect(single).not.toContain('\r');
		for (const character of single) {
			const text = `a${character}${character}\u001B[0m${character}`;
			expect(ours(text), `U+${character.codePointAt(0)!.toString(16)}`).toEqual(reference(text));
		}
	});

	it('splits any text as Intl.Segmenter does', () => {
		const pieces = fc.constantFrom(...single.slice(0, 60), ...single.slice(-80), '\r\n', '\r', '\n', 'e\u0301', '\u200D', '👍', '👩‍💻', '🇫🇷', '▶\uFE0F', '\u1100\u1161', '\u0903', '\u0600', '界', '\u001B[31m', '\u009B1m');
		fc.assert(fc.property(fc.array(pieces, {maxLength: 16}).map(parts => parts.join('')), text => {
			expect(ours(text)).toEqual(reference(text));
		}), {numRuns: 2000});
	});

	it('splits the screen rollwatch draws', () => {
		for (const text of ['╭─ Pods ─────╮', '\u001B[32m● web-7d9f-abcde\u001B[39m  Running  ✓ 1/1', '░░░██▏ 40% — ↑ 2 ↓ 1 · ⏸ paused ≤ 25% × 2']) {
			expect(ours(text)).toEqual(reference(text));
		}
	});
});
