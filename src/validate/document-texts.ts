import { grown } from "./grown.js";
import { CodePointText } from "../code-points.js";

/** Where a JSONL line was read from, so that it can be read again. */
export interface LineLocation {
  file: string;
  /** Byte offset of the line's first byte, and the line's length in bytes (without its LF). */
  offset: number;
  length: number;
}

/** Reads the bytes of a line again (validate-files gives one that reads the file). */
export type ReadLine = (location: LineLocation) => Uint8Array;

/**
 * The texts of the documents a validation has seen, by document number (IdKeys). A text that came
 * from a JSONL line is kept only as that line's location, and read back when a span needs it, with
 * a small cache of recent texts: records usually come grouped by document, so a document is read
 * back about once per file that refers to it, and memory does not grow with the texts' size.
 * Texts given in memory (JSON arrays, reference data) stay in memory.
 */
export class DocumentTexts {
  readonly #held: Array<CodePointText | undefined> = [];
  readonly #located: Array<LineLocation | undefined> = [];
  readonly #length: number[] = [];
  readonly #nfc: boolean[] = [];
  /** Documents from reference data, which a validated document may replace. */
  readonly #reference = new Set<number>();
  readonly #cache = new Map<number, CodePointText>();
  #cachedUnits = 0;
  readonly #read: ReadLine | undefined;
  #budget: number;
  static readonly MAX_BUDGET = 16 << 20;
  /** The text asked for last: spans come grouped by document. */
  #lastDocument = -1;
  #lastText: CodePointText | undefined;
  // Streaming mode: see validate-files (a whole line holds only whole characters).
  #decoder = new TextDecoder("utf-8", { fatal: true });

  /** One bit per document: read back before. */
  #readBefore = new Uint8Array(64);

  /**
   * `budget`: UTF-16 code units of located texts to keep in the cache (the latest text always
   * stays). Each text read back a second time makes it grow by that text, up to 16 Mi units
   * (32 MiB): records in document order never need it, nor do checks that waited and come back
   * grouped by document (one read each); records in another order get a cache as big as they need.
   */
  constructor(read?: ReadLine, budget = 1 << 16) {
    this.#read = read;
    this.#budget = budget;
  }

  has(document: number): boolean {
    return this.#length[document] !== undefined;
  }

  /** The text's length in code points, or undefined for a document not given. */
  length(document: number): number | undefined {
    return this.#length[document];
  }

  /** Whether the text is at hand, without reading it back. */
  cached(document: number): boolean {
    return document === this.#lastDocument || this.#held[document] !== undefined || this.#cache.has(document);
  }

  /** Whether the text is in NFC (so every slice of it is). */
  nfc(document: number): boolean {
    return this.#nfc[document]!;
  }

  /**
   * Adds a document's text, kept only as `location` when one is given and lines can be read back.
   * Returns false when the document is there already (a reference document is replaced once).
   */
  add(document: number, text: CodePointText, nfc: boolean, location?: LineLocation, reference = false): boolean {
    if (document === this.#lastDocument) this.#lastDocument = -1;
    if (this.has(document)) {
      if (reference || !this.#reference.delete(document)) return false;
      this.#held[document] = undefined;
      this.#located[document] = undefined;
      const cached = this.#cache.get(document);
      if (cached) {
        this.#cache.delete(document);
        this.#cachedUnits -= cached.text.length;
      }
    } else if (reference) this.#reference.add(document);
    this.#length[document] = text.length;
    this.#nfc[document] = nfc;
    if (location && this.#read) {
      this.#located[document] = location;
      this.#remember(document, text);
    } else this.#held[document] = text;
    return true;
  }

  /** The text of a document added before. */
  text(document: number): CodePointText {
    if (document === this.#lastDocument) return this.#lastText!;
    const held = this.#held[document] ?? this.#cache.get(document);
    if (held) {
      this.#lastDocument = document;
      this.#lastText = held;
      return held;
    }
    const location = this.#located[document]!;
    const text = this.#readBack(location);
    if (text.length !== this.#length[document]) throw new Error(`expected ${location.file} to be unchanged while it is validated, found a document of another length at byte ${location.offset}`);
    if (this.#wasReadBefore(document)) this.#budget = Math.min(DocumentTexts.MAX_BUDGET, this.#budget + text.text.length);
    this.#remember(document, text);
    this.#lastDocument = document;
    this.#lastText = text;
    return text;
  }

  /** Whether the document's text was read back before; marks it read back. */
  #wasReadBefore(document: number): boolean {
    if (document >> 3 >= this.#readBefore.length) this.#readBefore = grown(this.#readBefore, Math.max(this.#readBefore.length * 2, (document >> 3) + 1));
    const before = (this.#readBefore[document >> 3]! & (1 << (document & 7))) !== 0;
    this.#readBefore[document >> 3]! |= 1 << (document & 7);
    return before;
  }

  #readBack(location: LineLocation): CodePointText {
    let value: unknown;
    try {
      value = JSON.parse(this.#decoder.decode(this.#read!(location), { stream: true }));
    } catch {
      this.#decoder = new TextDecoder("utf-8", { fatal: true });
      value = undefined;
    }
    const text = (value as { text?: unknown } | undefined)?.text;
    if (typeof text !== "string") throw new Error(`expected ${location.file} to be unchanged while it is validated, found no document text at byte ${location.offset}`);
    return new CodePointText(text);
  }

  #remember(document: number, text: CodePointText): void {
    this.#cache.set(document, text);
    this.#cachedUnits += text.text.length;
    for (const [oldest, old] of this.#cache) {
      if (this.#cachedUnits <= this.#budget || oldest === document) break;
      this.#cache.delete(oldest);
      this.#cachedUnits -= old.text.length;
    }
  }
}
