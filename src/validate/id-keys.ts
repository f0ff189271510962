/**
 * Numbers for record ids, so that tables of millions of paragraphs and sentences hold numbers,
 * not strings. A document id becomes a small integer (its order of first appearance); an id of
 * the published shape `<doc>/p<n>` or `<doc>/p<n>/s<m>` is packed from that integer and its
 * numbers; any other string gets a negative number of its own. The mapping is one-to-one per
 * shape, so comparing numbers is comparing ids.
 */
export class IdKeys {
  readonly #documents = new Map<string, number>();
  readonly #documentIds: string[] = [];
  readonly #other = new Map<string, number>();
  readonly #otherIds: string[] = [];
  // The last document asked for: records come grouped by document, and comparing with the last
  // id is cheaper than hashing a string that JSON.parse has just made.
  #last: string | undefined;
  #lastKey = -1;
  // Likewise the last paragraph and sentence ids (several mentions of one sentence follow each other).
  #lastParagraph: string | undefined;
  #lastParagraphKey = 0;
  #lastSentence: string | undefined;
  #lastSentenceKey = 0;

  /** The number of a document id (interned: the same id always gets the same number). */
  document(id: string): number {
    if (id === this.#last) return this.#lastKey;
    let key = this.#documents.get(id);
    if (key === undefined) {
      this.#documents.set(id, (key = this.#documents.size));
      this.#documentIds.push(id);
    }
    this.#last = id;
    this.#lastKey = key;
    return key;
  }

  /** The document id of a document number. */
  documentId(key: number): string {
    return this.#documentIds[key]!;
  }

  /** The paragraph id of a number made by `paragraph`. */
  paragraphId(key: number): string {
    if (key < 0) return this.#otherIds[-1 - key]!;
    const document = Math.floor(key / 0x100000000);
    return `${this.#documentIds[document]!}/p${key - document * 0x100000000}`;
  }

  /** The sentence id of a number made by `sentence`. */
  sentenceId(key: number): string {
    if (key < 0) return this.#otherIds[-1 - key]!;
    const document = Math.floor(key / 0x100000000);
    const rest = key - document * 0x100000000;
    return `${this.#documentIds[document]!}/p${Math.floor(rest / 0x10000)}/s${rest % 0x10000}`;
  }

  /** The number of a document id already seen, or -1. */
  knownDocument(id: string): number {
    return this.#documents.get(id) ?? -1;
  }

  /** The number of a paragraph id, `<doc>/p<n>`. */
  paragraph(id: string): number {
    if (id === this.#lastParagraph) return this.#lastParagraphKey;
    const key = this.#paragraph(id);
    this.#lastParagraph = id;
    this.#lastParagraphKey = key;
    return key;
  }

  /** The number of a sentence id, `<doc>/p<n>/s<m>`. */
  sentence(id: string): number {
    if (id === this.#lastSentence) return this.#lastSentenceKey;
    const key = this.#sentence(id);
    this.#lastSentence = id;
    this.#lastSentenceKey = key;
    return key;
  }

  #paragraph(id: string): number {
    const slash = id.lastIndexOf("/");
    if (slash > 0 && id.charCodeAt(slash + 1) === 0x70 /* p */) {
      const n = digits(id, slash + 2, id.length, 0xffffffff);
      const doc = n < 0 ? -1 : this.packableDocument(id, slash);
      if (doc >= 0) return doc * 0x100000000 + n;
    }
    return this.#odd(id);
  }

  #sentence(id: string): number {
    const slash = id.lastIndexOf("/");
    if (slash > 0 && id.charCodeAt(slash + 1) === 0x73 /* s */) {
      const m = digits(id, slash + 2, id.length, 0xffff);
      const before = m < 0 ? -1 : id.lastIndexOf("/", slash - 1);
      if (before > 0 && id.charCodeAt(before + 1) === 0x70 /* p */) {
        const n = digits(id, before + 2, slash, 0xffff);
        const doc = n < 0 ? -1 : this.packableDocument(id, before);
        if (doc >= 0) return doc * 0x100000000 + n * 0x10000 + m;
      }
    }
    return this.#odd(id);
  }

  /**
   * The number of the document id id[0, end) (interned) if it fits a packed key (below 2^21, so
   * that `document · 2^32 + low` stays below 2^53), else -1.
   */
  packableDocument(id: string, end: number): number {
    const last = this.#last;
    const key = last !== undefined && end === last.length && id.startsWith(last) ? this.#lastKey : this.document(id.slice(0, end));
    return key < 0x200000 ? key : -1;
  }

  #odd(id: string): number {
    let key = this.#other.get(id);
    if (key === undefined) {
      this.#other.set(id, (key = -1 - this.#other.size));
      this.#otherIds.push(id);
    }
    return key;
  }
}

/** The value of the decimal digits id[from, to) written without a leading zero, if ≤ max; else -1. */
export function digits(id: string, from: number, to: number, max: number): number {
  if (to <= from || to - from > 10 || id.charCodeAt(from) === 0x30) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = id.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n <= max ? n : -1;
}
