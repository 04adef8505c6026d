import {describe, expect, it} from 'vitest';
import {chromeRows, layout, type Layout} from '../../source/ui/layout.js';

const input = {trafficLines: 3, revisions: 3, warnings: 1};

function usedRows(result: Layout): number {
	const top = result.top === 'side-by-side'
		? Math.max(result.rollout.height, result.history.height + result.traffic.height)
		: result.rollout.height + result.history.height + result.traffic.height;
	return chromeRows + result.warnings + top + result.pods.height;
}

describe('layout', () => {
	it('puts Rollout beside History and Traffic from 100 columns', () => {
		const result = layout(100, 30, input);
		expect(result.top).toBe('side-by-side');
		expect(result.rollout.width + result.history.width).toBe(100);
		expect(result.history.height + result.traffic.height).toBe(result.rollout.height);
		expect(result.pods.log).toBe('below');
		expect(layout(140, 30, input).pods.log).toBe('beside');
	});

	it('keeps the previous revision visible beside Traffic at 100×30, taking rows the Pods pane can spare', () => {
		const during = layout(100, 30, {trafficLines: 3, revisions: 2, warnings: 1});
		expect(during.history.rows).toBeGreaterThanOrEqual(2);
		expect(during.traffic.rows).toBe(3);
		expect(during.pods.rows).toBeGreaterThanOrEqual(6);
		expect(usedRows(during)).toBeLessThanOrEqual(30);
		// A short terminal keeps its Pods pane: History shrinks back to what fits beside Rollout.
		const short = layout(100, 22, {trafficLines: 3, revisions: 2, warnings: 1});
		expect(short.rollout.height).toBe(layout(100, 22, {trafficLines: 0, revisions: 1, warnings: 1}).rollout.height);
	});

	it('stacks and collapses History and Traffic to one line at 80×24', () => {
		const result = layout(80, 24, input);
		expect(result.top).toBe('stacked');
		expect(result.history.mode).toBe('line');
		expect(result.traffic.mode).toBe('line');
		expect(result.rollout.width).toBe(80);
		expect(result.pods.rows).toBeGreaterThanOrEqual(3);
	});

	it('gives History and Traffic panes back when a narrow terminal is tall', () => {
		const result = layout(80, 50, input);
		expect(result.history.mode).toBe('pane');
		expect(result.traffic.mode).toBe('pane');
	});

	it('hides Traffic when no service selects the pods', () => {
		expect(layout(80, 24, {...input, trafficLines: 0}).traffic.mode).toBe('hidden');
		expect(layout(120, 40, {...input, trafficLines: 0}).traffic.mode).toBe('hidden');
	});

	it('never uses more rows or columns than the terminal has, from 80×20 up', () => {
		for (const columns of [80, 99, 100, 120, 200]) {
			for (const rows of [20, 24, 30, 36, 50]) {
				const result = layout(columns, rows, input);
				expect(usedRows(result), `${columns}×${rows}`).toBeLessThanOrEqual(rows);
				expect(Math.max(result.rollout.width, result.pods.width), `${columns}×${rows}`).toBeLessThanOrEqual(columns);
			}
		}
	});

	it('windows the pods to the rows left', () => {
		expect(layout(100, 50, input).pods.rows).toBeGreaterThan(layout(100, 30, input).pods.rows);
	});

	it('uses a compact Rollout pane on short terminals', () => {
		expect(layout(80, 20, input).rollout.compact).toBe(true);
		expect(layout(80, 24, input).rollout.compact).toBe(false);
	});
});
