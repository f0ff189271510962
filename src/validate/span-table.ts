import { grown } from "./grown.js";
import { NumberTable } from "./number-table.js";

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
 * span. Published files list a document's spans together and in id order, so each document's
 * spans form one run of rows sorted by the low half of their id number (4 bytes a span), found by
 * binary search from the document's first row: no hash table, which took another 16 to 24 bytes a
 * span, plus its old arrays while it grew. Spans that do not extend their document's run (out of
 * order, a document listed again later, ids of another shape) go to a hash index instead.
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
  /** Per row in a run: the id number less its document's part (below 2^32). */
  #low = new Uint32Array(256);
  /** Per document number: its run's first row and length (0: no run yet). */
  #runFirst = new Int32Array(64);
  #runLength = new Int32Array(64);
  /** The document whose run ends at the last row, or -1. */
  #lastRun = -1;
  /** Rows that are in no run, by id number. */
  #others: NumberTable | undefined;
  /** Rows whose document or parent is not the one their id names: [document, parent]. */
  readonly #exceptions = new Map<number, [number, number]>();
  /** Rows that came from reference data, which a validated record may replace. */
  readonly #reference = new Set<number>();
  // The last id found: mentions of one sentence follow each other.
  #foundKey = Number.NaN;
  #foundRow = -1;
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
        this.#low = grown(this.#low, size);
      }
      if (!this.#extendRun(key, row)) {
        (this.#others ??= new NumberTable()).add(key, row);
        this.#lastRun = -1;
      }
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

  /** Puts a new row at the end of its document's run if it can go there in order. */
  #extendRun(key: number, row: number): boolean {
    const document = Math.floor(key / 0x100000000);
    if (key < 0 || document >= 0x200000) return false;
    const low = key - document * 0x100000000;
    if (document >= this.#runFirst.length) {
      let size = this.#runFirst.length * 2;
      while (size <= document) size *= 2;
      this.#runFirst = grown(this.#runFirst, size);
      this.#runLength = grown(this.#runLength, size);
    }
    const length = this.#runLength[document]!;
    // A document's first span starts its run; later ones extend it while nothing came in between.
    if (length === 0) this.#runFirst[document] = row;
    else if (this.#lastRun !== document || this.#low[row - 1]! >= low) return false;
    this.#low[row] = low;
    this.#runLength[document] = length + 1;
    this.#lastRun = document;
    return true;
  }

  /** The row of an id number, or -1. */
  find(key: number): number {
    if (key === this.#foundKey) return this.#foundRow;
    let row = -1;
    if (key >= 0) {
      const document = Math.floor(key / 0x100000000);
      if (document < this.#runLength.length) {
        const low = key - document * 0x100000000;
        let from = this.#runFirst[document]!;
        let to = from + this.#runLength[document]! - 1;
        while (from <= to) {
          const middle = (from + to) >>> 1;
          const at = this.#low[middle]!;
          if (at < low) from = middle + 1;
          else if (at > low) to = middle - 1;
          else {
            row = middle;
            break;
          }
        }
      }
    }
    if (row === -1 && this.#others !== undefined) row = this.#others.get(key);
    if (row !== -1) {
      this.#foundKey = key;
      this.#foundRow = row;
    }
    return row;
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

  /** Calls `each` with the row and id number of every span, in the order added. */
  forEach(each: (row: number, key: number) => void): void {
    const keys = new Float64Array(this.size);
    for (let document = 0; document < this.#runLength.length; document++) {
      const first = this.#runFirst[document]!;
      for (let row = first; row < first + this.#runLength[document]!; row++) keys[row] = document * 0x100000000 + this.#low[row]!;
    }
    this.#others?.forEach((key, row) => (keys[row] = key));
    for (let row = 0; row < keys.length; row++) each(row, keys[row]!);
  }
}
