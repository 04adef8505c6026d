// The value from the last render while it is structurally the same: props built afresh on every render
// (the layout, the footer's commands, the connection summary) keep their identity, so the memoized
// components they feed skip frames that change something else (a pod row, with 10,000 pods).
import {useState} from 'react';
import {sameValue} from '../same-view.js';

export function useStable<T>(value: T): T {
	const [kept, keep] = useState(value);
	if (kept === value || sameValue(kept, value)) return kept;
	// React's "adjust state while rendering": the component runs again at once, before its children.
	keep(() => value);
	return value;
}
