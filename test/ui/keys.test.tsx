import {describe, expect, it, vi} from 'vitest';
import {App} from '../../source/ui/App.js';
import {keymap} from '../../source/ui/keymap.js';
import {render} from '../support/render.js';
import {monitorProps} from './fixtures.js';
import {lineWith, unwrapped} from './frames.js';

const rolling = (overrides = {}) => monitorProps('rolling-mid', {targets: ['app-rolling'], ...overrides});

describe('dangerous keys ask first', () => {
	it('p asks to pause, naming the deployment; n cancels and sends nothing', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('p');
		await screen.waitFor('Pause deployment "app-rolling"? The rollout stops where it is (kubectl rollout pause). y/N');
		await screen.type('n');
		await screen.waitFor('cancelled, nothing sent');
		expect(screen.lastFrame()).not.toContain('Pause deployment');
		expect(actions.pause).not.toHaveBeenCalled();
	});

	it('y pauses once and shows the result', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('p');
		await screen.waitFor('y/N');
		await screen.type('y');
		await screen.waitFor('✓ deployment.apps/web paused');
		expect(actions.pause).toHaveBeenCalledTimes(1);
		expect(actions.pause).toHaveBeenCalledWith('app-rolling');
	});

	it('Esc cancels a confirmation too', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('R');
		await screen.waitFor('Restart deployment "app-rolling"?');
		await screen.press('escape');
		await screen.waitFor('cancelled, nothing sent');
		expect(actions.restart).not.toHaveBeenCalled();
	});

	it('shows the API error when an action fails', async () => {
		const {props, actions} = rolling();
		actions.restart.mockResolvedValueOnce({ok: false, message: 'deployments.apps "app-rolling" is forbidden: User "dev" cannot patch resource'});
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('R');
		await screen.press('enter');
		await screen.waitFor('✗ deployments.apps "app-rolling" is forbidden');
	});

	it('s takes digits only, and Enter scales to that number', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('s');
		await screen.waitFor('Scale deployment "app-rolling" from 5 to');
		await screen.type('1x2');
		await screen.waitFor('kubectl scale --replicas=12');
		await screen.press('backspace');
		await screen.waitFor('kubectl scale --replicas=1)');
		await screen.type('0');
		await screen.press('enter');
		await screen.waitFor('✓ deployment.apps/web scaled');
		expect(actions.scale).toHaveBeenCalledExactlyOnceWith('app-rolling', 10);
	});

	it('Esc cancels the scale prompt', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('s3');
		await screen.waitFor('--replicas=3');
		await screen.press('escape');
		await screen.waitFor('cancelled, nothing sent');
		await screen.press('enter');
		expect(actions.scale).not.toHaveBeenCalled();
	});

	it('u on a revision selected in History rolls back to it', async () => {
		const {props, actions} = monitorProps('history-3-revisions', {targets: ['shop']});
		const screen = render(<App {...props} />);
		await screen.waitFor('History');
		await screen.press('tab', 2); // pods → rollout → history
		await screen.waitFor(frame => frame.includes('┏ History'));
		await screen.type('jj');
		await screen.type('u');
		await screen.waitFor(frame => unwrapped(frame).includes('Roll back deployment "shop" to revision 1 (shop:1.0.0)? A new rollout starts (kubectl rollout undo --to-revision=1). y/N'));
		await screen.type('y');
		await screen.waitFor('rolled back');
		expect(actions.undo).toHaveBeenCalledExactlyOnceWith('shop', 1);
	});

	it('u elsewhere rolls back to the previous revision, as kubectl does', async () => {
		const {props, actions} = monitorProps('history-3-revisions', {targets: ['shop']});
		const screen = render(<App {...props} />);
		await screen.waitFor('History');
		await screen.type('u');
		await screen.waitFor(frame => unwrapped(frame).includes('Roll back deployment "shop" to revision 2 (shop:1.1.0)? A new rollout starts (kubectl rollout undo). y/N'));
		await screen.type('y');
		await screen.waitFor('rolled back');
		expect(actions.undo).toHaveBeenCalledExactlyOnceWith('shop', undefined);
	});
});

