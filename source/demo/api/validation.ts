// Object validation the API server does before storing (422 Invalid with field causes), worded as
// k8s.io/apimachinery's field.Error so kubectl prints exactly what a real cluster would.
import type {Container, Deployment, KubeObject, Pod, ReplicaSet, Service} from '../../k8s/types.js';
import {ApiError} from '../status.js';
import type {ApiResource} from './catalog.js';
import {qualifiedKind} from './catalog.js';
import {selectorMatches} from '../../rollout/ownership.js';

export type FieldError = {type: 'Required' | 'Invalid' | 'Forbidden' | 'Unsupported' | 'Duplicate'; field: string; detail?: string; value?: unknown};

const REASONS: Record<FieldError['type'], string> = {
	Required: 'FieldValueRequired',
	Invalid: 'FieldValueInvalid',
	Forbidden: 'FieldValueForbidden',
	Unsupported: 'FieldValueNotSupported',
	Duplicate: 'FieldValueDuplicate',
};
const TITLES: Record<FieldError['type'], string> = {Required: 'Required value', Invalid: 'Invalid value', Forbidden: 'Forbidden', Unsupported: 'Unsupported value', Duplicate: 'Duplicate value'};

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Value rendering of field.Error: simple types plainly, strings quoted, anything else as JSON. */
function formatValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value ?? null);
}

function body(error: FieldError): string {
	if (error.type === 'Required' || error.type === 'Forbidden') return `${TITLES[error.type]}${error.detail ? `: ${error.detail}` : ''}`;
	return `${TITLES[error.type]}: ${formatValue(error.value)}${error.detail ? `: ${error.detail}` : ''}`;
}

export function invalid(resource: ApiResource, name: string, errors: FieldError[]): ApiError {
	const messages = errors.map(e => `${e.field}: ${body(e)}`);
	const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
	return new ApiError(422, 'Invalid', `${qualifiedKind(resource)} "${name}" is invalid: ${joined}`, {
		name,
		group: resource.group,
		kind: resource.kind,
		causes: errors.map(e => ({reason: REASONS[e.type], message: body(e), field: e.field})),
	});
}

/** Throws 422 when the object would be rejected by a real API server. `old` is set on updates. */
export function validate(resource: ApiResource, object: KubeObject, old?: KubeObject) {
	const errors: FieldError[] = [...validateMeta(resource, object)];
	switch (resource.store) {
		case 'deployments':
		case 'replicasets':
			errors.push(...validateWorkload(object as Deployment | ReplicaSet, old as Deployment | undefined, resource.store === 'deployments'));
			break;
		case 'pods':
			errors.push(...validateContainers((object as Pod).spec?.containers, 'spec.containers'));
			break;
		case 'services':
			errors.push(...validateService(object as Service));
			break;
		default:
			break;
	}
	if (errors.length > 0) throw invalid(resource, object.metadata.name ?? '', errors);
}

