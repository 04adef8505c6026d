import {ensureKubectl} from './kubectl.js';

export default function setup() {
	ensureKubectl();
}
