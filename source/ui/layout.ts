// Which panes show, and how big, for a terminal size. Pure, so the 80×24 promise is a unit test.

export type PaneMode = 'pane' | 'line' | 'hidden';

export type LayoutInput = {
	/** Lines the Traffic pane would like (one per service title and version); 0 hides it. */
	trafficLines: number;
	/** Revisions in History. */
	revisions: number;
	/** Warnings to show inline. */
	warnings: number;
	/** Rows taken from the Pods pane by an open dialog (confirm, scale). */
	reservedRows?: number;
};

export type Layout = {
	columns: number;
	rows: number;
	/** Rollout beside History/Traffic (wide) or everything stacked (narrow). */
	top: 'side-by-side' | 'stacked';
	/** Warning lines shown (the rest are counted in "+N more"). */
	warnings: number;
	rollout: {width: number; height: number; compact: boolean};
	history: {mode: PaneMode; width: number; height: number; rows: number};
	traffic: {mode: PaneMode; width: number; height: number; rows: number};
	pods: {width: number; height: number; rows: number; log: 'beside' | 'below' | 'hidden'; logRows: number; logWidth: number};
	/** Rows of the deployment list view. */
	list: {rows: number};
};

/** Header, status line and footer: one row each. */
export const chromeRows = 3;
const border = 2;
/** Columns from which Rollout and History/Traffic sit side by side. */
export const sideBySideColumns = 100;
/** Columns from which the transition log fits beside full pod names. */
export const logBesideColumns = 130;
/** Rows from which History and Traffic get full panes when stacked. */
const tallRows = 36;
/** Rollout pane body: title, updated/ready/available bars, budget + time, two lines of kubectl status. */
const rolloutFullBody = 7;
/** Compact body: title, updated and available bars, two lines of kubectl status. */
const rolloutCompactBody = 5;
/** Border, column header and one pod. */
const minPodsHeight = border + 1 + 1;
/** What the Pods pane keeps before History may grow: six pods and a few log lines. */
const podsKeepHeight = border + 1 + 6 + 3;
/** Revisions History shows at most beside the Rollout pane. */
const maxHistoryRows = 3;

export function layout(columns: number, rows: number, input: LayoutInput): Layout {
	const reserved = input.reservedRows ?? 0;
	// An open dialog needs the room more than the warnings do.
	const warnings = reserved > 0 ? 0 : Math.min(input.warnings, rows >= 30 ? 3 : rows >= 20 ? 1 : 0);
	const compact = rows < 22;
	const rolloutHeight = border + (compact ? rolloutCompactBody : rolloutFullBody);
	const list = {rows: Math.max(1, rows - chromeRows - border - 1)};
	const available = rows - chromeRows - warnings - reserved;

	if (columns >= sideBySideColumns) {
		const rolloutWidth = Math.ceil(columns * 0.55);
		const rightWidth = columns - rolloutWidth;
		// History and Traffic share the Rollout pane's height; when they need more (the previous revision
		// must stay visible to undo to it) the top grows into rows the Pods pane can spare.
		const trafficWanted = input.trafficLines > 0 ? border + input.trafficLines : 0;
		const historyWanted = border + 1 + Math.min(Math.max(1, input.revisions), maxHistoryRows);
		const spare = Math.max(0, available - rolloutHeight - podsKeepHeight);
		const topHeight = rolloutHeight + Math.min(spare, Math.max(0, trafficWanted + historyWanted - rolloutHeight));
		const trafficHeight = trafficWanted > 0 ? Math.min(trafficWanted, topHeight - (border + 2)) : 0;
		const historyHeight = topHeight - trafficHeight;
		const history = {mode: 'pane' as const, width: rightWidth, height: historyHeight, rows: Math.max(0, historyHeight - border - 1)};
		const traffic = trafficHeight > 0
			? {mode: 'pane' as const, width: rightWidth, height: trafficHeight, rows: trafficHeight - border}
			: hidden(rightWidth);
		const pods = podsLayout(columns, Math.max(minPodsHeight, available - topHeight));
		return {columns, rows, top: 'side-by-side', warnings, rollout: {width: rolloutWidth, height: topHeight, compact}, history, traffic, pods, list};
	}

	const tall = rows >= tallRows;
	const historyHeight = tall ? Math.min(border + 1 + Math.max(1, input.revisions), border + 1 + 4) : 1;
	const history = {mode: tall ? 'pane' as const : 'line' as const, width: columns, height: historyHeight, rows: tall ? historyHeight - border - 1 : 1};
	let traffic: Layout['traffic'] = hidden(columns);
	if (input.trafficLines > 0) {
		const height = tall ? border + Math.min(input.trafficLines, 4) : 1;
		traffic = {mode: tall ? 'pane' : 'line', width: columns, height, rows: tall ? height - border : 1};
	}
	const podsHeight = Math.max(minPodsHeight, available - rolloutHeight - history.height - traffic.height);
	return {
		columns, rows, top: 'stacked', warnings,
		rollout: {width: columns, height: rolloutHeight, compact},
		history, traffic, pods: podsLayout(columns, podsHeight), list,
	};
}

function hidden(width: number) {
	return {mode: 'hidden' as const, width, height: 0, rows: 0};
}

/** Pods take what is left; the transition log goes beside them when wide, below them when tall enough. */
function podsLayout(columns: number, height: number): Layout['pods'] {
	const body = height - border - 1;
	if (columns >= logBesideColumns) {
		const logWidth = Math.floor((columns - border) * 0.42);
		return {width: columns, height, rows: body, log: 'beside', logRows: body + 1, logWidth};
	}
	if (body >= 6) {
		const logRows = Math.min(4, Math.floor(body / 3));
		return {width: columns, height, rows: body - logRows, log: 'below', logRows, logWidth: columns - border};
	}
	return {width: columns, height, rows: body, log: 'hidden', logRows: 0, logWidth: 0};
}
