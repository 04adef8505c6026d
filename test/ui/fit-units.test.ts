// The pure parts of fitting the screen: image names, the header's and footer's choices, traffic matching.
import {describe, expect, it} from 'vitest';
import type {ServiceTraffic} from '../../source/rollout/index.js';
import {fitFooter} from '../../source/ui/components/Footer.js';
import {fitHeader} from '../../source/ui/components/Header.js';
import {keymap, type CommandState} from '../../source/ui/keymap.js';
import {fitImages, imageTag, shortImage} from '../../source/ui/panes/short-image.js';
import {compactCount, groupFor, unmatchedVersions, versionLabel, versionRows} from '../../source/ui/panes/traffic-rows.js';
import {wrapWords} from '../../source/ui/panes/wrap-words.js';
import type {CommandId, ProbeSnapshot} from '../../source/ui/types.js';

describe('image names', () => {
	it('keeps the tag and drops the registry and path, never mistaking a registry port for a tag', () => {
		expect(shortImage('arungupta/app-upgrade:v2')).toBe('app-upgrade:v2');
		expect(shortImage('registry.local:5000/team/web:1.4.0')).toBe('web:1.4.0');
		expect(imageTag('registry.local:5000/team/web')).toBeUndefined();
		expect(shortImage('nginx')).toBe('nginx');
		expect(shortImage('ghcr.io/o/app@sha256:0123456789abcdef0123')).toBe('app@0123456789ab');
		expect(imageTag('ghcr.io/o/app@sha256:0123456789abcdef0123')).toBe('0123456789ab');
	});

	it('shows images in full when they fit, else by short name', () => {
		expect(fitImages(['arungupta/app-upgrade:v2'], 40)).toBe('arungupta/app-upgrade:v2');
		expect(fitImages(['arungupta/app-upgrade:v2', 'envoyproxy/envoy:v1.30'], 30)).toBe('app-upgrade:v2,envoy:v1.30');
	});
});

describe('header', () => {
	const budget = {strategy: 'RollingUpdate' as const, replicas: 5, maxSurge: 1, maxUnavailable: 1, minAvailable: 4, maxTotal: 6};
	const base = {context: {name: 'prod-eu', namespace: 'shop'}, deployment: 'checkout', budget, scenario: 'Rolling update', right: ' ● live 12:00:00 '};

	it('sheds the scenario, then our name, then strategy words, as the terminal narrows', () => {
		expect(fitHeader(base, 200)).toEqual({brand: true, strategy: 'RollingUpdate maxSurge 1 maxUnavailable 1', scenario: 'Rolling update'});
		expect(fitHeader(base, 120)).toEqual({brand: true, strategy: 'RollingUpdate maxSurge 1 maxUnavailable 1'});
		expect(fitHeader(base, 95)).toEqual({brand: true, strategy: 'rolling surge 1 unavail 1'});
		expect(fitHeader(base, 80)).toEqual({brand: true, strategy: 'rolling'});
		expect(fitHeader(base, 60)).toEqual({brand: false});
	});

	it('says Recreate in one word at any width that has room for it', () => {
		expect(fitHeader({...base, budget: {...budget, strategy: 'Recreate', maxSurge: 0, maxUnavailable: 5}}, 80).strategy).toBe('Recreate');
	});
});

describe('footer', () => {
	const state = (id: CommandId, enabled: true | string = true): CommandState => ({command: keymap.find(command => command.id === id)!, enabled});
	const commands = [state('pause'), state('resume', 'not paused'), state('scale'), state('undo', 'no other revision'), state('restart'), state('shipNext'), state('focusNext'), state('filter'), state('freeze'), state('help'), state('quit')];

	it('always keeps ? help and q quit, and puts what the user came for first', () => {
		const narrow = fitFooter(commands, 40);
		expect(narrow.pinned.map(hint => hint.command.id)).toEqual(['help', 'quit']);
		expect(narrow.hints.map(hint => hint.command.id)).toEqual(['shipNext', 'pause']);
	});

	it('hides resume while pause is live, and shows other disabled keys last when there is room', () => {
		const wide = fitFooter(commands, 200).hints.map(hint => hint.command.id);
		expect(wide).not.toContain('resume');
		expect(wide.at(-1)).toBe('undo');
		const paused = fitFooter([state('pause', 'already paused'), state('resume'), state('help'), state('quit')], 200).hints.map(hint => hint.command.id);
		expect(paused).toEqual(['resume']);
	});
});

