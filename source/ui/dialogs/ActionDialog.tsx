// The open confirm or scale dialog, wired to the reducer and to the one action runner.
import type {Dispatch} from 'react';
import type {RunAction} from '../hooks/use-commands.js';
import type {Dialog, UiAction} from '../ui-state.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {ScalePrompt} from './ScalePrompt.js';

type Props = {dialog: Dialog | undefined; dispatch: Dispatch<UiAction>; run: RunAction};

export function ActionDialog({dialog, dispatch, run}: Props) {
	const cancel = () => {
		dispatch({type: 'closeDialog'});
		dispatch({type: 'status', status: {kind: 'info', text: 'cancelled, nothing sent'}});
	};
	if (dialog?.kind === 'confirm') {
		return (
			<ConfirmDialog
				text={dialog.text}
				onCancel={cancel}
				onConfirm={() => {
					dispatch({type: 'closeDialog'});
					void run(dialog.command, dialog.name, dialog.toRevision);
				}}
			/>
		);
	}
	if (dialog?.kind === 'scale') {
		return (
			<ScalePrompt
				name={dialog.name}
				current={dialog.current}
				digits={dialog.digits}
				onDigits={text => dispatch({type: 'scaleType', text})}
				onBackspace={() => dispatch({type: 'scaleBackspace'})}
				onCancel={cancel}
				onApply={replicas => {
					dispatch({type: 'closeDialog'});
					void run('scale', dialog.name, replicas);
				}}
			/>
		);
	}
	return null;
}
