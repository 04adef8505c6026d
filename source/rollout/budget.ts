// maxSurge / maxUnavailable resolved to pod counts exactly as the controller does (A.3:
// ResolveFenceposts, MaxSurge, MaxUnavailable).
import type {Deployment, IntOrString} from '../k8s/types.js';

export type Strategy = 'RollingUpdate' | 'Recreate';

export type Budget = {
	strategy: Strategy;
	replicas: number;
	/** Extra pods allowed above `replicas` (0 for Recreate). */
	maxSurge: number;
	/** Pods allowed to be unavailable (0 for Recreate, capped at `replicas`). */
	maxUnavailable: number;
	/** replicas − maxUnavailable: the Available condition's threshold. */
	minAvailable: number;
	/** replicas + maxSurge: the most pods the rollout may run at once. */
	maxTotal: number;
};

const defaultPercent = '25%';

/**
 * intstr.GetScaledValueFromIntOrPercent: ints are counts, "N%" strings scale by `total`, rounding up
 * or down. Go returns an error for any other string; so does this, as undefined.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number | undefined {
	if (value === undefined) {
		return 0;
	}

	if (typeof value === 'number') {
		return value;
	}

	const match = /^([+-]?\d+)%$/.exec(value);
	if (!match) {
		return undefined;
	}

	const scaled = (Number(match[1]) * total) / 100;
	return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** scaledValue for display: a string Go would reject is read leniently rather than invent a budget. */
export function scaleIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
	const scaled = scaledValue(value, total, roundUp);
	if (scaled !== undefined) {
		return scaled;
	}

	const parsed = Number.parseInt(String(value), 10);
	return Number.isNaN(parsed) ? 0 : parsed;
}

export type Scale = (value: IntOrString | undefined, total: number, roundUp: boolean) => number;

/**
 * ResolveFenceposts: [surge, unavailable] for a RollingUpdate, surge rounded up and unavailable down.
 * Both resolving to zero would deadlock the rollout, so the controller allows one unavailable pod.
 */
export function resolveFenceposts(deployment: Deployment, scale: Scale = scaleIntOrPercent): [surge: number, unavailable: number] {
	const replicas = deployment.spec.replicas ?? 1;
	const rollingUpdate = deployment.spec.strategy?.rollingUpdate;
	const surge = scale(rollingUpdate?.maxSurge ?? defaultPercent, replicas, true);
	const unavailable = scale(rollingUpdate?.maxUnavailable ?? defaultPercent, replicas, false);
	return [surge, surge === 0 && unavailable === 0 ? 1 : unavailable];
}

export function resolveBudget(deployment: Deployment): Budget {
	const replicas = deployment.spec.replicas ?? 1;
	const strategy: Strategy = deployment.spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
	if (strategy === 'Recreate') {
		return {strategy, replicas, maxSurge: 0, maxUnavailable: 0, minAvailable: replicas, maxTotal: replicas};
	}

	const [surge, unavailable] = resolveFenceposts(deployment);
	const maxUnavailable = replicas === 0 ? 0 : Math.min(unavailable, replicas);
	return {strategy, replicas, maxSurge: surge, maxUnavailable, minAvailable: replicas - maxUnavailable, maxTotal: replicas + surge};
}
