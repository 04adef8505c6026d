// API errors as the API server reports them: a metav1.Status with a code and reason kubectl understands.

export type StatusDetails = {name?: string; group?: string; kind?: string; retryAfterSeconds?: number; causes?: Array<{reason?: string; message?: string; field?: string}>};

export class ApiError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string,
		message: string,
		readonly details?: StatusDetails,
		/** The Status's list metadata: an expired continue token comes back with one to resume from. */
		readonly listMeta: {continue?: string} = {},
	) {
		super(message);
	}

	toStatus() {
		return {
			kind: 'Status',
			apiVersion: 'v1',
			metadata: this.listMeta,
			status: 'Failure',
			message: this.message,
			reason: this.reason,
			...(this.details ? {details: this.details} : {}),
			code: this.code,
		};
	}
}

/** `deployments.apps`, `pods` — the qualified resource name used in messages. */
export function qualified(resource: string, group: string): string {
	return group ? `${resource}.${group}` : resource;
}

export const notFound = (resource: string, group: string, name: string) =>
	new ApiError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, {name, group, kind: resource});

export const alreadyExists = (resource: string, group: string, name: string) =>
	new ApiError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, {name, group, kind: resource});

export const conflict = (resource: string, group: string, name: string) =>
	new ApiError(
		409,
		'Conflict',
		`Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
		{name, group, kind: resource},
	);

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const gone = (message: string) => new ApiError(410, 'Expired', message);
