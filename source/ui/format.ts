// Small text formatters shared by panes. Widths are left to Ink; these only build the words.

/** 74 s → "1:14"; 3725 s → "1:02:05". */
export function clockDuration(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Local wall-clock time, "12:03:04". */
export function timeOfDay(ms: number): string {
	const date = new Date(ms);
	return [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
}

/** A bar of `width` cells with `fraction` of them filled. */
export function barCells(fraction: number, width: number): {filled: number; empty: number} {
	const cells = Math.max(0, width);
	const filled = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
	return {filled, empty: cells - filled};
}

/** The first `count` items around `selected`, so the selection stays on screen in a windowed list. */
export function windowAround<T>(items: readonly T[], selected: number, count: number): {start: number; items: T[]} {
	if (count <= 0) return {start: 0, items: []};
	const start = Math.max(0, Math.min(selected - Math.floor(count / 2), items.length - count));
	return {start, items: items.slice(start, start + count)};
}
