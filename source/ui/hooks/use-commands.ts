// Turns keys into commands through the keymap table, and commands into dialogs, UI-state changes or
// actions. The only place that calls MonitorActions; every result lands in the status line.
import {useCallback, type Dispatch} from 'react';
import {commandById, keyName, resolveKey, type InkKey, type KeyContext, type PaneId} from '../keymap.js';
import type {ActionResult, CommandId, MonitorActions} from '../types.js';
import type {UiAction} from '../ui-state.js';

type Options = {
	dispatch: Dispatch<UiAction>;
	context: KeyContext;
	/** Panes focus cycles through, in screen order. */
	panes: readonly PaneId[];
	/** Rows in the list j/k moves through now. */
	selectableCount: number;
	/** The deployment Enter opens in the list view. */
	selectedDeployment?: string;
	quit(): void;
};

const pendingVerb: Partial<Record<CommandId, string>> = {
	pause: 'Pausing', resume: 'Resuming', restart: 'Restarting', undo: 'Rolling back', scale: 'Scaling', shipNext: 'Shipping the next version of', shipBroken: 'Shipping a broken version of',
};

export type RunAction = (id: CommandId, name: string, argument?: number) => Promise<void>;

export function useRunAction(actions: MonitorActions, dispatch: Dispatch<UiAction>): RunAction {
	return useCallback(async (id, name, argument) => {
		const call = (): Promise<ActionResult> | undefined => {
			switch (id) {
				case 'pause': return actions.pause(name);
				case 'resume': return actions.resume(name);
				case 'restart': return actions.restart(name);
				case 'undo': return actions.undo(name, argument);
				case 'scale': return actions.scale(name, argument ?? 0);
				case 'shipNext': return actions.shipNext?.(name);
				case 'shipBroken': return actions.shipBroken?.(name);
				default: return undefined;
			}
		};
		dispatch({type: 'status', status: {kind: 'pending', text: `${pendingVerb[id] ?? id} deployment "${name}"…`}});
		try {
			const result = await call();
			if (result) dispatch({type: 'status', status: {kind: result.ok ? 'ok' : 'error', text: result.message}});
		} catch (error) {
			// The action layer should answer {ok:false}; a throw still must not take the screen down.
			dispatch({type: 'status', status: {kind: 'error', text: error instanceof Error ? error.message : String(error)}});
		}
	}, [actions, dispatch]);
}

export function useCommandKeys({dispatch, context, panes, selectableCount, selectedDeployment, quit}: Options) {
	return useCallback((input: string, key: InkKey) => {
		const name = keyName(input, key);
		const resolved = resolveKey(name, context);
		if (!resolved) return;
		const {command, enabled} = resolved;
		if (enabled !== true) {
			const forbidden = enabled.startsWith('forbidden');
			dispatch({type: 'status', status: {kind: forbidden ? 'error' : 'info', text: `${command.label} is disabled: ${enabled}`}});
			return;
		}
		const deployment = context.deployment?.name ?? '';
		switch (command.id) {
			case 'pause':
			case 'resume':
			case 'restart':
			case 'undo':
			case 'shipNext':
			case 'shipBroken': {
				// Dangerous is data: every command that changes the cluster asks first, in its own words.
				const toRevision = command.id === 'undo' && context.undoTarget?.selected ? context.undoTarget.revision : undefined;
				dispatch({type: 'confirm', command: command.id, name: deployment, text: commandById(command.id).confirm!(context), toRevision});
				return;
			}
			case 'scale':
				dispatch({type: 'scalePrompt', name: deployment, current: context.deployment?.replicas ?? 0});
				return;
			case 'focusNext':
			case 'focusPrev':
				dispatch({type: 'focus', direction: command.id === 'focusNext' ? 1 : -1, panes});
				return;
			case 'down':
			case 'up':
				dispatch({type: 'move', delta: command.id === 'down' ? 1 : -1, count: selectableCount});
				return;
			case 'filter':
				dispatch({type: 'filterStart'});
				return;
			case 'freeze':
				dispatch({type: 'freeze'});
				return;
			case 'help':
				dispatch({type: 'help'});
				return;
			case 'open':
				if (selectedDeployment) dispatch({type: 'open', name: selectedDeployment});
				return;
			case 'back':
				dispatch({type: 'back'});
				return;
			case 'quit':
				quit();
				return;
			default: {
				const never: never = command.id;
				return never;
			}
		}
	}, [context, dispatch, panes, selectableCount, selectedDeployment, quit]);
}
