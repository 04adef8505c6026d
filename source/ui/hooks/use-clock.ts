// The 1 s clock for ages, elapsed time and the header: separate from snapshots, so ages move on
// while the cluster is quiet without re-deriving anything. Both clocks (the cluster's, which the demo
// may run faster, and the wall clock) tick on one timer: one render a second, not two.
import {useEffect, useState} from 'react';

export function useClocks(now: () => number = Date.now, wall: () => number = now, intervalMs = 1000): readonly [number, number] {
	const [times, setTimes] = useState(() => [now(), wall()] as const);
	useEffect(() => {
		const timer = setInterval(() => setTimes([now(), wall()]), intervalMs);
		return () => clearInterval(timer);
	}, [now, wall, intervalMs]);
	return times;
}
