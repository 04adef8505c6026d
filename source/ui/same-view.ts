// Whether a newly derived value shows the same as the last one, so the last object can be kept and
// React and Ink skip the frame. Derived values are plain data (no cycles, no class instances).
import {isDeepStrictEqual} from 'node:util';
import type {RolloutProgress} from '../rollout/index.js';

/** Structural equality of plain data (the platform's: same keys, equal values all the way down). */
export const sameValue: (a: unknown, b: unknown) => boolean = isDeepStrictEqual;

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));

/**
 * Progress derived at `aAt` and at `bAt` reads the same on screen: counts, budget, phase and conditions
 * equal; the clock and ETA as the Rollout pane moves them on from the time each was derived.
 */
export function sameProgress(a: RolloutProgress, aAt: number, b: RolloutProgress, bAt: number): boolean {
	const {elapsed: aElapsed, eta: aEta, conditions: aConditions, ...aRest} = a;
	const {elapsed: bElapsed, eta: bEta, conditions: bConditions, ...bRest} = b;
	if (!sameValue(aRest, bRest) || aConditions.length !== bConditions.length) return false;
	for (const [index, condition] of aConditions.entries()) {
		const other = bConditions[index]!;
		if (condition.type !== other.type || condition.status !== other.status || condition.reason !== other.reason || condition.message !== other.message) return false;
	}
	if ((aElapsed === undefined) !== (bElapsed === undefined) || (aEta === undefined) !== (bEta === undefined)) return false;
	// Moving, the pane adds the time since derivation: the same start reads the same from now on.
	const moving = a.phase === 'progressing';
	if (moving ? seconds(aElapsed! - aAt) !== seconds(bElapsed! - bAt) : seconds(aElapsed) !== seconds(bElapsed)) return false;
	return aEta === undefined || seconds(aEta + aAt) === seconds(bEta! + bAt);
}
