// The first frame does not wait for the access reviews: keys are allowed while the verdicts are
// unknown, and a denial greys the key out once it arrives.
import {describe, expect, it} from 'vitest';
import {accessStore} from '../../source/cli/session.js';
import type {AccessVerdict, ActionName} from '../../source/cluster/access.js';
import {App} from '../../source/ui/App.js';
import {render} from '../support/render.js';
import {monitorProps} from './fixtures.js';
import {lineWith} from './frames.js';

const allowed: AccessVerdict = {allowed: true};
const verdicts = (overrides: Partial<Record<ActionName, AccessVerdict>>): Record<ActionName, AccessVerdict> => ({pause: allowed, resume: allowed, restart: allowed, undo: allowed, scale: allowed, setImage: allowed, ...overrides});

function pending() {
	let answer!: (value: Record<ActionName, AccessVerdict>) => void;
	let fail!: (error: Error) => void;
	const promise = new Promise<Record<ActionName, AccessVerdict>>((resolve, reject) => {
		answer = resolve;
		fail = reject;
	});
	return {promise, answer, fail};
}

describe('access verdicts that arrive after the first frame', () => {
	it('draws the pods before the reviews answer, then disables what they deny', async () => {
		const reviews = pending();
		const reason = 'cannot patch deployments.apps in namespace "demo-rolling"';
		const {props} = monitorProps('rolling-mid', {targets: ['app-rolling'], access: accessStore(reviews.promise)});
		const screen = render(<App {...props} />);
		const first = await screen.waitFor('q quit');
		expect(first).toContain('Pods');
		expect(lineWith(first, 'q quit')).not.toContain('pause✗');

		reviews.answer(verdicts({pause: {allowed: false, reason}, setImage: {allowed: false, reason}}));
		const denied = await screen.waitFor('pause✗');
		expect(lineWith(denied, 'q quit')).not.toContain('resume✗');
		await screen.type('p');
		await screen.waitFor(`pause is disabled: forbidden: ${reason}`);
		expect(screen.lastFrame()).not.toContain('y/N');
	});

	it('keeps every key allowed when the reviews fail or say unknown', async () => {
		const failed = accessStore(Promise.reject(new Error('connection refused')));
		const unknown = accessStore(Promise.resolve(verdicts({pause: {allowed: 'unknown', reason: 'timeout'}})));
		await new Promise(resolve => setImmediate(resolve));
		expect(failed.getSnapshot()).toEqual({});
		expect(unknown.getSnapshot()).toEqual({});

		const {props, actions} = monitorProps('rolling-mid', {targets: ['app-rolling'], access: unknown});
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('p');
		await screen.waitFor('y/N');
		await screen.type('y');
		await screen.waitFor('paused');
		expect(actions.pause).toHaveBeenCalledTimes(1);
	});

	it('maps setImage to both demo ship keys and scale to scale', async () => {
		const store = accessStore(Promise.resolve(verdicts({setImage: {allowed: false}, scale: {allowed: false, reason: 'no'}})));
		await new Promise(resolve => setImmediate(resolve));
		expect(store.getSnapshot()).toEqual({
			shipNext: {allowed: false, reason: 'forbidden by RBAC'},
			shipBroken: {allowed: false, reason: 'forbidden by RBAC'},
			scale: {allowed: false, reason: 'no'},
		});
	});
});
