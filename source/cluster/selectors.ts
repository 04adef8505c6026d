// Label selectors as query strings.
import type {LabelSelector} from '../k8s/types.js';

/** A LabelSelector as the query string kubectl sends (labels.Selector.String()). */
export function labelSelectorString(selector: LabelSelector | undefined): string {
	const {matchLabels = {}, matchExpressions = []} = selector ?? {};
	const parts: Array<[string, string]> = Object.entries(matchLabels).map(([key, value]) => [key, `${key}=${value}`]);
	for (const {key, operator, values = []} of matchExpressions) {
		const sorted = [...values].sort().join(',');
		if (operator === 'In') parts.push([key, `${key} in (${sorted})`]);
		else if (operator === 'NotIn') parts.push([key, `${key} notin (${sorted})`]);
		else if (operator === 'Exists') parts.push([key, key]);
		else parts.push([key, `!${key}`]);
	}
	// labels.Selector.String() sorts requirements by key.
	return parts
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, text]) => text)
		.join(',');
}
