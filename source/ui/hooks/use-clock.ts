// The 1 s clock for ages, elapsed time and the header: separate from snapshots, so ages move on
// while the cluster is quiet without re-deriving anything. Both clocks (the cluster's, which the demo
// may run faster, and the wall clock) tick on one timer: one render a second, not two. The tick count
// lets other once-a-second work ride on that render (the transition log: use-screen-data.ts).
import {useEffect, useState} from 'react';

export type Clocks = readonly [now: number, wall: number, tick: number];

export function useClocks(now: () => number = Date.now, wall: () => number = now, intervalMs = 1000): Clocks {
	const [times, setTimes] = useState<Clocks>(() => [now(), wall(), 0]);
	useEffect(() => {
		const timer = setInterval(() => setTimes(([, , tick]) => [now(), wall(), tick + 1]), intervalMs);
		return () => clearInterval(timer);
	}, [now, wall, intervalMs]);
	return times;
}
