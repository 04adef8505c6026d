// The App redraws only when a snapshot changes what is on screen (use-screen-data.ts); whatever it draws
// next must still be the newest data: a pod that changed while below the visible rows shows its new
// STATUS as soon as it is scrolled into view, with no snapshot in between.
import {describe, expect, it} from 'vitest';
import type {Pod} from '../../source/k8s/types.js';
import {App} from '../../source/ui/App.js';
import {render} from '../support/render.js';
import {monitorProps} from './fixtures.js';

describe('redrawing only what is on screen', () => {
	it('shows the newest status of a pod that changed while it was off screen', async () => {
		const {props, store, snapshot} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const template = [...snapshot.pods.values()].find(pod => pod.metadata.name === 'app-rolling-8687b6c45c-4skzb')!;
		const pods = new Map(snapshot.pods);
		const named = (i: number, waiting?: string): Pod => ({
			...template,
			metadata: {...template.metadata, name: `app-rolling-8687b6c45c-x${i}`, uid: `uid-${i}`, resourceVersion: waiting ? 'crashed' : '1'},
			...(waiting ? {status: {...template.status, containerStatuses: template.status?.containerStatuses?.map(status => ({...status, state: {waiting: {reason: waiting}}}))}} : {}),
		});
		for (let i = 10; i < 50; i++) pods.set(`demo-rolling/app-rolling-8687b6c45c-x${i}`, named(i));
		store.publish({...snapshot, version: 2, pods});
		const screen = render(<App {...props} />, {columns: 80, rows: 24});
		await screen.waitFor('of 47');
		// x45 is far below the visible rows when its STATUS changes (nothing else on screen does).
		store.publish({...snapshot, version: 3, pods: new Map([...pods, ['demo-rolling/app-rolling-8687b6c45c-x45', named(45, 'Q7')]])});
		for (let i = 0; i < 40; i++) await screen.type('j');
		const frame = await screen.waitFor(text => text.includes('app-rolling-8687b6c45c-x45'));
		const line = frame.split('\n').find(text => text.includes('app-rolling-8687b6c45c-x45'))!;
		expect(line).toContain('Q7');
	});
});
