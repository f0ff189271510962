import { grown } from "./grown.js";

/**
 * A set of record ids that stays small for millions of ids: ids ending in a number
 * (`…/e12`, `…/p3/s1/t7`) are kept as one bit per number under their prefix, which is the
 * shape of every id in this corpus; other ids fall back to an ordinary Set. The bitsets of all
 * prefixes share one pool: a prefix per document (`doc/e`) would otherwise make a typed array
 * per document, about 270 bytes of objects each for a 16-byte bitset.
 */
export class IdSet {
  /** Prefix → its bitset's number, for #offset and #size. */
  readonly #prefixes = new Map<string, number>();
  /** Per bitset: where it starts in the pool, and its size in bytes. */
  #offset = new Int32Array(64);
  #size = new Int32Array(64);
  #pool = new Uint8Array(1024);
  /** Bytes of the pool handed out (a bitset that grows moves to the end, leaving its old bytes). */
  #used = 0;
  readonly #other = new Set<string>();
  /** Past the budget, or for a number far beyond a bitset's size, ids go to the Set, so that
   * hostile ids (`x/e999999999`) cannot make the pool huge. */
  static readonly BUDGET = 32 << 20;
  // The last prefix and its bitset: ids come grouped (`doc/e1`, `doc/e2`, …), and comparing with
  // the last prefix is cheaper than slicing and hashing a new string.
  #lastPrefix = "";
  #lastBits = -1;

  /** Adds an id; returns false when it was already there. */
  add(id: string): boolean {
    // The trailing number, read by hand: a regex here would run once per record.
    let i = id.length;
    while (i > 0 && id.charCodeAt(i - 1) >= 0x30 && id.charCodeAt(i - 1) <= 0x39) i--;
    const digits = id.length - i;
    if (digits === 0 || digits > 9 || id.charCodeAt(i) === 0x30) return this.#addOther(id);
    const same = this.#lastBits !== -1 && i === this.#lastPrefix.length && id.startsWith(this.#lastPrefix);
    const prefix = same ? this.#lastPrefix : id.slice(0, i);
    let n = 0;
    for (let j = i; j < id.length; j++) n = n * 10 + id.charCodeAt(j) - 0x30;
    let bits = same ? this.#lastBits : (this.#prefixes.get(prefix) ?? -1);
    const size = bits === -1 ? 0 : this.#size[bits]!;
    if (size * 8 <= n) {
      const grown = Math.max(16, size * 2, (n >> 3) + 1);
      const tooSparse = n > 1024 && n > size * 8 * 4;
      if (tooSparse || this.#used + grown > IdSet.BUDGET) return this.#addOther(id);
      bits = this.#place(prefix, bits, grown);
    }
    this.#lastPrefix = prefix;
    this.#lastBits = bits;
    const at = this.#offset[bits]! + (n >> 3);
    const mask = 1 << (n & 7);
    if (this.#pool[at]! & mask) return false;
    // The same id may have gone to the Set earlier, when its number was beyond this bitset.
    if (this.#other.size > 0 && this.#other.has(id)) return false;
    this.#pool[at]! |= mask;
    return true;
  }

  #addOther(id: string): boolean {
    if (this.#other.has(id)) return false;
    this.#other.add(id);
    return true;
  }

  /** Gives the prefix's bitset (a new one when `bits` is -1) `size` bytes at the end of the pool. */
  #place(prefix: string, bits: number, size: number): number {
    if (this.#used + size > this.#pool.length) {
      let length = this.#pool.length * 2;
      while (length < this.#used + size) length *= 2;
      this.#pool = grown(this.#pool, length);
    }
    if (bits === -1) {
      bits = this.#prefixes.size;
      if (bits === this.#offset.length) {
        this.#offset = grown(this.#offset);
        this.#size = grown(this.#size);
      }
      // A prefix sliced from an id would keep the whole id string alive.
      this.#prefixes.set(flat(prefix), bits);
    } else this.#pool.copyWithin(this.#used, this.#offset[bits]!, this.#offset[bits]! + this.#size[bits]!);
    this.#offset[bits] = this.#used;
    this.#size[bits] = size;
    this.#used += size;
    return bits;
  }
}

/**
 * A copy of a string that shares no storage with the string it was sliced from: V8 makes a slice
 * of 13 or more characters a view of its parent, and JSON.parse makes a new flat string.
 */
function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
