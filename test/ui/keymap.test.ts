import {describe, expect, it} from 'vitest';
import {keymap, keymapMarkdown, keyName, resolveKey, visibleCommands, type InkKey, type KeyContext} from '../../source/ui/keymap.js';
import type {CommandId} from '../../source/ui/types.js';

const allIds: CommandId[] = ['pause', 'resume', 'undo', 'restart', 'scale', 'shipNext', 'shipBroken', 'focusNext', 'focusPrev', 'down', 'up', 'filter', 'freeze', 'help', 'open', 'back', 'quit'];

const context = (overrides: Partial<KeyContext> = {}): KeyContext => ({
	view: 'deployment', focus: 'pods', readOnly: false, access: {}, demoActions: {shipNext: false, shipBroken: false}, canGoBack: false,
	deployment: {name: 'web', paused: false, replicas: 5}, undoTarget: {revision: 1, image: 'web:v1', selected: false},
	...overrides,
});

const noKey: InkKey = {upArrow: false, downArrow: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, pageUp: false, pageDown: false};

describe('keymap table', () => {
	it('has every command exactly once, each with a label and help', () => {
		expect(keymap.map(command => command.id).toSorted()).toEqual(allIds.toSorted());
		for (const command of keymap) {
			expect(command.label.length, command.id).toBeGreaterThan(0);
			expect(command.help.length, command.id).toBeGreaterThan(0);
			expect(command.keys.length, command.id).toBeGreaterThan(0);
		}
	});

	it('binds no key twice within a scope that can be live at the same time', () => {
		const seen = new Map<string, string>();
		for (const command of keymap) {
			for (const key of command.keys) {
				const where = command.scope === 'list' ? 'list' : command.scope === 'global' ? 'global' : 'deployment';
				for (const other of where === 'global' ? ['list', 'deployment'] : [where]) {
					const slot = `${other}:${key}`;
					expect(seen.get(slot), `${key} bound to ${seen.get(slot)} and ${command.id}`).toBeUndefined();
					seen.set(slot, command.id);
				}
				if (where !== 'global') {
					expect(seen.get(`global:${key}`)).toBeUndefined();
				}
			}
		}
	});

	it('marks exactly the commands that change the cluster as dangerous, each with a confirmation', () => {
		const dangerous = keymap.filter(command => command.dangerous).map(command => command.id).toSorted();
		expect(dangerous).toEqual(['pause', 'restart', 'resume', 'scale', 'shipBroken', 'shipNext', 'undo']);
		expect(keymap.filter(command => command.mutates && !command.dangerous)).toEqual([]);
		for (const id of ['pause', 'resume', 'restart', 'undo', 'shipNext', 'shipBroken'] as const) {
			expect(keymap.find(command => command.id === id)?.confirm?.(context({deployment: {name: 'web', paused: true, replicas: 5}}))).toMatch(/"web".*y\/N$/);
		}
	});

	it('words the pause confirmation exactly', () => {
		const pause = keymap.find(command => command.id === 'pause')!;
		expect(pause.confirm!(context())).toBe('Pause deployment "web"? The rollout stops where it is (kubectl rollout pause). y/N');
	});

	it('names the selected revision in the undo confirmation', () => {
		const undo = keymap.find(command => command.id === 'undo')!;
		expect(undo.confirm!(context({undoTarget: {revision: 2, image: 'web:v1', selected: true}}))).toContain('to revision 2 (web:v1)');
		expect(undo.confirm!(context({undoTarget: {revision: 2, image: 'web:v1', selected: true}}))).toContain('--to-revision=2');
	});

	it('removes mutating commands in read-only mode', () => {
		const ids = visibleCommands(context({readOnly: true, demoActions: {shipNext: true, shipBroken: true}})).map(state => state.command.id);
		for (const id of ['pause', 'resume', 'undo', 'restart', 'scale', 'shipNext', 'shipBroken']) expect(ids).not.toContain(id);
		expect(ids).toContain('quit');
		expect(resolveKey('p', context({readOnly: true}))).toBeUndefined();
	});

	it('disables a command the user may not run, with the RBAC reason', () => {
		const state = resolveKey('p', context({access: {pause: {allowed: false, reason: 'cannot patch deployments.apps in namespace "shop"'}}}));
		expect(state?.command.id).toBe('pause');
		expect(state?.enabled).toBe('forbidden: cannot patch deployments.apps in namespace "shop"');
	});

	it('leaves a key enabled when the access check could not decide', () => {
		expect(resolveKey('p', context({access: {pause: {allowed: 'unknown', reason: 'timeout'}}}))?.enabled).toBe(true);
	});

	it('disables commands that make no sense in the current state', () => {
		expect(resolveKey('r', context())?.enabled).toBe('not paused');
		expect(resolveKey('p', context({deployment: {name: 'web', paused: true, replicas: 5}}))?.enabled).toBe('already paused');
		expect(resolveKey('R', context({deployment: {name: 'web', paused: true, replicas: 5}}))?.enabled).toBe('paused: resume first');
		expect(resolveKey('u', context({undoTarget: undefined}))?.enabled).toBe('no other revision to roll back to');
	});

	it('offers demo keys only when the demo actions exist', () => {
		expect(resolveKey('n', context())).toBeUndefined();
		expect(resolveKey('n', context({demoActions: {shipNext: true, shipBroken: false}}))?.command.id).toBe('shipNext');
	});

	it('resolves Enter only in the list view and Esc only in the deployment view', () => {
		expect(resolveKey('enter', context({view: 'list'}))?.command.id).toBe('open');
		expect(resolveKey('enter', context())).toBeUndefined();
		expect(resolveKey('escape', context({canGoBack: true}))?.enabled).toBe(true);
		expect(resolveKey('p', context({view: 'list'}))).toBeUndefined();
	});

	it('names keys from Ink input', () => {
		expect(keyName('', {...noKey, tab: true})).toBe('tab');
		expect(keyName('', {...noKey, tab: true, shift: true})).toBe('shift-tab');
		expect(keyName('c', {...noKey, ctrl: true})).toBe('ctrl-c');
		expect(keyName(' ', noKey)).toBe('space');
		expect(keyName('R', {...noKey, shift: true})).toBe('R');
		expect(keyName('', {...noKey, downArrow: true})).toBe('down');
	});

	it('generates the README table from the same rows', () => {
		const markdown = keymapMarkdown();
		expect(markdown.split('\n')).toHaveLength(keymap.length + 2);
		expect(markdown).toContain('| `p` | Pause the rollout where it is (kubectl rollout pause) | asks first, removed by `--read-only` |');
	});
});
