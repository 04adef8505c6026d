// The screen at the two sizes people actually have (100×30 and 80×24), read the way a user reads it.
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ProbeSnapshot} from '../../source/ui/types.js';
import {render} from '../support/render.js';
import {monitorProps, type FixtureName} from './fixtures.js';
import {lineWith} from './frames.js';

const sizes = [{columns: 100, rows: 30}, {columns: 80, rows: 24}] as const;
const fixtures: ReadonlyArray<[FixtureName, string]> = [['rolling-mid', 'app-rolling'], ['canary-split', 'app-v2'], ['history-3-revisions', 'shop'], ['broken-crashloop', 'api']];
const storeOf = (probe: ProbeSnapshot) => ({getSnapshot: () => probe, subscribe: () => () => {}});

describe('the screen fits 100×30 and 80×24', () => {
	it('keeps every line inside the terminal, the header whole on the right and the footer ending in ? help q quit', async () => {
		for (const size of sizes) {
			for (const [fixture, target] of fixtures) {
				const {props} = monitorProps(fixture, {targets: [target], demo: {scenarioTitle: 'Rolling update'}});
				const screen = render(<App {...props} />, size);
				const frame = await screen.waitFor('q quit');
				const lines = frame.split('\n');
				const label = `${fixture} at ${size.columns}×${size.rows}`;
				expect(lines.length, label).toBeLessThanOrEqual(size.rows);
				for (const line of lines) expect([...line].length, `${label}: ${line}`).toBeLessThanOrEqual(size.columns);
				// The connection state and clock always show, whole, and nothing on the header is cut mid-word.
				expect(lines[0], label).toMatch(/● live \d\d:\d\d:\d\d\s*$/);
				expect(lines[0], label).toContain(`deploy/${target}`);
				expect(lines[0], label).not.toContain('…');
				expect(lines.at(-1), label).toMatch(/\? help {2}q quit/);
				expect(lines.at(-1), label).not.toContain('…');
				screen.unmount();
			}
		}
	});

	it('names the strategy in the header: kubectl terms when wide, fewer words as it narrows', async () => {
		const expectations = [[200, 'RollingUpdate maxSurge 1 maxUnavailable 1'], [100, 'rolling surge 1 unavail 1'], [80, 'rolling']] as const;
		for (const [columns, words] of expectations) {
			const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
			const screen = render(<App {...props} />, {columns, rows: 30});
			const header = (await screen.waitFor('q quit')).split('\n')[0]!;
			expect(header, `${columns} columns`).toContain(`deploy/app-rolling  ${words}  `);
			expect(header).toContain('ctx kind-dev');
			screen.unmount();
		}
	});

	it('drops the strategy before the connection state when the watch is in trouble on a narrow terminal', async () => {
		const {props, store, snapshot, now} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		store.publish({...snapshot, version: 2, connections: {pods: {status: 'reconnecting', since: now - 5000, lastContactAt: now - 12_000, retryAt: now + 3000}}});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		const header = (await screen.waitFor('reconnecting')).split('\n')[0]!;
		expect(header).toContain('◌ reconnecting (retry in 3s) · data 12s old');
		expect(header).toContain('ctx kind-dev');
		expect(header).not.toContain('rolling');
	});

	it('shows a frozen view in the header, set apart from the words before it, at 80 columns', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		await screen.waitFor('q quit');
		await screen.press('space');
		const header = (await screen.waitFor('frozen')).split('\n')[0]!;
		expect(header).toMatch(/ ⏸ frozen {2}● live \d\d:\d\d:\d\d\s*$/);
		expect(header.at(header.indexOf('⏸') - 1)).toBe(' ');
		expect(header.at(header.indexOf('⏸') - 2)).not.toBe('…');
	});

	it('sizes the Pods columns from their content: STATUS follows the longest name, not the pane width', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('Pods');
		const row = lineWith(frame, 'app-rolling-8687b6c45c-p9fsf');
		const header = lineWith(frame, 'STATUS');
		// Two cells of gutter after the longest name (app-rolling-8687b6c45c-xxxxx, 28 cells).
		expect(row).toMatch(/◐ app-rolling-8687b6c45c-p9fsf {2}rev2 {2}ContainerCreating {2}0\/1/);
		expect(header.indexOf('STATUS')).toBe(row.indexOf('ContainerCreating'));
		expect(header.indexOf('READY')).toBe(row.indexOf('0/1'));
	});

	it('gives the transition log the pod rows the list does not need at 80×24', async () => {
		const {props, store, snapshot, now} = monitorProps('history-3-revisions', {targets: ['shop']});
		store.publish({...snapshot, version: 2, transitions: Array.from({length: 8}, (_, index) => ({
			id: `t${index}`, at: now - 8000 + index * 1000, pod: `shop-6f6c9c7c6c-p${index}`, uid: `u${index}`, revision: '3', from: 'Pending', to: `Step${index}`,
		}))});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		const frame = await screen.waitFor('Step7');
		const shown = frame.split('\n').filter(line => /Pending → Step\d/.test(line));
		// Three pods in five pod rows: the two spare rows go to the log, four lines instead of two.
		expect(shown.length).toBe(4);
		expect(frame).not.toContain('Step3');
	});

	it('gives the log beside the pods (wide terminals) the columns the list leaves empty', async () => {
		const {props, store, snapshot, now} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		store.publish({...snapshot, version: 2, transitions: [{id: 'a', at: now - 1000, pod: 'app-rolling-8687b6c45c-4skzb', uid: 'u1', revision: '2', from: 'ContainerCreating', to: 'Ready'}]});
		const screen = render(<App {...props} />, {columns: 150, rows: 40});
		const line = lineWith(await screen.waitFor('→ Ready'), '→ Ready');
		// The list's columns end at AGE; after the divider, the whole transition, with room to spare.
		expect(line).toMatch(/NAME\s+REV\s+STATUS\s+READY\s+↻\s+AGE {2,6}│ \d\d:\d\d:\d\d app-rolling-8687b6c45c-4skzb ContainerCreating → Ready {4,}┃$/);
	});

	it('shows the short image and the change-cause in History at 100 columns, the full image when wide', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		let screen = render(<App {...props} />, {columns: 100, rows: 30});
		let frame = await screen.waitFor('History');
		// The cause keeps both ends: the command and the image it set.
		expect(lineWith(frame, '▶ 2')).toMatch(/▶ 2\s+app-upgrade:v2\s+3\s+kube…e:v2\s/);
		expect(lineWith(frame, '▶ 2')).not.toContain('arungupta');
		expect(lineWith(frame, 'REV ')).toMatch(/REV\s+IMAGE\s+PODS\s+CAUSE\s+AGE/);
		screen.unmount();
		screen = render(<App {...props} />, {columns: 200, rows: 40});
		frame = await screen.waitFor('History');
		expect(lineWith(frame, '▶ 2')).toMatch(/▶ 2\s+arungupta\/app-upgrade:v2\s+3\s+kubectl set image depl.*app-upgrade:v2\s/);
		expect(lineWith(frame, 'REV ')).toMatch(/REV\s+IMAGE\s+PODS\s+CHANGE-CAUSE\s+AGE/);
		expect(lineWith(frame, 'initial deploy')).toMatch(/ {3}1\s+arungupta\/app-upgrade:v1\s+3\s+initial deploy: arungupta\/app-upgrade:v1\s/);
	});

	it('never cuts the image on the Rollout line: the short name when the full one does not fit', async () => {
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('Rollout');
		expect(lineWith(frame, 'rev 2 →')).toMatch(/rev 2 → app-upgrade:v2 /);
	});
});

