// The line `kubectl rollout status` prints for one Deployment object (B): a port of kubectl's
// DeploymentStatusViewer.Status, so our text matches real kubectl byte for byte (without the newline).
import type {Condition, Deployment} from '../k8s/types.js';
import {revisionAnnotation, revisionOf} from './ownership.js';

export type RolloutStatus = {
	/** True when kubectl would exit 0 ("successfully rolled out"). */
	done: boolean;
	/** Set when kubectl would exit 1; `message` then holds the same text kubectl prints after "error: ". */
	error?: string;
	message: string;
};

export type RolloutStatusOptions = {
	/** `--revision=N`: fail unless the Deployment runs this revision. */
	revision?: number;
};

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
	return conditions?.find(condition => condition.type === type);
}

function failed(message: string): RolloutStatus {
	return {done: false, error: message, message};
}

function waiting(name: string, detail: string): RolloutStatus {
	return {done: false, message: `Waiting for deployment "${name}" rollout to finish: ${detail}...`};
}

export function rolloutStatus(deployment: Deployment, options: RolloutStatusOptions = {}): RolloutStatus {
	const name = deployment.metadata.name ?? '';
	if (options.revision !== undefined && options.revision > 0) {
		// kubectl's deploymentutil.Revision: no annotation is revision 0; only an unparsable one is an error.
		const annotation = deployment.metadata.annotations?.[revisionAnnotation];
		const running = annotation === undefined ? 0 : revisionOf(deployment);
		if (running === undefined) {
			return failed(`cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${annotation}": invalid syntax`);
		}

		if (running !== options.revision) {
			return failed(`desired revision (${options.revision}) is different from the running revision (${running})`);
		}
	}

	const status = deployment.status ?? {};
	const generation = deployment.metadata.generation ?? 0;
	if (generation > (status.observedGeneration ?? 0)) {
		return {done: false, message: 'Waiting for deployment spec update to be observed...'};
	}

	if (findCondition(status.conditions, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
		return failed(`deployment "${name}" exceeded its progress deadline`);
	}

	const updated = status.updatedReplicas ?? 0;
	const replicas = status.replicas ?? 0;
	const available = status.availableReplicas ?? 0;
	if (deployment.spec.replicas !== undefined && updated < deployment.spec.replicas) {
		return waiting(name, `${updated} out of ${deployment.spec.replicas} new replicas have been updated`);
	}

	if (replicas > updated) {
		return waiting(name, `${replicas - updated} old replicas are pending termination`);
	}

	if (available < updated) {
		return waiting(name, `${available} of ${updated} updated replicas are available`);
	}

	return {done: true, message: `deployment "${name}" successfully rolled out`};
}
