// The demo cluster against recordings of a real control plane: same kubectl steps, same ReplicaSet
// sizes per revision, same condition reasons, same `kubectl rollout status` wording and exit codes.
import {describe} from 'vitest';
import {checkScenario} from './fidelity-support.js';

describe('fidelity: rollouts', () => {
	for (const name of ['rolling', 'recreate', 'canary', 'history']) checkScenario(name);
});
