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

/** intstr.GetScaledValueFromIntOrPercent: "%" strings scale by `total`, rounding up or down. */
export function scaleIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
	if (value === undefined) {
		return 0;
	}

	if (typeof value === 'number') {
		return value;
	}

	const match = /^(-?\d+)%$/.exec(value);
	if (!match) {
		// A bare integer string is not valid intstr, but be lenient rather than invent a budget.
		const parsed = Number.parseInt(value, 10);
		return Number.isNaN(parsed) ? 0 : parsed;
	}

	const scaled = (Number(match[1]) * total) / 100;
	return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function resolveBudget(deployment: Deployment): Budget {
	const replicas = deployment.spec.replicas ?? 1;
	const strategy: Strategy = deployment.spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
	if (strategy === 'Recreate') {
		return {strategy, replicas, maxSurge: 0, maxUnavailable: 0, minAvailable: replicas, maxTotal: replicas};
	}

	const rollingUpdate = deployment.spec.strategy?.rollingUpdate;
	const surge = scaleIntOrPercent(rollingUpdate?.maxSurge ?? defaultPercent, replicas, true);
	let unavailable = scaleIntOrPercent(rollingUpdate?.maxUnavailable ?? defaultPercent, replicas, false);
	// Both resolving to zero would deadlock the rollout, so the controller allows one unavailable pod.
	if (surge === 0 && unavailable === 0) {
		unavailable = 1;
	}

	const maxUnavailable = replicas === 0 ? 0 : Math.min(unavailable, replicas);
	return {strategy, replicas, maxSurge: surge, maxUnavailable, minAvailable: replicas - maxUnavailable, maxTotal: replicas + surge};
}
