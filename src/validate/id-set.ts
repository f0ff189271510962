/**
 * A set of record ids that stays small for millions of ids: ids ending in a number
 * (`…/e12`, `…/p3/s1/t7`) are kept as one bit per number under their prefix, which is the
 * shape of every id in this corpus; other ids fall back to an ordinary Set.
 */
export class IdSet {
  readonly #bits = new Map<string, Uint8Array>();
  readonly #other = new Set<string>();
  /** Bytes held by all bitsets; past the budget, or for a number far beyond a bitset's size,
   * ids go to the Set, so that hostile ids (`x/e999999999`) cannot make the bitsets huge. */
  #bytes = 0;
  static readonly BUDGET = 32 << 20;
  // The last prefix and its bitset: ids come grouped (`doc/e1`, `doc/e2`, …), and comparing with
  // the last prefix is cheaper than slicing and hashing a new string.
  #lastPrefix = "";
  #lastBits: Uint8Array | undefined;

  /** Adds an id; returns false when it was already there. */
  add(id: string): boolean {
    // The trailing number, read by hand: a regex here would run once per record.
    let i = id.length;
    while (i > 0 && id.charCodeAt(i - 1) >= 0x30 && id.charCodeAt(i - 1) <= 0x39) i--;
    const digits = id.length - i;
    if (digits === 0 || digits > 9 || id.charCodeAt(i) === 0x30) {
      if (this.#other.has(id)) return false;
      this.#other.add(id);
      return true;
    }
    const same = this.#lastBits !== undefined && i === this.#lastPrefix.length && id.startsWith(this.#lastPrefix);
    const prefix = same ? this.#lastPrefix : id.slice(0, i);
    let n = 0;
    for (let j = i; j < id.length; j++) n = n * 10 + id.charCodeAt(j) - 0x30;
    let bits = same ? this.#lastBits : this.#bits.get(prefix);
    if (!bits || bits.length * 8 <= n) {
      const size = Math.max(16, (bits?.length ?? 0) * 2, (n >> 3) + 1);
      const tooSparse = n > 1024 && n > (bits?.length ?? 0) * 8 * 4;
      if (tooSparse || this.#bytes + size > IdSet.BUDGET) {
        if (this.#other.has(id)) return false;
        this.#other.add(id);
        return true;
      }
      const grown = new Uint8Array(size);
      if (bits) grown.set(bits);
      this.#bytes += size - (bits?.length ?? 0);
      bits = grown;
      this.#bits.set(prefix, bits);
    }
    this.#lastPrefix = prefix;
    this.#lastBits = bits;
    const mask = 1 << (n & 7);
    if (bits[n >> 3]! & mask) return false;
    // The same id may have gone to the Set earlier, when its number was beyond this bitset.
    if (this.#other.size > 0 && this.#other.has(id)) return false;
    bits[n >> 3]! |= mask;
    return true;
  }
}
