// kubectl-style Deployment targets: `deploy/web`, `deployment/web`, `deployments.apps/web`,
// `deployment.apps/web`, `deployments/web`, or a plain `web`.

const DEPLOYMENT_TYPES = new Set(['deploy', 'deployment', 'deployments', 'deployment.apps', 'deployments.apps', 'deployments.v1.apps', 'deployment.v1.apps']);
// RFC 1123 subdomain, as the API server validates Deployment names.
const NAME = /^[a-z\d]([-a-z\d]*[a-z\d])?(\.[a-z\d]([-a-z\d]*[a-z\d])?)*$/;

export type TargetResult = {ok: true; names: string[]} | {ok: false; message: string};

export function parseTargets(inputs: readonly string[]): TargetResult {
	const names: string[] = [];
	for (const input of inputs) {
		const slash = input.indexOf('/');
		const type = slash === -1 ? undefined : input.slice(0, slash).toLowerCase();
		const name = slash === -1 ? input : input.slice(slash + 1);
		if (type !== undefined && !DEPLOYMENT_TYPES.has(type)) {
			return {ok: false, message: `rollwatch watches Deployments: "${input}" is a ${type}, try deploy/NAME.`};
		}
		if (!NAME.test(name) || name.length > 253) {
			return {ok: false, message: `"${input}" is not a valid Deployment name (lowercase letters, digits, '-' and '.').`};
		}
		if (!names.includes(name)) names.push(name);
	}
	return {ok: true, names};
}
