import { grown } from "./grown.js";
import { mix, NumberTable } from "./number-table.js";

/**
 * Row numbers by integer key, for keys packed as `high · 2^32 + low` (high below 2^21), as IdKeys
 * packs paragraph and sentence ids and IdSet packs id prefixes (high: the document in both).
 * Input in document order adds each high part's keys together and in increasing order of their
 * low part, on consecutive rows: those form one run per high part, 4 bytes a key, found by binary
 * search. A key that does not extend its run (out of order, or a high part seen again later)
 * keeps its low part in the same per-row array and its high part in a second one, and is found
 * through a hash of row numbers, 4 bytes a slot: about 10–15 bytes a key in all, where a hash
 * table that held the keys themselves took 16–32, and half again while it grew. Only keys that
 * cannot be packed (negative, or high from 2^21) go to such a table. The caller numbers rows from
 * 0 and keeps its own per-row data.
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
  /** Per row in no run: its key's high part (made when the first such row comes). */
  #high: Int32Array<ArrayBuffer> | undefined;
  /** Rows in no run, as row + 1 (0: an empty slot), hashed by key; at most three quarters full. */
  #scattered: Int32Array<ArrayBuffer> | undefined;
  #scatteredSize = 0;
  /** Keys that cannot be packed, by key. */
  #others: NumberTable | undefined;
  // The last key found: lookups of one key tend to follow each other.
  #foundKey = Number.NaN;
  #foundRow = -1;

  /** Indexes a key that find() does not know under `row`. */
  add(key: number, row: number): void {
    if (this.#extendRun(key, row)) return;
    this.#lastRun = -1;
    const high = Math.floor(key / 0x100000000);
    if (key < 0 || high >= 0x200000) {
      (this.#others ??= new NumberTable()).add(key, row);
      return;
    }
    this.#room(row);
    const highs = (this.#high ??= new Int32Array(this.#low.length));
    highs[row] = high;
    this.#low[row] = key - high * 0x100000000;
    if ((this.#scatteredSize + 1) * 4 > (this.#scattered?.length ?? 0) * 3) this.#rehash();
    const slots = this.#scattered!;
    const mask = slots.length - 1;
    let slot = mix(high, key - high * 0x100000000) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = row + 1;
    this.#scatteredSize++;
  }

  /** Makes the per-row arrays long enough for `row`. */
  #room(row: number): void {
    if (row < this.#low.length) return;
    const size = Math.max(row + 1, Math.floor(this.#low.length * 1.5));
    this.#low = grown(this.#low, size);
    if (this.#high) this.#high = grown(this.#high, size);
  }

  /** Doubles the hash of scattered rows (or makes it), putting every row in its new slot. */
  #rehash(): void {
    const old = this.#scattered;
    const slots = new Int32Array(old ? old.length * 2 : 1024);
    const mask = slots.length - 1;
    const highs = this.#high!;
    if (old) {
      for (const entry of old) {
        if (entry === 0) continue;
        let slot = mix(highs[entry - 1]!, this.#low[entry - 1]!) & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = entry;
      }
    }
    this.#scattered = slots;
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
    this.#room(row);
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
    const high = Math.floor(key / 0x100000000);
    if (key >= 0 && high < 0x200000) {
      const low = key - high * 0x100000000;
      if (high < this.#runLength.length) {
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
      if (row === -1 && this.#scattered !== undefined) row = this.#findScattered(high, low);
    } else if (this.#others !== undefined) row = this.#others.get(key);
    if (row !== -1) {
      this.#foundKey = key;
      this.#foundRow = row;
    }
    return row;
  }

  /** The row of a packable key in no run, or -1. */
  #findScattered(high: number, low: number): number {
    const slots = this.#scattered!;
    const highs = this.#high!;
    const mask = slots.length - 1;
    for (let slot = mix(high, low) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1;
      if (highs[entry - 1] === high && this.#low[entry - 1] === low) return entry - 1;
    }
  }

  /** The key of every row below `rows` (NaN for a row never added). */
  keys(rows: number): Float64Array {
    const keys = new Float64Array(rows).fill(Number.NaN);
    for (let high = 0; high < this.#runLength.length; high++) {
      const first = this.#runFirst[high]!;
      for (let row = first; row < first + this.#runLength[high]! && row < rows; row++) keys[row] = high * 0x100000000 + this.#low[row]!;
    }
    if (this.#scattered) {
      for (const entry of this.#scattered) {
        if (entry !== 0 && entry <= rows) keys[entry - 1] = this.#high![entry - 1]! * 0x100000000 + this.#low[entry - 1]!;
      }
    }
    this.#others?.forEach((key, row) => {
      if (row < rows) keys[row] = key;
    });
    return keys;
  }
}
