// The namespaces every cluster starts with.
import type {ObjectStore} from '../objects.js';
import {defaultNamespace} from './defaults.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function ensureSystemNamespaces(store: ObjectStore) {
	for (const name of SYSTEM_NAMESPACES) {
		if (!store.get('namespaces', undefined, name)) store.create('namespaces', defaultNamespace({metadata: {name}}));
	}
}