describe('traffic: the split the Service gives, what the prober saw, and what failed', () => {
	it('labels rolling versions by revision and tag, and matches "Version 2" answers to the v2 image', async () => {
		const probe: ProbeSnapshot = {target: 'svc/app-rolling', since: 0, perVersion: [{version: '2', total: 30, recent: 3}, {version: '1', total: 1170, recent: 7}], failures: {total: 4, recent: 2}, requests: {total: 1204, recent: 12}, lastError: '502 Bad Gateway'};
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling'], probe: storeOf(probe)});
		const screen = render(<App {...props} />, {columns: 100, rows: 30});
		const frame = await screen.waitFor('Traffic');
		expect(lineWith(frame, 'rev 2 v2')).toMatch(/rev 2 v2\s+█*░*\s+\d+%\s+\d+ ready\s+seen 30% \(30\)/);
		expect(lineWith(frame, 'rev 1 v1')).toMatch(/rev 1 v1\s+█*░*\s+\d+%\s+\d+ ready\s+seen 70% \(1\.1k\)/);
		// Failing now: the reason leads, then the live window, then the total.
		expect(lineWith(frame, 'failed')).toMatch(/✗ 502 Bad Gateway · 2\/12 failed · 4\/12/);
	});

	it('shows the prober\'s failures and split on one line at 80×24', async () => {
		const probe: ProbeSnapshot = {target: 'svc/app-service', since: 0, perVersion: [{version: 'v2', total: 60, recent: 6}, {version: 'v1', total: 40, recent: 4}], failures: {total: 3, recent: 0}, requests: {total: 100, recent: 10}};
		const {props} = monitorProps('canary-split', {targets: ['app-v2'], probe: storeOf(probe)});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		const line = lineWith(await screen.waitFor('Traffic'), 'Traffic');
		expect(line).toMatch(/Traffic v2 50% seen 60% · v1 50% seen 40% {2}! 0\/10 failed · 3\/100 total/);
	});

	it('does not pass off another Service\'s answers as this one\'s', async () => {
		const probe: ProbeSnapshot = {target: 'svc/elsewhere', since: 0, perVersion: [{version: 'v2', total: 10, recent: 10}], failures: {total: 0, recent: 0}, requests: {total: 10, recent: 10}};
		const {props} = monitorProps('canary-split', {targets: ['app-v2'], probe: storeOf(probe)});
		const screen = render(<App {...props} />, {columns: 200, rows: 30});
		const frame = await screen.waitFor('Traffic');
		expect(lineWith(frame, ' v2 ')).not.toContain('seen');
		expect(lineWith(frame, 'failed')).toContain('✓ svc/elsewhere: 0/10 failed · 0/10 total · seen v2 100%');
	});
});
