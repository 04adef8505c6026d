// Renders terminal frames (from @xterm/headless) to SVG: one still, or an animated loop of frames.
// We interpret the real app's output with xterm.js's own emulator, so the picture is what a terminal shows.
import xtermHeadless from '@xterm/headless';

const {Terminal} = xtermHeadless;

// A dark 16-colour palette (xterm defaults, softened).
const PALETTE = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4',
	'#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#82c4ff', '#de9bf0', '#7fd4de', '#ffffff'];
const BG = '#1e1e1e';
const FG = '#dcdfe4';
const CELL_W = 8.4;
const CELL_H = 17;

export function createTerminal(cols, rows) {
	return new Terminal({cols, rows, allowProposedApi: true});
}

export function writeAsync(term, data) {
	return new Promise(resolve => term.write(data, resolve));
}

function color256(n) {
	if (n < 16) return PALETTE[n];
	if (n >= 232) {
		const v = 8 + (n - 232) * 10;
		return `rgb(${v},${v},${v})`;
	}
	const i = n - 16;
	const c = [Math.floor(i / 36), Math.floor(i / 6) % 6, i % 6].map(v => (v === 0 ? 0 : 55 + v * 40));
	return `rgb(${c.join(',')})`;
}

function cellColor(cell, fg) {
	const isDefault = fg ? cell.isFgDefault() : cell.isBgDefault();
	if (isDefault) return fg ? FG : undefined;
	const value = fg ? cell.getFgColor() : cell.getBgColor();
	if (fg ? cell.isFgRGB() : cell.isBgRGB()) return `#${value.toString(16).padStart(6, '0')}`;
	return color256(value);
}

const escapeXml = text => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The visible screen as SVG elements (runs of same-styled cells). */
export function frameElements(term) {
	const buffer = term.buffer.active;
	const parts = [];
	for (let y = 0; y < term.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		let run;
		const flush = () => {
			if (!run || run.text.trim() === '' && !run.bg) {
				run = undefined;
				return;
			}
			const x = (run.x * CELL_W).toFixed(1);
			if (run.bg) parts.push(`<rect x="${x}" y="${y * CELL_H}" width="${(run.width * CELL_W).toFixed(1)}" height="${CELL_H}" fill="${run.bg}"/>`);
			const weight = run.bold ? ' font-weight="bold"' : '';
			const opacity = run.dim ? ' opacity="0.6"' : '';
			// textLength pins each run to its cells: a glyph the font lacks (◐ ⏸) falls back to another font
			// whose advance differs, which would otherwise push the rest of the line out of its columns.
			const length = ` textLength="${(run.width * CELL_W).toFixed(1)}" lengthAdjust="spacingAndGlyphs"`;
			parts.push(`<text x="${x}" y="${y * CELL_H + 13}" fill="${run.fg}"${weight}${opacity}${length} xml:space="preserve">${escapeXml(run.text)}</text>`);
			run = undefined;
		};
		const cell = buffer.getNullCell();
		for (let x = 0; x < term.cols; x++) {
			line.getCell(x, cell);
			const width = cell.getWidth();
			if (width === 0) continue;
			const inverse = cell.isInverse();
			let fg = cellColor(cell, true);
			let bg = cellColor(cell, false);
			if (inverse) [fg, bg] = [bg ?? BG, fg];
			const style = {fg, bg, bold: Boolean(cell.isBold()), dim: Boolean(cell.isDim())};
			const chars = cell.getChars() || ' ';
			if (run && run.fg === style.fg && run.bg === style.bg && run.bold === style.bold && run.dim === style.dim) {
				run.text += chars;
				run.width += width;
			} else {
				flush();
				run = {x, text: chars, width, ...style};
			}
		}
		flush();
	}
	return parts.join('');
}

function svgDocument(cols, rows, body, style = '') {
	const width = Math.ceil(cols * CELL_W + 20);
	const height = Math.ceil(rows * CELL_H + 20);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		`<style>text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:14px;white-space:pre}${style}</style>` +
		`<rect width="100%" height="100%" rx="6" fill="${BG}"/><g transform="translate(10 10)">${body}</g></svg>\n`;
}

export function stillSvg(term) {
	return svgDocument(term.cols, term.rows, frameElements(term));
}

/** frames: [{at: seconds, elements: string}] → an SVG that loops through them. */
export function animatedSvg(cols, rows, frames, holdSeconds = 3) {
	const total = frames.at(-1).at + holdSeconds;
	const pct = s => ((s / total) * 100).toFixed(3);
	let style = '';
	let body = '';
	frames.forEach((frame, i) => {
		const end = i + 1 < frames.length ? frames[i + 1].at : total;
		style += `@keyframes f${i}{0%{visibility:hidden}${pct(frame.at)}%{visibility:visible}${pct(end)}%{visibility:hidden}}` +
			`.f${i}{visibility:hidden;animation:f${i} ${total.toFixed(2)}s step-end infinite}`;
		body += `<g class="f${i}">${frame.elements}</g>`;
	});
	return svgDocument(cols, rows, body, style);
}