describe('keys that are not allowed', () => {
	it('read-only removes every key that changes the cluster, and they do nothing', async () => {
		const {props, actions} = rolling({readOnly: true});
		const screen = render(<App {...props} />);
		const frame = await screen.waitFor('q quit');
		for (const label of ['pause', 'resume', 'scale', 'undo', 'restart']) expect(lineWith(frame, 'q quit')).not.toContain(label);
		await screen.type('prRus');
		await screen.press('enter');
		await screen.type('y');
		for (const action of [actions.pause, actions.resume, actions.restart, actions.undo, actions.scale]) expect(action).not.toHaveBeenCalled();
		expect(screen.lastFrame()).not.toContain('y/N');
	});

	it('shows a key RBAC forbids as disabled, with the reason, and does not call it', async () => {
		const reason = 'cannot patch deployments.apps in namespace "demo-rolling"';
		const {props, actions} = rolling({access: {pause: {allowed: false, reason}}});
		const screen = render(<App {...props} />);
		const frame = await screen.waitFor('q quit');
		expect(lineWith(frame, 'q quit')).toContain('p pause✗');
		await screen.type('p');
		await screen.waitFor(`pause is disabled: forbidden: ${reason}`);
		expect(screen.lastFrame()).not.toContain('y/N');
		await screen.type('?');
		await screen.waitFor(`disabled: forbidden: ${reason}`);
		expect(actions.pause).not.toHaveBeenCalled();
	});

	it('says why a key does not apply now', async () => {
		const {props, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('r');
		await screen.waitFor('resume is disabled: not paused');
		expect(actions.resume).not.toHaveBeenCalled();
	});
});

describe('navigation', () => {
	it('? shows help generated from the keymap, and closes again', async () => {
		const {props} = rolling();
		const screen = render(<App {...props} />, {columns: 120, rows: 40});
		await screen.waitFor('Pods');
		await screen.type('?');
		const frame = await screen.waitFor('Keys');
		for (const command of keymap.filter(command => command.scope === 'global' || command.scope === 'rollout')) {
			expect(frame, command.id).toContain(command.help);
		}
		expect(frame).not.toContain(keymap.find(command => command.id === 'open')!.help);
		await screen.press('escape');
		await screen.waitFor(frame => frame.includes('Pods') && !frame.includes('Keys'));
	});

	it('/ filters pods by what the user types', async () => {
		const {props} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('/');
		await screen.type('Termin');
		await screen.press('enter');
		const frame = await screen.waitFor('/Termin');
		expect(frame).toContain('app-rolling-745f994fb-5mgkm');
		expect(frame).not.toContain('app-rolling-8687b6c45c-4skzb');
		// Keys are commands again once the filter is kept.
		await screen.type('?');
		await screen.waitFor('Keys');
	});

	it('space freezes the view while the store moves on, and unfreezes', async () => {
		const {props, store, snapshot} = rolling();
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		await screen.waitFor('3 out of 5 new');
		await screen.press('space');
		await screen.waitFor('frozen');
		const [key, deployment] = [...snapshot.deployments][0]!;
		const moved = {...deployment, status: {...deployment.status, updatedReplicas: 4}};
		store.publish({...snapshot, version: 2, deployments: new Map([[key, moved]])});
		await screen.type('j'); // any render: the frame must still show the old numbers
		expect(screen.lastFrame()).toContain('3 out of 5 new');
		await screen.press('space');
		await screen.waitFor('4 out of 5 new');
		expect(screen.lastFrame()).not.toContain('frozen');
	});

	it('q quits with exit code 0', async () => {
		const {props, onExit} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('q');
		expect(onExit).toHaveBeenCalledExactlyOnceWith(0);
	});

	it('Ctrl-C quits too, even from a dialog', async () => {
		const {props, onExit, actions} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.type('p');
		await screen.waitFor('y/N');
		await screen.press('ctrl-c');
		expect(onExit).toHaveBeenCalledExactlyOnceWith(0);
		expect(actions.pause).not.toHaveBeenCalled();
	});
});

describe('list view', () => {
	it('lists deployments without a target; Enter opens one, Esc goes back', async () => {
		const {props} = monitorProps('canary-split');
		const onView = vi.fn();
		const screen = render(<App {...props} onView={onView} />);
		const frame = await screen.waitFor('Deployments');
		expect(lineWith(frame, 'app-v1')).toMatch(/✓ complete\s+app-v1\s+2\/2\s+2\s+2\s+arungupta\/app-upgra/);
		expect(frame).toContain('app-v2');
		await screen.type('j');
		await screen.press('enter');
		await screen.waitFor('deploy/app-v2');
		await screen.waitFor('Rollout');
		// The CLI learns which Deployment is on screen (demo mode points its prober at it).
		expect(onView).toHaveBeenLastCalledWith('app-v2');
		await screen.press('escape');
		await screen.waitFor('Deployments');
		expect(screen.lastFrame()).not.toContain('deploy/app-v2');
		expect(onView).toHaveBeenLastCalledWith(undefined);
	});

	it('Esc does nothing when started on a single deployment', async () => {
		const {props} = rolling();
		const screen = render(<App {...props} />);
		await screen.waitFor('Pods');
		await screen.press('escape');
		await screen.waitFor('back is disabled: watching a single deployment');
		expect(screen.lastFrame()).toContain('deploy/app-rolling');
	});
});
