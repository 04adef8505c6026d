// Edits to Ink's Output (ink/build/output.js) applied at bundle time by scripts/build.mjs, after the
// shared caches there. Output turns every frame's writes into a grid of styled cells and the grid back
// into strings; in a frame where one pod row changed, nearly all of that work repeats the last frame's.
// Each edit keeps Ink's result exactly (the frames of a 300-step run of the real App are the same with
// and without them) and cuts ≈ 15 % of a frame's CPU (120 × 40, bench/RESULTS.md, sixth pass):
// - a write's text is split into lines of styled characters and turned back into strings once per text,
//   not once per frame (the caches are shared across frames; bounded like the others);
// - a line that lies wholly inside its clip is the line itself: Ink re-tokenized and re-joined it, cell by
//   cell, to slice it to the columns it already fits (every line inside an overflow="hidden" box);
// - the grid starts as one shared blank cell per position, not 4,800 new objects per frame (cells are
//   replaced, never changed in place), and lines are walked by index, not through entries() pairs: a
//   frame allocated ≈ 1 MB, and the young-generation collections were a large share of its cost;
// - a grid row whose cells are the very objects of the same row last frame reuses that frame's string.
// Like every rewrite there, each must find its text: an Ink update that changes it fails the build.
export const inkOutputRewrites = [
	['    getStyledChars(line) {', `    lines = new Map();
    getLines(text) {
        let cached = this.lines.get(text);
        if (cached === undefined) {
            const characterLines = [[]];
            for (const character of this.getStyledChars(text)) {
                if (character.value === '\\n') {
                    characterLines.push([]);
                }
                else {
                    characterLines.at(-1).push(character);
                }
            }
            cached = characterLines.map(line => styledCharsToString(line));
            if (this.lines.size >= 1000) {
                this.lines.clear();
            }
            this.lines.set(text, cached);
        }
        return cached;
    }
    getStyledChars(line) {`],
	[`        const characterLines = [[]];
        for (const character of this.caches.getStyledChars(text)) {
            if (character.value === '\\n') {
                characterLines.push([]);
            }
            else {
                characterLines.at(-1).push(character);
            }
        }
        let lines = characterLines.map(line => styledCharsToString(line));`, '        let lines = this.caches.getLines(text);'],
	[`            if (shouldClipHorizontally) {
                lines = lines.map(line => {
                    const from = x < clip.x1 ? clip.x1 - x : 0;
                    const width = this.caches.getStringWidth(line);
                    const to = x + width > clip.x2 ? clip.x2 - x : width;
                    return this.sliceLineToColumns(line, from, to);
                });`, `            if (shouldClipHorizontally) {
                let sliced;
                for (let index = 0; index < lines.length; index++) {
                    const line = lines[index];
                    const from = x < clip.x1 ? clip.x1 - x : 0;
                    const width = this.caches.getStringWidth(line);
                    const to = x + width > clip.x2 ? clip.x2 - x : width;
                    const slice = this.sliceLineToColumns(line, from, to);
                    if (slice !== line && sliced === undefined) {
                        sliced = lines.slice();
                    }
                    if (sliced !== undefined) {
                        sliced[index] = slice;
                    }
                }
                lines = sliced ?? lines;`],
	['        for (let [index, line] of lines.entries()) {', `        for (let index = 0; index < lines.length; index++) {
            let line = lines[index];`],
	[`    sliceLineToColumns(line, from, to) {
        if (from >= to) {
            return '';
        }`, `    sliceLineToColumns(line, from, to) {
        if (from >= to) {
            return '';
        }
        if (from <= 0 && to >= this.caches.getStringWidth(line)) {
            return line;
        }`],
	[`            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }`, `            const row = new Array(this.width).fill(blankCharacter);`],
	[`        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');`, `        const generatedOutput = output.map((line, y) => rowText(y, line)).join('\\n');`],
	['export default class Output {', `const blankCharacter = {type: 'char', value: ' ', fullWidth: false, styles: []};
let lastRows = [];
const rowText = (y, line) => {
    const last = lastRows[y];
    if (last !== undefined && last.cells.length === line.length) {
        let same = true;
        for (let x = 0; x < line.length && same; x++) {
            same = last.cells[x] === line[x];
        }
        if (same) {
            return last.text;
        }
    }
    // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
    const text = styledCharsToString(line.filter(item => item !== undefined)).trimEnd();
    lastRows[y] = {cells: line, text};
    return text;
};
export default class Output {`],
];
