import {describe, expect, it} from 'vitest';
import {initialUiState, uiReducer, type UiAction, type UiState} from '../../source/ui/ui-state.js';

const run = (state: UiState, ...actions: UiAction[]) => actions.reduce(uiReducer, state);

describe('ui state', () => {
	it('starts in the list view without a target and in the deployment view with one', () => {
		expect(initialUiState().view).toEqual({kind: 'list'});
		expect(initialUiState('web').view).toEqual({kind: 'deployment', name: 'web'});
	});

	it('cycles focus over the panes on screen, both ways', () => {
		const panes = ['rollout', 'history', 'pods'] as const;
		const state = initialUiState('web');
		expect(run(state, {type: 'focus', direction: 1, panes}).focus).toBe('rollout');
		expect(run(state, {type: 'focus', direction: -1, panes}).focus).toBe('history');
		expect(run(state, {type: 'focus', direction: 1, panes: ['rollout']}).focus).toBe('rollout');
	});

	it('moves the selection of the focused pane within bounds', () => {
		let state = run(initialUiState('web'), {type: 'move', delta: 1, count: 3}, {type: 'move', delta: 1, count: 3}, {type: 'move', delta: 1, count: 3});
		expect(state.selection.pods).toBe(2);
		state = run(state, {type: 'focus', direction: -1, panes: ['history', 'pods']}, {type: 'move', delta: -1, count: 3});
		expect(state.selection).toMatchObject({history: 0, pods: 2});
		expect(run(initialUiState(), {type: 'move', delta: 5, count: 2}).selection.list).toBe(1);
	});

	it('edits the pod filter and resets the pod selection', () => {
		const state = run(initialUiState('web'), {type: 'move', delta: 2, count: 5}, {type: 'filterStart'}, {type: 'filterType', text: 'crash'}, {type: 'filterBackspace'}, {type: 'filterDone'});
		expect(state.filter).toEqual({text: 'cras', editing: false});
		expect(state.selection.pods).toBe(0);
		expect(run(state, {type: 'filterType', text: 'x'}).filter.text).toBe('cras');
		expect(run(state, {type: 'filterClear'}).filter).toEqual({text: '', editing: false});
	});

	it('accepts only digits in the scale prompt', () => {
		const state = run(initialUiState('web'), {type: 'scalePrompt', name: 'web', current: 3}, {type: 'scaleType', text: '1'}, {type: 'scaleType', text: 'x'}, {type: 'scaleType', text: '2'}, {type: 'scaleBackspace'}, {type: 'scaleType', text: '0'});
		expect(state.dialog).toEqual({kind: 'scale', name: 'web', current: 3, digits: '10'});
		expect(run(state, {type: 'closeDialog'}).dialog).toBeUndefined();
	});

	it('toggles help and freeze', () => {
		const state = run(initialUiState('web'), {type: 'help'}, {type: 'freeze'});
		expect(state.dialog).toEqual({kind: 'help'});
		expect(state.frozen).toBe(true);
		expect(run(state, {type: 'help'}, {type: 'freeze'})).toMatchObject({dialog: undefined, frozen: false});
	});

	it('opens a deployment from the list and goes back, but not when started on one', () => {
		const opened = run(initialUiState(), {type: 'open', name: 'api'});
		expect(opened.view).toEqual({kind: 'deployment', name: 'api'});
		expect(run(opened, {type: 'back'}).view).toEqual({kind: 'list'});
		expect(run(initialUiState('web'), {type: 'back'}).view).toEqual({kind: 'deployment', name: 'web'});
	});

	it('keeps the last status line', () => {
		const state = run(initialUiState('web'), {type: 'status', status: {kind: 'error', text: 'forbidden'}});
		expect(state.status).toEqual({kind: 'error', text: 'forbidden'});
	});
});
