// Paused, crashing and unpullable rollouts against the recordings of a real control plane.
import {describe} from 'vitest';
import {checkScenario} from './fidelity-support.js';

describe('fidelity: pause and failures', () => {
	for (const name of ['pause', 'broken', 'missing']) checkScenario(name);
});