function validateMeta(resource: ApiResource, object: KubeObject): FieldError[] {
	const name = object.metadata?.name;
	if (!name) {
		return object.metadata?.generateName ? [] : [{type: 'Required', field: 'metadata.name', detail: 'name or generateName is required'}];
	}
	if (resource.store === 'services' && !DNS1035_LABEL.test(name)) {
		return [{type: 'Invalid', field: 'metadata.name', value: name, detail: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"}];
	}
	if (resource.store === 'namespaces' && !DNS1123_LABEL.test(name)) {
		return [{type: 'Invalid', field: 'metadata.name', value: name, detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"}];
	}
	if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253) {
		return [{type: 'Invalid', field: 'metadata.name', value: name, detail: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"}];
	}
	return [];
}

function validateWorkload(object: Deployment | ReplicaSet, old: Deployment | undefined, isDeployment: boolean): FieldError[] {
	const errors: FieldError[] = [];
	const spec = object.spec ?? ({} as Deployment['spec']);
	if (typeof spec.replicas === 'number' && spec.replicas < 0) errors.push({type: 'Invalid', field: 'spec.replicas', value: spec.replicas, detail: 'must be greater than or equal to 0'});
	const selector = spec.selector;
	const hasSelector = selector && (Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0);
	if (!selector) errors.push({type: 'Required', field: 'spec.selector'});
	else if (!hasSelector) errors.push({type: 'Invalid', field: 'spec.selector', value: selector, detail: 'empty selector is invalid for deployment'});
	else if (!selectorMatches(selector, spec.template?.metadata?.labels)) {
		errors.push({type: 'Invalid', field: 'spec.template.metadata.labels', value: spec.template?.metadata?.labels ?? {}, detail: '`selector` does not match template `labels`'});
	}
	if (old && JSON.stringify(old.spec?.selector) !== JSON.stringify(selector)) {
		errors.push({type: 'Invalid', field: 'spec.selector', value: selector, detail: 'field is immutable'});
	}
	errors.push(...validateContainers(spec.template?.spec?.containers, 'spec.template.spec.containers'));
	const restartPolicy = (spec.template?.spec as {restartPolicy?: string} | undefined)?.restartPolicy;
	if (restartPolicy && restartPolicy !== 'Always') errors.push({type: 'Unsupported', field: 'spec.template.spec.restartPolicy', value: restartPolicy, detail: 'supported values: "Always"'});
	if (isDeployment) {
		const deployment = object as Deployment;
		const strategy = deployment.spec?.strategy;
		if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
			errors.push({type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: "may not be specified when strategy `type` is 'Recreate'"});
		}
		if (strategy?.type && strategy.type !== 'Recreate' && strategy.type !== 'RollingUpdate') {
			errors.push({type: 'Unsupported', field: 'spec.strategy.type', value: strategy.type, detail: 'supported values: "Recreate", "RollingUpdate"'});
		}
		const rolling = strategy?.rollingUpdate;
		if (rolling && strategy?.type !== 'Recreate') {
			errors.push(...intOrPercentErrors(rolling.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'), ...intOrPercentErrors(rolling.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
		}
		if (rolling && isZero(rolling.maxSurge) && isZero(rolling.maxUnavailable)) {
			errors.push({type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: rolling.maxUnavailable, detail: 'may not be 0 when `maxSurge` is 0'});
		}
		if (typeof rolling?.maxUnavailable === 'string' && PERCENT.test(rolling.maxUnavailable) && Number.parseInt(rolling.maxUnavailable, 10) > 100) {
			errors.push({type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: rolling.maxUnavailable, detail: 'must not be greater than 100%'});
		}
		const deadline = deployment.spec?.progressDeadlineSeconds;
		if (typeof deadline === 'number' && deadline <= (deployment.spec?.minReadySeconds ?? 0)) {
			errors.push({type: 'Invalid', field: 'spec.progressDeadlineSeconds', value: deadline, detail: 'must be greater than minReadySeconds'});
		}
	}
	return errors;
}

const isZero = (v: number | string | undefined) => v === 0 || v === '0%' || v === '0';
const PERCENT = /^[0-9]+%$/;

/** apps validation's ValidatePositiveIntOrPercent: a count ≥ 0, or a string like "25%". */
function intOrPercentErrors(value: number | string | undefined, field: string): FieldError[] {
	if (value === undefined) return [];
	if (typeof value === 'string' && !PERCENT.test(value)) return [{type: 'Invalid', field, value, detail: "must be an integer or percentage (e.g '5%')"}];
	if (typeof value === 'number' && value < 0) return [{type: 'Invalid', field, value, detail: 'must be greater than or equal to 0'}];
	return [];
}

function validateContainers(containers: Container[] | undefined, field: string): FieldError[] {
	if (!Array.isArray(containers) || containers.length === 0) return [{type: 'Required', field}];
	const errors: FieldError[] = [];
	const seen = new Set<string>();
	containers.forEach((container, i) => {
		if (!container?.name) errors.push({type: 'Required', field: `${field}[${i}].name`});
		else if (!DNS1123_LABEL.test(container.name)) errors.push({type: 'Invalid', field: `${field}[${i}].name`, value: container.name, detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"});
		else if (seen.has(container.name)) errors.push({type: 'Duplicate', field: `${field}[${i}].name`, value: container.name});
		if (container?.name) seen.add(container.name);
		if (!container?.image) errors.push({type: 'Required', field: `${field}[${i}].image`});
	});
	return errors;
}

function validateService(service: Service): FieldError[] {
	const spec = service.spec ?? {};
	if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return [];
	if (!spec.ports || spec.ports.length === 0) return [{type: 'Required', field: 'spec.ports'}];
	const errors: FieldError[] = [];
	spec.ports.forEach((port, i) => {
		if (!(typeof port.port === 'number' && port.port >= 1 && port.port <= 65_535)) {
			errors.push({type: 'Invalid', field: `spec.ports[${i}].port`, value: port.port ?? 0, detail: 'must be between 1 and 65535, inclusive'});
		}
	});
	return errors;
}
