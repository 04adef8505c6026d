// Image references are long and alike ("arungupta/app-upgrade:v1" vs ":v2"): the part that differs is
// the tag, so when space is short the registry and repository path go first, never the tag.

/** The tag (or a shortened digest) of an image reference; undefined when it has neither. */
export function imageTag(image: string): string | undefined {
	const at = image.indexOf('@');
	if (at >= 0) return image.slice(at + 1).replace(/^sha256:/, '').slice(0, 12);
	const slash = image.lastIndexOf('/');
	const colon = image.lastIndexOf(':');
	// A colon before the last slash is a registry port ("registry:5000/app"), not a tag.
	return colon > slash ? image.slice(colon + 1) : undefined;
}

/** "registry.io/team/app-upgrade:v2" → "app-upgrade:v2"; a digest keeps its first 12 hex digits. */
export function shortImage(image: string): string {
	const at = image.indexOf('@');
	const withoutDigest = at >= 0 ? image.slice(0, at) : image;
	const slash = withoutDigest.lastIndexOf('/');
	const base = withoutDigest.slice(slash + 1);
	if (at < 0) return base;
	return `${base}@${imageTag(image)!}`;
}

/** Terminal cells of plain text; every glyph the UI draws is one cell wide. */
export function cells(text: string): number {
	return [...text].length;
}

/** The images as one string: in full when that fits `width` cells, else each by its short name. */
export function fitImages(images: readonly string[], width: number): string {
	const full = images.join(',');
	return cells(full) <= width ? full : images.map(image => shortImage(image)).join(',');
}
