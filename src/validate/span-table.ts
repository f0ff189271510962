import { grown } from "./grown.js";
import { RunIndex } from "./run-index.js";

/** How the document and parent of a span follow from its id number (IdKeys' packed form). */
export interface KeyShape {
  document(key: number): number;
  parent(key: number): number;
}

/** `<doc>/p<n>`: the document is the high part of the number. */
export const PARAGRAPH_SHAPE: KeyShape = {
  document: (key) => Math.floor(key / 0x100000000),
  parent: () => 0,
};

/** `<doc>/p<n>/s<m>`: the document is the high part, the paragraph `<doc>/p<n>` drops `m`. */
export const SENTENCE_SHAPE: KeyShape = {
  document: (key) => Math.floor(key / 0x100000000),
  parent: (key) => {
    const document = Math.floor(key / 0x100000000);
    return document * 0x100000000 + Math.floor((key - document * 0x100000000) / 0x10000);
  },
};

/**
 * Paragraph or sentence spans by id number (see IdKeys): start and end in typed arrays, 8 bytes a
 * span. Published files list a document's spans together and in id order, so a RunIndex finds
 * them with 4 bytes a span and no hash table, which took another 16 to 24 bytes a span, plus its
 * old arrays while it grew; only spans out of order go to a hash index.
 *
 * The record's document and parent are not stored when they are the ones its id names, as
 * published ids always do; only exceptions go to a map. The first record of an id is kept and a
 * later one with the same id is a duplicate, except that a record given for validation replaces a
 * reference record (the shipped corpus) of the same id once.
 */
export class SpanTable {
  readonly #shape: KeyShape;
  #start = new Int32Array(256);
  #end = new Int32Array(256);
  readonly #rows = new RunIndex();
  /** Rows whose document or parent is not the one their id names: [document, parent]. */
  readonly #exceptions = new Map<number, [number, number]>();
  /** Rows that came from reference data, which a validated record may replace. */
  readonly #reference = new Set<number>();
  size = 0;

  constructor(shape: KeyShape) {
    this.#shape = shape;
  }

  /** Adds a span; returns false when the id is there already. */
  add(key: number, start: number, end: number, document: number, parent: number, reference = false): boolean {
    let row = this.find(key);
    if (row !== -1) {
      if (reference || !this.#reference.delete(row)) return false;
    } else {
      row = this.size++;
      if (row === this.#start.length) {
        const size = Math.floor(row * 1.5);
        this.#start = grown(this.#start, size);
        this.#end = grown(this.#end, size);
      }
      this.#rows.add(key, row);
      if (reference) this.#reference.add(row);
    }
    // Offsets beyond 2^31 are already out of every document's bounds (and reported so); they are
    // kept as the largest int32, which is still outside.
    this.#start[row] = Math.min(start, 0x7fffffff);
    this.#end[row] = Math.min(end, 0x7fffffff);
    if (key >= 0 && this.#shape.document(key) === document && this.#shape.parent(key) === parent) {
      if (this.#exceptions.size > 0) this.#exceptions.delete(row);
    }
    else this.#exceptions.set(row, [document, parent]);
    return true;
  }

  /** The row of an id number, or -1. */
  find(key: number): number {
    return this.#rows.find(key);
  }

  start(row: number): number {
    return this.#start[row]!;
  }

  end(row: number): number {
    return this.#end[row]!;
  }

  /** The document number of the record at `row`, whose id number is `key`. */
  document(row: number, key: number): number {
    return (this.#exceptions.size > 0 ? this.#exceptions.get(row)?.[0] : undefined) ?? this.#shape.document(key);
  }

  /** The parent's id number of the record at `row`, whose id number is `key`. */
  parent(row: number, key: number): number {
    return (this.#exceptions.size > 0 ? this.#exceptions.get(row)?.[1] : undefined) ?? this.#shape.parent(key);
  }

  /** Whether the record at `row` was given for validation, not taken from reference data. */
  given(row: number): boolean {
    return !this.#reference.has(row);
  }

  /** Calls `each` with the row and id number of every span, in the order added. */
  forEach(each: (row: number, key: number) => void): void {
    const keys = this.#rows.keys(this.size);
    for (let row = 0; row < keys.length; row++) each(row, keys[row]!);
  }
}
