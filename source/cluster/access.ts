// Which actions this user may take, asked the way `kubectl auth can-i` asks: one
// SelfSubjectAccessReview per distinct verb/resource. A failed review means "unknown", never "denied":
// the UI then leaves the key enabled and the API server has the last word.
import type {KubeConfig} from '@kubernetes/client-node';
import {describeApiError} from './errors.js';
import {kubeJson} from './http.js';

export type ActionName = 'pause' | 'resume' | 'restart' | 'undo' | 'scale' | 'setImage';

export type AccessVerdict = {allowed: boolean | 'unknown'; reason?: string};

type Attributes = {verb: string; group: string; resource: string; subresource?: string};

/** What each action needs (reference C: all are PATCHes; scale goes through the /scale subresource). */
export const ACTION_ATTRIBUTES: Record<ActionName, Attributes> = {
	pause: {verb: 'patch', group: 'apps', resource: 'deployments'},
	resume: {verb: 'patch', group: 'apps', resource: 'deployments'},
	restart: {verb: 'patch', group: 'apps', resource: 'deployments'},
	undo: {verb: 'patch', group: 'apps', resource: 'deployments'},
	setImage: {verb: 'patch', group: 'apps', resource: 'deployments'},
	scale: {verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale'},
};

type Review = {status?: {allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string}};

export async function checkAccess(options: {kc: KubeConfig; namespace: string; signal?: AbortSignal}): Promise<Record<ActionName, AccessVerdict>> {
	const {kc, namespace, signal} = options;
	const reviews = new Map<string, Promise<AccessVerdict>>();
	const review = (attributes: Attributes): Promise<AccessVerdict> => {
		const key = JSON.stringify(attributes);
		let pending = reviews.get(key);
		if (!pending) {
			const body = {kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: {resourceAttributes: {namespace, ...attributes}}};
			pending = kubeJson<Review>(kc, {
				method: 'POST',
				path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
				headers: {'Content-Type': 'application/json'},
				body: JSON.stringify(body),
				signal,
			}).then(
				({status}): AccessVerdict => {
					if (status?.allowed === true) return {allowed: true};
					if (status?.allowed === false) return {allowed: false, reason: status.reason || `you may not ${attributes.verb} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''} in namespace "${namespace}"`};
					return {allowed: 'unknown', reason: status?.evaluationError};
				},
				(error: unknown): AccessVerdict => ({allowed: 'unknown', reason: describeApiError(error, {kc})}),
			);
			reviews.set(key, pending);
		}
		return pending;
	};
	const entries = await Promise.all((Object.keys(ACTION_ATTRIBUTES) as ActionName[]).map(async (action) => [action, await review(ACTION_ATTRIBUTES[action])] as const));
	return Object.fromEntries(entries) as Record<ActionName, AccessVerdict>;
}
