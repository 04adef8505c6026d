// What the bundle (scripts/build.mjs) gives every importer of string-width: Ink measures the same
// texts again every frame, and string-width segments graphemes and runs an emoji regex per grapheme of
// any non-ASCII text (box borders, ●, ✓). Answers are memoized, and text made only of characters that
// are one column wide and never join a neighbour (ASCII, box drawing, the glyphs rollwatch draws) is
// counted without string-width: its emoji regex alone takes ≈40 ms to build, and a start-up frame
// that never needs it never builds it (the bundle builds it on first use).
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

export type WidthOptions = {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean};

// The non-ASCII characters rollwatch draws that are one column and one grapheme each (both lists below).
const GLYPHS = String.raw`\u00B7\u00D7\u03A3\u2013\u2014\u2026\u2190-\u2193\u21BB\u2212\u2264\u2265\u23F8\u2500-\u259F\u25B6\u25CB\u25CC\u25CF\u25D0\u2713\u2715\u2717`;

/**
 * One column each, standing alone (no marks, joiners, variation selectors, controls, emoji
 * presentation or East Asian wide forms); test/cli/string-width.test.ts checks every one against
 * string-width. Ambiguous-width characters (box drawing, ·, ×) are narrow only by default.
 */
export const NARROW_CHARACTERS = new RegExp(String.raw`^[\u0020-\u007E${GLYPHS}]*$`);

/**
 * Text in which every UTF-16 unit is a grapheme cluster of its own: the narrow characters above, and
 * ASCII controls but CR (CR LF is one cluster). ESC sequences qualify: ESC is a control.
 */
export const SINGLE_UNIT_GRAPHEMES = new RegExp(String.raw`^[\u0000-\u000C\u000E-\u007F${GLYPHS}]*$`);

const widths = new Map<string, number>();
const MAX_ENTRIES = 10_000;

export function fastStringWidth(text: string, options?: WidthOptions): number {
	if (typeof text !== 'string' || text.length === 0) return stringWidth(text, options);
	const key = (options?.ambiguousIsNarrow === false ? 'w' : 'n') + (options?.countAnsiEscapeCodes ? 'a' : 't') + text;
	let width = widths.get(key);
	if (width === undefined) {
		width = narrowWidth(text, options) ?? stringWidth(text, options);
		if (widths.size >= MAX_ENTRIES) widths.clear();
		widths.set(key, width);
	}
	return width;
}

function narrowWidth(text: string, options: WidthOptions | undefined): number | undefined {
	if (options?.ambiguousIsNarrow === false) return undefined;
	const escaped = text.includes('\u001B') || text.includes('\u009B');
	if (escaped && options?.countAnsiEscapeCodes) return undefined;
	const plain = escaped ? stripAnsi(text) : text;
	// Every character in the set is one UTF-16 unit.
	return NARROW_CHARACTERS.test(plain) ? plain.length : undefined;
}

export default fastStringWidth;
