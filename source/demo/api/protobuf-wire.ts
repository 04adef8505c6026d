// Protocol-buffer wire format, just enough to read the bodies kubectl's typed clients send
// (`application/vnd.kubernetes.protobuf`, client-go ≥ 1.32): varints, length-delimited fields.
import {ApiError} from '../status.js';

export type WireField = {field: number; wire: number; varint?: bigint; bytes?: Buffer};

const malformed = () => new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (malformed protobuf)');

export function readFields(buffer: Buffer): WireField[] {
	const fields: WireField[] = [];
	let offset = 0;
	const varint = (): bigint => {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			if (offset >= buffer.length || shift > 63n) throw malformed();
			const byte = buffer[offset++]!;
			result |= BigInt(byte & 0x7f) << shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7n;
		}
	};
	while (offset < buffer.length) {
		const key = Number(varint());
		const field = key >>> 3;
		const wire = key & 7;
		if (wire === 0) fields.push({field, wire, varint: varint()});
		else if (wire === 2) {
			const length = Number(varint());
			if (offset + length > buffer.length) throw malformed();
			fields.push({field, wire, bytes: buffer.subarray(offset, offset + length)});
			offset += length;
		} else if (wire === 1) offset += 8;
		else if (wire === 5) offset += 4;
		else throw malformed();
	}
	return fields;
}

/** The `k8s\0` envelope (runtime.Unknown): apiVersion, kind and the raw object message. */
export function unwrapEnvelope(body: Buffer): {apiVersion: string; kind: string; raw: Buffer} {
	if (body.length < 4 || body.toString('latin1', 0, 4) !== 'k8s\0') throw malformed();
	let apiVersion = '';
	let kind = '';
	let raw: Buffer = Buffer.alloc(0);
	for (const f of readFields(body.subarray(4))) {
		if (f.field === 1 && f.bytes) {
			for (const t of readFields(f.bytes)) {
				if (t.field === 1 && t.bytes) apiVersion = t.bytes.toString('utf8');
				if (t.field === 2 && t.bytes) kind = t.bytes.toString('utf8');
			}
		}
		if (f.field === 2 && f.bytes) raw = f.bytes;
	}
	return {apiVersion, kind, raw};
}

/** Schema-less dump (field numbers → values), for tests and debugging. */
export function dumpFields(buffer: Buffer, depth = 0): unknown {
	return readFields(buffer).map(f => {
		if (f.varint !== undefined) return [f.field, Number(f.varint)];
		const bytes = f.bytes!;
		if (depth < 12) {
			try {
				const nested = readFields(bytes);
				if (nested.length > 0 && bytes.length > 1 && !/^[\x20-\x7e]*$/.test(bytes.toString('latin1'))) return [f.field, dumpFields(bytes, depth + 1)];
			} catch {
				// not a message: a string
			}
		}
		return [f.field, bytes.toString('utf8')];
	});
}
