import {describe, expect, it} from 'vitest';
import {parseTargets} from '../../source/cli/targets.js';

describe('parseTargets', () => {
	it.each([
		[['deploy/web'], ['web']],
		[['deployment/web', 'deployments.apps/api'], ['web', 'api']],
		[['web', 'deploy/web'], ['web']],
		[['Deployment.apps/shop'], ['shop']],
	])('%j → %j', (input, names) => {
		expect(parseTargets(input)).toEqual({ok: true, names});
	});

	it('refuses other kinds with a hint', () => {
		expect(parseTargets(['pod/web'])).toEqual({ok: false, message: 'rollwatch watches Deployments: "pod/web" is a pod, try deploy/NAME.'});
	});

	it('refuses names the API server would reject', () => {
		const result = parseTargets(['deploy/Web_1']);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('"deploy/Web_1" is not a valid Deployment name');
	});
});
