// A self-signed ECDSA P-256 certificate for 127.0.0.1/localhost, made at start-up with node:crypto and a
// minimal DER encoder. Why TLS at all: kubectl (client-go) never sends a bearer token over plain http, so
// an http server could not require the token the contract demands. Clients trust it through the kubeconfig's
// certificate-authority-data.
import {generateKeyPairSync, randomBytes, sign} from 'node:crypto';

export type Certificate = {cert: string; key: string};

const der = (tag: number, ...parts: Buffer[]): Buffer => {
	const body = Buffer.concat(parts);
	const n = body.length;
	const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
	return Buffer.concat([Buffer.from([tag]), length, body]);
};
const seq = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const bool = (value: boolean) => der(0x01, Buffer.from([value ? 0xff : 0]));
const octets = (value: Buffer) => der(0x04, value);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const bits = (value: Buffer, unused = 0) => der(0x03, Buffer.from([unused]), value);

function oid(dotted: string): Buffer {
	const [a, b, ...rest] = dotted.split('.').map(Number);
	const bytes = [a! * 40 + b!];
	for (const n of rest) {
		const chunk = [n & 0x7f];
		for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return der(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
	const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
	// UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5).
	return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export function createSelfSignedCertificate(commonName = 'rollwatch-demo'): Certificate {
	const {publicKey, privateKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
	const spki = publicKey.export({type: 'spki', format: 'der'});
	const algorithm = seq(oid('1.2.840.10045.4.3.2'));
	const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
	const serial = randomBytes(16);
	serial[0] = (serial[0]! & 0x3f) | 0x40; // positive and minimally encoded
	const now = Date.now();
	const validity = seq(time(new Date(now - 60 * 60 * 1000)), time(new Date(now + 10 * 365 * 24 * 60 * 60 * 1000)));
	const altNames = seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')), der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])));
	const extensions = der(
		0xa3,
		seq(
			extension('2.5.29.19', true, seq(bool(true))),
			// digitalSignature (bit 0) and keyCertSign (bit 5): 0b1000_0100, 2 unused bits.
			extension('2.5.29.15', true, bits(Buffer.from([0x84]), 2)),
			extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
			extension('2.5.29.17', false, altNames),
		),
	);
	const tbs = seq(der(0xa0, der(0x02, Buffer.from([2]))), der(0x02, serial), algorithm, name, validity, name, spki, extensions);
	const signature = sign('sha256', tbs, privateKey);
	const certificate = seq(tbs, algorithm, bits(signature));
	const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
	return {cert: pem, key: privateKey.export({type: 'pkcs8', format: 'pem'}) as string};
}
