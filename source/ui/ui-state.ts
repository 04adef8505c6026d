// Everything the screen remembers between keys, as one reducer: testable without rendering.
import type {CommandId} from './types.js';
import type {PaneId} from './keymap.js';

export type SelectablePane = 'list' | 'history' | 'pods';

export type Dialog =
	| {kind: 'confirm'; command: CommandId; name: string; text: string; toRevision?: number}
	| {kind: 'scale'; name: string; current: number; digits: string}
	| {kind: 'help'};

export type StatusLine = {kind: 'info' | 'pending' | 'ok' | 'error'; text: string};

export type View = {kind: 'list'} | {kind: 'deployment'; name: string};

export type UiState = {
	view: View;
	/** The view we started in; Esc returns to a list only when there was one. */
	home: View['kind'];
	focus: PaneId;
	selection: Record<SelectablePane, number>;
	filter: {text: string; editing: boolean};
	dialog?: Dialog;
	frozen: boolean;
	status?: StatusLine;
};

export type UiAction =
	| {type: 'focus'; direction: 1 | -1; panes: readonly PaneId[]}
	| {type: 'move'; delta: number; count: number}
	| {type: 'filterStart'}
	| {type: 'filterType'; text: string}
	| {type: 'filterBackspace'}
	| {type: 'filterDone'}
	| {type: 'filterClear'}
	| {type: 'confirm'; command: CommandId; name: string; text: string; toRevision?: number}
	| {type: 'scalePrompt'; name: string; current: number}
	| {type: 'scaleType'; text: string}
	| {type: 'scaleBackspace'}
	| {type: 'help'}
	| {type: 'closeDialog'}
	| {type: 'freeze'}
	| {type: 'status'; status: StatusLine}
	| {type: 'open'; name: string}
	| {type: 'back'};

export function initialUiState(target?: string): UiState {
	const view: View = target ? {kind: 'deployment', name: target} : {kind: 'list'};
	return {view, home: view.kind, focus: 'pods', selection: {list: 0, history: 0, pods: 0}, filter: {text: '', editing: false}, frozen: false};
}

/** The list j/k moves in: the list view's rows, or the focused pane when it has rows. */
export function selectablePane(state: UiState): SelectablePane | undefined {
	if (state.view.kind === 'list') return 'list';
	return state.focus === 'history' || state.focus === 'pods' ? state.focus : undefined;
}

const clamp = (value: number, count: number) => Math.max(0, Math.min(value, count - 1));
const maxReplicaDigits = 5;

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'focus': {
			if (action.panes.length === 0) return state;
			const index = action.panes.indexOf(state.focus);
			const next = (index + action.direction + action.panes.length) % action.panes.length;
			return {...state, focus: action.panes[index === -1 ? 0 : next]!};
		}
		case 'move': {
			const pane = selectablePane(state);
			if (!pane || action.count <= 0) return state;
			const selected = clamp(state.selection[pane] + action.delta, action.count);
			return {...state, selection: {...state.selection, [pane]: selected}};
		}
		case 'filterStart':
			return {...state, focus: 'pods', filter: {text: state.filter.text, editing: true}, selection: {...state.selection, pods: 0}};
		case 'filterType':
			return state.filter.editing ? {...state, filter: {text: state.filter.text + action.text, editing: true}, selection: {...state.selection, pods: 0}} : state;
		case 'filterBackspace':
			return state.filter.editing ? {...state, filter: {text: state.filter.text.slice(0, -1), editing: true}} : state;
		case 'filterDone':
			return {...state, filter: {text: state.filter.text, editing: false}};
		case 'filterClear':
			return {...state, filter: {text: '', editing: false}};
		case 'confirm':
			return {...state, dialog: {kind: 'confirm', command: action.command, name: action.name, text: action.text, toRevision: action.toRevision}};
		case 'scalePrompt':
			return {...state, dialog: {kind: 'scale', name: action.name, current: action.current, digits: ''}};
		case 'scaleType': {
			if (state.dialog?.kind !== 'scale') return state;
			// Digits only: anything else is ignored rather than echoed, so the prompt always holds a number.
			const digits = (state.dialog.digits + action.text.replaceAll(/\D/g, '')).slice(0, maxReplicaDigits);
			return {...state, dialog: {...state.dialog, digits}};
		}
		case 'scaleBackspace':
			return state.dialog?.kind === 'scale' ? {...state, dialog: {...state.dialog, digits: state.dialog.digits.slice(0, -1)}} : state;
		case 'help':
			return {...state, dialog: state.dialog?.kind === 'help' ? undefined : {kind: 'help'}};
		case 'closeDialog':
			return {...state, dialog: undefined};
		case 'freeze':
			return {...state, frozen: !state.frozen};
		case 'status':
			return {...state, status: action.status};
		case 'open':
			return {
				...state,
				view: {kind: 'deployment', name: action.name},
				focus: 'pods',
				selection: {...state.selection, history: 0, pods: 0},
				filter: {text: '', editing: false},
			};
		case 'back':
			return state.home === 'list' ? {...state, view: {kind: 'list'}, filter: {text: '', editing: false}, dialog: undefined} : state;
		default: {
			const never: never = action;
			return never;
		}
	}
}
