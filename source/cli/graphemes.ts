// Grapheme clusters as Intl.Segmenter gives them, for the bundle's copies of Ink's text code (see
// scripts/build.mjs). Ink splits every text it draws into clusters, every frame; for the text rollwatch
// draws each UTF-16 unit is a cluster of its own, so those are counted off directly. The first
// Intl.Segmenter of a process loads ICU's break-iteration data (10–30 ms at start-up): it is made
// only for text that needs it.
import {SINGLE_UNIT_GRAPHEMES} from './string-width.js';

export type GraphemeSegment = {segment: string; index: number};

let segmenter: Intl.Segmenter | undefined;

/** The process's one grapheme Intl.Segmenter, made on first use. */
export function graphemeSegmenter(): Intl.Segmenter {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter;
}

/** `new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)`, read as {segment, index}. */
export function segmentGraphemes(text: string): Iterable<GraphemeSegment> {
	return SINGLE_UNIT_GRAPHEMES.test(text) ? singleUnits(text) : graphemeSegmenter().segment(text);
}

function * singleUnits(text: string): Generator<GraphemeSegment> {
	for (let index = 0; index < text.length; index++) yield {segment: text[index]!, index};
}
