import { grown } from "./grown.js";
import { NumberTable } from "./number-table.js";

/**
 * Row numbers by integer key, for keys packed as `high · 2^32 + low` (high below 2^21), as IdKeys
 * packs paragraph and sentence ids and IdSet packs id prefixes (high: the document in both).
 * Input in document order adds each high part's keys together and in increasing order of their
 * low part, on consecutive rows: those form one run per high part, 4 bytes a key, found by binary
 * search. A hash table (about 21 bytes a key, more while it grows) takes only the keys
 * that do not extend their run: out of order, a high part seen again later, negative or larger
 * keys. The caller numbers rows from 0 and keeps its own per-row data.
 */
export class RunIndex {
  /** Per row in a run: its key less the high part (below 2^32). */
  #low = new Uint32Array(256);
  /** Per high part: its run's first row and length (0: no run yet). */
  #runFirst = new Int32Array(64);
  #runLength = new Int32Array(64);
  /** The high part whose run ends at the last row added, or -1. */
  #lastRun = -1;
  #lastRow = -1;
  /** Rows that are in no run, by key. */
  #others: NumberTable | undefined;
  // The last key found: lookups of one key tend to follow each other.
  #foundKey = Number.NaN;
  #foundRow = -1;

  /** Indexes a key that find() does not know under `row`. */
  add(key: number, row: number): void {
    if (!this.#extendRun(key, row)) {
      (this.#others ??= new NumberTable()).add(key, row);
      this.#lastRun = -1;
    }
  }

  /** Puts a row at the end of its high part's run if it can go there in order. */
  #extendRun(key: number, row: number): boolean {
    const high = Math.floor(key / 0x100000000);
    if (key < 0 || high >= 0x200000) return false;
    const low = key - high * 0x100000000;
    if (high >= this.#runFirst.length) {
      let size = this.#runFirst.length * 2;
      while (size <= high) size *= 2;
      this.#runFirst = grown(this.#runFirst, size);
      this.#runLength = grown(this.#runLength, size);
    }
    const length = this.#runLength[high]!;
    // A high part's first key starts its run; later ones extend it while nothing came in between.
    if (length === 0) this.#runFirst[high] = row;
    else if (this.#lastRun !== high || row !== this.#lastRow + 1 || this.#low[row - 1]! >= low) return false;
    if (row >= this.#low.length) this.#low = grown(this.#low, Math.max(row + 1, Math.floor(this.#low.length * 1.5)));
    this.#low[row] = low;
    this.#runLength[high] = length + 1;
    this.#lastRun = high;
    this.#lastRow = row;
    return true;
  }

  /** The row of a key, or -1. */
  find(key: number): number {
    if (key === this.#foundKey) return this.#foundRow;
    let row = -1;
    if (key >= 0) {
      const high = Math.floor(key / 0x100000000);
      if (high < this.#runLength.length) {
        const low = key - high * 0x100000000;
        let from = this.#runFirst[high]!;
        let to = from + this.#runLength[high]! - 1;
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

  /** The key of every row below `rows` (NaN for a row never added). */
  keys(rows: number): Float64Array {
    const keys = new Float64Array(rows).fill(Number.NaN);
    for (let high = 0; high < this.#runLength.length; high++) {
      const first = this.#runFirst[high]!;
      for (let row = first; row < first + this.#runLength[high]! && row < rows; row++) keys[row] = high * 0x100000000 + this.#low[row]!;
    }
    this.#others?.forEach((key, row) => {
      if (row < rows) keys[row] = key;
    });
    return keys;
  }
}