describe('traffic rows', () => {
	const group = (key: string, label: string, image: string, ready: number, share: number, revision?: number) => ({key, label, images: [image], ready, serving: ready, terminating: 0, share, ...(revision === undefined ? {} : {revision})});
	const rolling: ServiceTraffic = {service: 'web', groupedBy: 'revision', totalReady: 4, groups: [group('web:2', 'rev 2', 'acme/web:v2', 1, 25, 2), group('web:1', 'rev 1', 'acme/web:v1', 3, 75, 1)]};
	const canary: ServiceTraffic = {service: 'app', groupedBy: 'label', totalReady: 4, groups: [group('version=v2', 'v2', 'acme/app:v3', 2, 50), group('version=v1', 'v1', 'acme/app:v1', 2, 50)]};
	const probe = (perVersion: ProbeSnapshot['perVersion'], target = 'svc/web'): ProbeSnapshot => ({target, since: 0, perVersion, failures: {total: 0, recent: 0}, requests: {total: 100, recent: 10}});

	it('labels by revision and tag in a rollout, by version label in a canary', () => {
		expect(versionLabel(rolling, rolling.groups[0]!)).toBe('rev 2 v2');
		expect(versionLabel(canary, canary.groups[0]!)).toBe('v2');
		expect(versionLabel({...rolling, groups: []}, group('x:1', 'rev 1', 'jahongirr/myapp:1', 1, 100, 1))).toBe('rev 1 :1');
	});

	it('matches answers by image tag ("2" is v2) before label, so a canary that moved to v3 still counts as v2', () => {
		expect(groupFor([rolling], '2')).toBe('web:2');
		expect(groupFor([rolling], 'v1')).toBe('web:1');
		expect(groupFor([canary], 'v3')).toBe('version=v2');
		expect(groupFor([canary], 'v2')).toBe('version=v2');
		expect(groupFor([canary], 'unknown')).toBeUndefined();
	});

	it('gives each version its live share of the answers and its total, and lists what no version claims', () => {
		const seen = probe([{version: '2', total: 40, recent: 2}, {version: '1', total: 1500, recent: 6}, {version: 'unknown', total: 3, recent: 2}]);
		expect(versionRows([rolling], rolling, seen).map(row => row.observed)).toEqual([{share: 20, total: 40}, {share: 60, total: 1500}]);
		expect(unmatchedVersions([rolling], seen).map(version => `${version.version} ${version.share}%`)).toEqual(['unknown 20%']);
		// Probing another Service: its answers are not this one's.
		expect(versionRows([rolling], rolling, probe([{version: '2', total: 1, recent: 1}], 'svc/other')).every(row => row.observed === undefined)).toBe(true);
	});

	it('writes totals short', () => {
		expect([950, 1234, 56_789, 2_345_678].map(count => compactCount(count))).toEqual(['950', '1.2k', '56k', '2.3M']);
	});
});

describe('word wrap', () => {
	it('breaks between words without a leading blank, and marks a cut on the last line', () => {
		const text = 'Waiting for deployment "app-v2" rollout to finish: 1 old replicas are pending termination...';
		expect(wrapWords(text, 52, 2)).toEqual(['Waiting for deployment "app-v2" rollout to finish: 1', 'old replicas are pending termination...']);
		expect(wrapWords(text, 30, 2)).toEqual(['Waiting for deployment', '"app-v2" rollout to finish: 1…']);
		expect(wrapWords('a-very-long-pod-name-without-spaces', 10, 3)).toEqual(['a-very-lon', 'g-pod-name', '-without-…']);
	});
});
