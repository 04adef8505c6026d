// What the keymap needs to know, built from the UI state and the derived view.
import type {RevisionRow} from '../rollout/index.js';
import type {DeploymentView} from './derive.js';
import type {KeyContext} from './keymap.js';
import type {AccessMap, MonitorProps} from './types.js';
import type {UiState} from './ui-state.js';

/** `u` goes to the row selected in History when History has focus, else to the previous revision (kubectl's default). */
export function undoTarget(history: readonly RevisionRow[], focusedOnHistory: boolean, selected: number): KeyContext['undoTarget'] {
	const chosen = focusedOnHistory ? history[selected] : undefined;
	if (chosen && !chosen.current) return {revision: chosen.revision, image: chosen.images.join(','), selected: true};
	const previous = history[1];
	return previous ? {revision: previous.revision, image: previous.images.join(','), selected: false} : undefined;
}

export function keyContext(ui: UiState, view: DeploymentView | undefined, props: Pick<MonitorProps, 'readOnly' | 'actions'> & {access?: AccessMap}): KeyContext {
	const deployment = view?.deployment;
	return {
		view: ui.view.kind,
		focus: ui.focus,
		readOnly: props.readOnly,
		access: props.access ?? {},
		demoActions: {shipNext: props.actions.shipNext !== undefined, shipBroken: props.actions.shipBroken !== undefined},
		canGoBack: ui.home === 'list',
		...(deployment && view ? {
			deployment: {name: view.name, paused: deployment.spec.paused === true, replicas: deployment.spec.replicas ?? 1},
			undoTarget: undoTarget(view.history, ui.focus === 'history', ui.selection.history),
		} : {}),
	};
}
