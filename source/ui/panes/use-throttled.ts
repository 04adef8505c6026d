// A value shown at most once per interval: a change waits until the interval since the last change
// shown is over, and then the newest value is shown. The Pods pane's transition log goes through this:
// every new line scrolls the whole log, and the terminal redrew all of its lines on every frame
// (10,000 pods at 100 changes/s: about three times kubectl's bytes, bench/RESULTS.md).
import {useEffect, useRef, useState} from 'react';

/** `same(a, b)`: whether two values read the same on screen (a new array with equal content, say). */
export function useThrottled<T>(value: T, intervalMs: number, same: (a: T, b: T) => boolean = Object.is): T {
	const [shown, setShown] = useState(value);
	const lastShownAt = useRef(Number.NEGATIVE_INFINITY);
	const waiting = !same(shown, value);
	useEffect(() => {
		if (!waiting) return undefined;
		const timer = setTimeout(() => {
			lastShownAt.current = Date.now();
			setShown(value);
		}, Math.max(0, lastShownAt.current + intervalMs - Date.now()));
		return () => clearTimeout(timer);
	}, [waiting, value, intervalMs]);
	// Equal content: the newest object, so nothing downstream holds on to an old one.
	return waiting ? shown : value;
}
