/**
 * A set of record ids that stays small for millions of ids: ids ending in a number
 * (`…/e12`, `…/p3/s1/t7`) are kept as one bit per number under their prefix, which is the
 * shape of every id in this corpus; other ids fall back to an ordinary Set.
 */
export class IdSet {
  readonly #bits = new Map<string, Uint8Array>();
  readonly #other = new Set<string>();

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
    const prefix = id.slice(0, i);
    const n = Number(id.slice(i));
    let bits = this.#bits.get(prefix);
    if (!bits || bits.length * 8 <= n) {
      const grown = new Uint8Array(Math.max(16, (bits?.length ?? 0) * 2, (n >> 3) + 1));
      if (bits) grown.set(bits);
      bits = grown;
      this.#bits.set(prefix, bits);
    }
    const mask = 1 << (n & 7);
    if (bits[n >> 3]! & mask) return false;
    bits[n >> 3]! |= mask;
    return true;
  }
}
