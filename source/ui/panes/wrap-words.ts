// Word wrap for a fixed number of lines. Ink's own wrap keeps the space it broke at, so a wrapped line
// can start with a stray blank; this one does not, and marks a cut on the last line with "…".
import {cells} from './short-image.js';

export function wrapWords(text: string, width: number, maxLines: number): string[] {
	if (width <= 0 || maxLines <= 0) return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (cells(candidate) <= width) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = word;
		// A word longer than the line is cut into line-sized pieces (a long URL, a pod name).
		while (cells(line) > width) {
			lines.push([...line].slice(0, width).join(''));
			line = [...line].slice(width).join('');
		}
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	const last = [...`${kept.at(-1)!} ${lines[maxLines]!}`].slice(0, Math.max(0, width - 1)).join('');
	kept[maxLines - 1] = `${last}…`;
	return kept;
}
