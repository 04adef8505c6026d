import {describe, expect, it} from 'vitest';
import {createProbeStats} from '../../source/probe/stats.js';

const ok = (version: string) => ({ok: true as const, version});
const fail = (reason: string) => ({ok: false as const, reason});

describe('createProbeStats', () => {
	it('counts per version and failures, totals and in the live window', () => {
		const stats = createProbeStats(5000, 1000);
		stats.record(1100, ok('v1'));
		stats.record(2000, ok('v2'));
		stats.record(7000, ok('v2'));
		stats.record(7100, fail('timeout'));
		expect(stats.snapshot(7200)).toEqual({
			since: 1000,
			perVersion: [
				{version: 'v1', total: 1, recent: 0},
				{version: 'v2', total: 2, recent: 1},
			],
			failures: {total: 1, recent: 1, lastReason: 'timeout'},
			requests: {total: 4, recent: 2},
			lastError: 'timeout',
		});
		// the window moves on without new results
		expect(stats.snapshot(20_000).requests).toEqual({total: 4, recent: 0});
	});

	it('clears lastError on the next success but keeps the last failure reason', () => {
		const stats = createProbeStats(5000, 0);
		stats.record(1, fail('503 Service Unavailable'));
		stats.record(2, ok('v1'));
		const snapshot = stats.snapshot(3);
		expect(snapshot.lastError).toBeUndefined();
		expect(snapshot.failures.lastReason).toBe('503 Service Unavailable');
	});

	it('restarts totals for a new rollout and keeps the live window', () => {
		const stats = createProbeStats(5000, 0);
		stats.record(100, ok('v1'));
		stats.record(200, fail('connection refused'));
		stats.resetTotals(300);
		stats.record(400, ok('v2'));
		expect(stats.snapshot(500)).toEqual({
			since: 300,
			perVersion: [
				{version: 'v1', total: 0, recent: 1},
				{version: 'v2', total: 1, recent: 1},
			],
			failures: {total: 0, recent: 1},
			requests: {total: 1, recent: 3},
		});
	});

	it('orders versions naturally with unknown last', () => {
		const stats = createProbeStats(5000, 0);
		for (const version of ['unknown', 'v10', 'v2', 'v1.9']) stats.record(1, ok(version));
		expect(stats.snapshot(2).perVersion.map(v => v.version)).toEqual(['v1.9', 'v2', 'v10', 'unknown']);
	});
});
