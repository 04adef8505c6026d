// The 1 s clock for ages, elapsed time and the header: separate from snapshots, so ages move on
// while the cluster is quiet without re-deriving anything.
import {useEffect, useState} from 'react';

export function useClock(now: () => number = Date.now, intervalMs = 1000): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => setTime(now()), intervalMs);
		return () => clearInterval(timer);
	}, [now, intervalMs]);
	return time;
}
