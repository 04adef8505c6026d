// While the pod filter is being typed, keys are text: Enter keeps the filter, Esc clears it.
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import type {UiAction} from '../ui-state.js';

export function useFilterInput(dispatch: Dispatch<UiAction>, isActive: boolean) {
	useInput((input, key) => {
		if (key.escape) dispatch({type: 'filterClear'});
		else if (key.return) dispatch({type: 'filterDone'});
		else if (key.backspace || key.delete) dispatch({type: 'filterBackspace'});
		else if (!key.ctrl && !key.meta && input && [...input].every(character => character >= ' ')) dispatch({type: 'filterType', text: input});
	}, {isActive});
}
