/**
 * A hash table from integer keys (|key| < 2^53) to row numbers, in two typed arrays: about 16 bytes
 * an entry where a Map would take several times that and put every key on the garbage-collected
 * heap. Open addressing with linear probing; it grows at three quarters full.
 */
export class NumberTable {
  #keys: Float64Array;
  #rows: Int32Array;
  #mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.#keys = new Float64Array(size).fill(Number.NaN);
    this.#rows = new Int32Array(size);
    this.#mask = size - 1;
  }

  /** The row stored for `key`, or -1. */
  get(key: number): number {
    const keys = this.#keys;
    for (let slot = hash(key) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const k = keys[slot]!;
      if (k === key) return this.#rows[slot]!;
      if (k !== k) return -1; // NaN: an empty slot ends the probe
    }
  }

  /** Stores `row` for `key` unless the key is there; returns the row already stored, or -1. */
  add(key: number, row: number): number {
    if ((this.size + 1) * 4 > this.#keys.length * 3) this.#grow();
    const keys = this.#keys;
    for (let slot = hash(key) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const k = keys[slot]!;
      if (k === key) return this.#rows[slot]!;
      if (k !== k) {
        keys[slot] = key;
        this.#rows[slot] = row;
        this.size++;
        return -1;
      }
    }
  }

  /** Stores `row` for `key`, replacing any row stored before. */
  put(key: number, row: number): void {
    if (this.add(key, row) === -1) return;
    for (let slot = hash(key) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      if (this.#keys[slot] === key) {
        this.#rows[slot] = row;
        return;
      }
    }
  }

  /** Calls `each` for every entry, in no particular order. */
  forEach(each: (key: number, row: number) => void): void {
    for (let slot = 0; slot < this.#keys.length; slot++) {
      const key = this.#keys[slot]!;
      if (key === key) each(key, this.#rows[slot]!);
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const rows = this.#rows;
    this.#keys = new Float64Array(keys.length * 2).fill(Number.NaN);
    this.#rows = new Int32Array(keys.length * 2);
    this.#mask = keys.length * 2 - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key !== key) continue;
      let slot = hash(key) & this.#mask;
      while (this.#keys[slot] === this.#keys[slot]) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = key;
      this.#rows[slot] = rows[i]!;
    }
  }
}

/** Mixes both 32-bit halves of an integer key, so packed keys spread out. */
function hash(key: number): number {
  return mix((key / 4294967296) | 0, key | 0);
}

/** murmur3's finaliser over a key's high and low 32 bits (RunIndex hashes its keys by parts too). */
export function mix(high: number, low: number): number {
  let h = low ^ Math.imul(high, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
