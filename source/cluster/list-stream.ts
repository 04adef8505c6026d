// Reads a list response (`{"kind":…,"metadata":{…},"items":[{…},{…}]}`) one item at a time, as the body
// arrives: each item is parsed from its own text and handed over, so what is held at once is one
// chunk and one item, not the whole body. A page of 500 pods is 1–5 MB of JSON; read whole, the body's
// chunks, the body decoded to one string (Node keeps a string that large outside the V8 heap, freed
// only by a full GC) and every parsed item are alive together, and the RSS they raise stays raised.
// Everything but the items' text (kind, apiVersion, metadata, in whatever order) is parsed at the end,
// with `"items":[]`. Items that are not objects (a server's bug) are skipped, as the caller skips them.
// Malformed JSON throws, as JSON.parse of the whole body would.

export type ListHead = {apiVersion?: string; kind?: string; metadata?: {resourceVersion?: string; continue?: string}};

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Splits list JSON text, fed in pieces of any size, into item texts and the rest. */
export class ListSplitter {
	private depth = 0;
	private inString = false;
	/** The previous piece ended inside a string on a backslash: the next character is escaped. */
	private escaped = false;
	/** Depth of the items array's elements (2) once inside it, 0 otherwise. */
	private itemsDepth = 0;
	/** The last string that closed at the top object's depth, and the key of the value being read there. */
	private lastString = '';
	private key = '';
	private stringParts: string[] | undefined;
	private itemParts: string[] | undefined;
	private readonly head: string[] = [];

	constructor(private readonly onItem: (text: string) => void) {}

	push(text: string): void {
		let start = 0; // where the not-yet-copied text of the head or the current item begins
		let i = 0;
		const n = text.length;
		// Where the text of a key being read begins in this piece (0 when it began in an earlier one).
		let openedStringAt = 0;
		while (i < n) {
			if (this.inString) {
				if (this.escaped) {
					this.escaped = false;
					i++;
					continue;
				}
				// Jump to the next quote or backslash: most of the text is inside strings.
				const quote = text.indexOf('"', i);
				const backslash = text.indexOf('\\', i);
				if (backslash !== -1 && (quote === -1 || backslash < quote)) {
					if (backslash === n - 1) {
						this.escaped = true;
						i = n;
					} else i = backslash + 2;
					continue;
				}
				if (quote === -1) break;
				this.inString = false;
				if (this.stringParts) {
					this.stringParts.push(text.slice(openedStringAt, quote));
					this.lastString = this.stringParts.join('');
					this.stringParts = undefined;
				}
				i = quote + 1;
				continue;
			}
			const c = text.charCodeAt(i);
			if (c === QUOTE) {
				this.inString = true;
				// Only strings at the top object's depth can be its keys; the others are not kept.
				if (this.depth === 1) {
					this.stringParts = [];
					openedStringAt = i + 1;
				}
			} else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
				if (this.itemsDepth !== 0 && this.depth === this.itemsDepth && c === OPEN_BRACE) {
					this.itemParts = [];
					start = i;
				}
				this.depth++;
				if (c === OPEN_BRACKET && this.depth === 2 && this.key === 'items') {
					this.itemsDepth = 2;
					this.head.push(text.slice(start, i + 1));
					start = i + 1;
				}
			} else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
				this.depth--;
				if (this.itemsDepth !== 0) {
					if (this.depth === this.itemsDepth && this.itemParts) {
						this.itemParts.push(text.slice(start, i + 1));
						const item = this.itemParts.join('');
						this.itemParts = undefined;
						start = i + 1;
						this.onItem(item);
					} else if (this.depth === 1) {
						// The items array closes: what came since its last item (commas, scalars) is dropped.
						this.itemsDepth = 0;
						this.key = '';
						start = i;
					}
				}
				if (this.depth < 0) throw new SyntaxError('unbalanced JSON in the list response');
			} else if (this.depth === 1 && this.itemsDepth === 0) {
				if (c === COLON) this.key = this.lastString;
				else if (c === COMMA) this.key = '';
			}
			i++;
		}
		if (this.inString && this.stringParts) this.stringParts.push(text.slice(openedStringAt));
		if (this.itemParts) this.itemParts.push(text.slice(start));
		else if (this.itemsDepth === 0) this.head.push(text.slice(start));
	}

	/** The list without its items, parsed; throws if the text was not one complete JSON value. */
	end(): ListHead {
		if (this.inString || this.depth !== 0 || this.itemParts) throw new SyntaxError('the list response ended early');
		const head = JSON.parse(this.head.join('')) as ListHead;
		if (!head || typeof head !== 'object') throw new SyntaxError('the list response is not an object');
		return head;
	}
}

/** Reads a list body, parsing each item on its own; resolves with the rest of the list. */
export async function readList(body: AsyncIterable<Uint8Array> | null, onItem: (item: unknown) => void): Promise<ListHead> {
	const splitter = new ListSplitter(text => onItem(JSON.parse(text)));
	if (!body) return splitter.end();
	const decoder = new TextDecoder();
	for await (const chunk of body) splitter.push(decoder.decode(chunk, {stream: true}));
	splitter.push(decoder.decode());
	return splitter.end();
}
