// Decoding of the protobuf bodies kubectl's typed clients send on create/update (client-go ≥ 1.32 prefers
// protobuf for built-in kinds, e.g. `kubectl create deployment|namespace|service`). Field numbers are those of
// k8s.io/api generated.proto for the fields those commands set; unknown fields are skipped. Go writes every
// non-pointer field, zero or not: zero values are dropped again (as JSON's omitempty would), except pointer
// fields whose explicit zero matters (replicas: 0).
import type {KubeObject} from '../../k8s/types.js';
import {badRequest} from '../status.js';
import type {WireField} from './protobuf-wire.js';
import {readFields, unwrapEnvelope} from './protobuf-wire.js';

type Kind = 'string' | 'int' | 'bool' | 'strings' | 'map' | 'time' | 'intOrString' | 'quantities';
type Schema = {[field: number]: [name: string, type: Kind | Schema, repeated?: 'repeated']};

const KEEP_ZERO = new Set(['replicas', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'terminationGracePeriodSeconds', 'containerPort', 'port']);

const META: Schema = {1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'], 8: ['creationTimestamp', 'time'], 11: ['labels', 'map'], 12: ['annotations', 'map'], 14: ['finalizers', 'strings']};
const REQUIREMENT: Schema = {1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'strings']};
const SELECTOR: Schema = {1: ['matchLabels', 'map'], 2: ['matchExpressions', REQUIREMENT, 'repeated']};
const PORT: Schema = {1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'], 5: ['hostIP', 'string']};
const ENV: Schema = {1: ['name', 'string'], 2: ['value', 'string']};
const RESOURCES: Schema = {1: ['limits', 'quantities'], 2: ['requests', 'quantities']};
const CONTAINER: Schema = {
	1: ['name', 'string'],
	2: ['image', 'string'],
	3: ['command', 'strings'],
	4: ['args', 'strings'],
	5: ['workingDir', 'string'],
	6: ['ports', PORT, 'repeated'],
	7: ['env', ENV, 'repeated'],
	8: ['resources', RESOURCES],
	13: ['terminationMessagePath', 'string'],
	14: ['imagePullPolicy', 'string'],
	16: ['stdin', 'bool'],
	17: ['stdinOnce', 'bool'],
	18: ['tty', 'bool'],
	20: ['terminationMessagePolicy', 'string'],
};
const POD_SPEC: Schema = {
	2: ['containers', CONTAINER, 'repeated'],
	3: ['restartPolicy', 'string'],
	4: ['terminationGracePeriodSeconds', 'int'],
	6: ['dnsPolicy', 'string'],
	7: ['nodeSelector', 'map'],
	8: ['serviceAccountName', 'string'],
	10: ['nodeName', 'string'],
	11: ['hostNetwork', 'bool'],
	16: ['hostname', 'string'],
	19: ['schedulerName', 'string'],
	20: ['initContainers', CONTAINER, 'repeated'],
	24: ['priorityClassName', 'string'],
};
const TEMPLATE: Schema = {1: ['metadata', META], 2: ['spec', POD_SPEC]};
const STRATEGY: Schema = {1: ['type', 'string'], 2: ['rollingUpdate', {1: ['maxUnavailable', 'intOrString'], 2: ['maxSurge', 'intOrString']}]};
const SERVICE_PORT: Schema = {1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', 'intOrString'], 5: ['nodePort', 'int'], 6: ['appProtocol', 'string']};

const KINDS: Record<string, Schema> = {
	Namespace: {1: ['metadata', META]},
	Deployment: {1: ['metadata', META], 2: ['spec', {1: ['replicas', 'int'], 2: ['selector', SELECTOR], 3: ['template', TEMPLATE], 4: ['strategy', STRATEGY], 5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', 'int'], 7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', 'int']}]},
	ReplicaSet: {1: ['metadata', META], 2: ['spec', {1: ['replicas', 'int'], 4: ['minReadySeconds', 'int'], 2: ['selector', SELECTOR], 3: ['template', TEMPLATE]}]},
	Pod: {1: ['metadata', META], 2: ['spec', POD_SPEC]},
	Service: {1: ['metadata', META], 2: ['spec', {1: ['ports', SERVICE_PORT, 'repeated'], 2: ['selector', 'map'], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 5: ['externalIPs', 'strings'], 7: ['sessionAffinity', 'string'], 10: ['externalName', 'string'], 13: ['publishNotReadyAddresses', 'bool']}]},
};

export const isProtobuf = (contentType: string | undefined) => (contentType ?? '').startsWith('application/vnd.kubernetes.protobuf');

/** A protobuf request body → the JSON shape of the object. 415 for kinds we have no schema for. */
export function decodeProtobufObject(body: Buffer): KubeObject {
	const {apiVersion, kind, raw} = unwrapEnvelope(body);
	const schema = KINDS[kind];
	if (!schema) throw badRequest(`protobuf bodies of kind ${kind || '<none>'} are not supported by the demo cluster; send JSON`);
	const object = decode(raw, schema);
	return {apiVersion, kind, ...object, metadata: (object.metadata as KubeObject['metadata'] | undefined) ?? {}};
}

function decode(buffer: Buffer, schema: Schema): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of readFields(buffer)) {
		const entry = schema[f.field];
		if (!entry) continue;
		const [name, type, repeated] = entry;
		const value = decodeValue(f, type);
		if (value === undefined) continue;
		if (type === 'map' || type === 'quantities') {
			const [k, v] = value as [string, string];
			out[name] = {...(out[name] as Record<string, string> | undefined), [k]: v};
		} else if (repeated || type === 'strings') {
			out[name] = [...((out[name] as unknown[] | undefined) ?? []), value];
		} else if (!isZero(value) || KEEP_ZERO.has(name) || typeof type === 'object') {
			out[name] = value;
		}
	}
	return out;
}

function decodeValue(f: WireField, type: Kind | Schema): unknown {
	if (typeof type === 'object') return f.bytes ? decode(f.bytes, type) : undefined;
	switch (type) {
		case 'string':
		case 'strings':
			return f.bytes?.toString('utf8');
		case 'int':
			return f.varint === undefined ? undefined : Number(BigInt.asIntN(64, f.varint));
		case 'bool':
			return f.varint === undefined ? undefined : f.varint !== 0n;
		case 'map':
		case 'quantities': {
			const entry = readFields(f.bytes ?? Buffer.alloc(0));
			const key = entry.find(e => e.field === 1)?.bytes?.toString('utf8') ?? '';
			const raw = entry.find(e => e.field === 2)?.bytes ?? Buffer.alloc(0);
			// Quantities are messages {1: string}; plain map values are the string itself.
			const value = type === 'quantities' ? (readFields(raw).find(e => e.field === 1)?.bytes?.toString('utf8') ?? '') : raw.toString('utf8');
			return [key, value];
		}
		case 'time': {
			const seconds = readFields(f.bytes ?? Buffer.alloc(0)).find(e => e.field === 1)?.varint ?? 0n;
			return seconds === 0n ? null : new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
		}
		case 'intOrString': {
			const parts = readFields(f.bytes ?? Buffer.alloc(0));
			const isString = parts.find(e => e.field === 1)?.varint === 1n;
			return isString ? (parts.find(e => e.field === 3)?.bytes?.toString('utf8') ?? '') : Number(parts.find(e => e.field === 2)?.varint ?? 0n);
		}
	}
}

const isZero = (value: unknown) => value === '' || value === 0 || value === false;
