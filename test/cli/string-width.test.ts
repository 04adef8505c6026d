// The bundle's string-width (source/cli/string-width.ts) must answer exactly what string-width answers:
// its fast path only counts characters string-width itself measures as one column, standing alone.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fastStringWidth, NARROW_CHARACTERS} from '../../source/cli/string-width.js';

const narrow: string[] = [];
for (let code = 0; code <= 0xFFFF; code++) {
	const character = String.fromCharCode(code);
	if (NARROW_CHARACTERS.test(character)) narrow.push(character);
}
const segmenter = new Intl.Segmenter();
const graphemes = (text: string) => [...segmenter.segment(text)].length;

describe('the fast path of the bundled string-width', () => {
	it('counts only characters string-width measures as one column and that never join a neighbour', () => {
		expect(narrow.length).toBeGreaterThan(200);
		for (const character of narrow) {
			expect(stringWidth(character), `U+${character.codePointAt(0)!.toString(16)}`).toBe(1);
			expect(/[\p{M}\p{Cc}\p{Cf}\p{Emoji_Presentation}]/u.test(character)).toBe(false);
			expect(graphemes(`a${character}${character}é`)).toBe(4);
		}
	});

	it('answers what string-width answers, for any text and options', () => {
		const pieces = fc.constantFrom(...narrow.slice(0, 40), ...narrow.slice(-60), '界', '👍', '👩‍💻', 'e\u0301', '\u00AD', '\u200B', '\t', '\u001B[31m', '\u001B[0m', '\u009B1m', '▶\uFE0F', '✓', '①', '\u1100\u1161');
		const texts = fc.array(pieces, {maxLength: 12}).map(parts => parts.join(''));
		const options = fc.record({ambiguousIsNarrow: fc.boolean(), countAnsiEscapeCodes: fc.boolean()}, {requiredKeys: []});
		fc.assert(fc.property(texts, fc.option(options, {nil: undefined}), (text, given) => {
			expect(fastStringWidth(text, given)).toBe(stringWidth(text, given));
			// The memoized answer, asked again.
			expect(fastStringWidth(text, given)).toBe(stringWidth(text, given));
		}), {numRuns: 2000});
	});

	it('measures the screen rollwatch draws the same way', () => {
		for (const text of ['╭─ Pods ─────╮', '● web-7d9f-abcde  Running  ✓ 1/1', '\u001B[32m✓\u001B[39m ready · 3/3 — ↑ 2 ↓ 1', '░░░██▏ 40%', '⏸ paused ≤ 25% × 2']) {
			expect(fastStringWidth(text)).toBe(stringWidth(text));
			expect(fastStringWidth(text, {ambiguousIsNarrow: false})).toBe(stringWidth(text, {ambiguousIsNarrow: false}));
			expect(fastStringWidth(text, {countAnsiEscapeCodes: true})).toBe(stringWidth(text, {countAnsiEscapeCodes: true}));
		}
	});
});
