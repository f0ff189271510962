import { grown } from "./grown.js";
import { digits, IdKeys } from "./id-keys.js";
import { RunIndex } from "./run-index.js";

/**
 * A set of record ids that stays small for millions of ids. An id is kept as one bit under a
 * prefix: ids ending in a number (`…/e12`, `…/p3/s1/t7`) as the bit of that number, ids ending
 * in a name after their last number (`…/p3/s1#some-target`) as the bit of that name's number
 * among all such names. That is the shape of every id in this corpus; other ids fall back to an
 * ordinary Set. Most prefixes need no bitset: their ids come numbered in a row, and a count holds
 * them. The bitsets of the others share one pool, since a typed array each would take about 270
 * bytes of objects for a few bytes of bits. A prefix `<document>/…` with at most two numbers
 * (`doc/e`, `doc/p3/s1/t`, `doc/p3/s1`) is found by a number packed from its document's number,
 * its shape (`/e`, `/p0/s0/t`: the text without its numbers, one per kind of id) and its
 * numbers, in a RunIndex, not by a string of its own: there is one such prefix per document, or
 * per sentence, and a string and a map entry for each were 12 of the 26 MiB held at the end of
 * validating all nine files of 34,405 documents. When they come in order that is 8 bytes a prefix.
 */
export class IdSet {
  /** Prefix → its row, for prefixes that cannot be packed. */
  readonly #prefixes = new Map<string, number>();
  /** Packed prefix (see #pack) → its row. */
  readonly #packed = new RunIndex();
  /** Shape of a packed prefix → its number. */
  readonly #shapes = new Map<string, number>();
  /** Names after the last number of ids that end in no number → their bit. */
  readonly #names = new Map<string, number>();
  /**
   * Per row (prefix): its bits. Ids usually come numbered 1, 2, 3, … (or names 0, 1, 2, …), so a
   * value v ≥ 0 holds the bits first … first + count − 1 as count · 2 + first (first 0 or 1) with
   * no bitset at all; a value v < 0 is the bitset −1 − v.
   */
  #value = new Int32Array(64);
  #rows = 0;
  /** Per bitset: where it starts in the pool, and its size in bytes. */
  #offset = new Int32Array(64);
  #size = new Int32Array(64);
  #bitsets = 0;
  #pool = new Uint8Array(1024);
  /** Bytes of the pool handed out (a bitset that grows moves to the end, leaving its old bytes). */
  #used = 0;
  readonly #other = new Set<string>();
  /** Past the budget, or for a number far beyond a bitset's size, ids go to the Set, so that
   * hostile ids (`x/e999999999`, a new name in every id) cannot make the pool huge. */
  static readonly BUDGET = 32 << 20;
  readonly #maxNames: number;
  readonly #maxShapes: number;
  /** Numbers the document part of packed prefixes; the validator's own, so that ids and records share them. */
  readonly #keys: IdKeys;
  // The last prefix and its row: ids come grouped (`doc/e1`, `doc/e2`, …), and comparing with
  // the last prefix is cheaper than slicing and hashing a new string.
  #lastPrefix = "";
  #lastRow = -1;
  /** Set by #bit: where the prefix of the id ends. Set by #find: the packed prefix, or -1. */
  #end = 0;
  #key = -1;

  /**
   * `maxNames` bounds the names numbered for bits; `maxShapes` the shapes of packed prefixes
   * (at most 256, the room a packed prefix has for them). Past either, ids and prefixes take the
   * slower ways (tests lower them to reach those ways). `keys` numbers documents: pass the
   * validator's, so that a document's id is kept once.
   */
  constructor({ maxNames = 4096, maxShapes = 256, keys = new IdKeys() }: { maxNames?: number; maxShapes?: number; keys?: IdKeys } = {}) {
    this.#maxNames = maxNames;
    this.#maxShapes = Math.min(maxShapes, 256);
    this.#keys = keys;
  }

  /** Adds an id; returns false when it was already there. */
  add(id: string): boolean {
    const n = this.#bit(id, true);
    if (n < 0) return this.#addOther(id);
    const end = this.#end;
    let row = this.#find(id, end, true);
    if (row === -1) row = this.#newRow(id, end);
    if (row !== this.#lastRow) {
      this.#lastPrefix = id.slice(0, end);
      this.#lastRow = row;
    }
    const value = this.#value[row]!;
    if (value >= 0) {
      const first = value & 1;
      const count = value >>> 1;
      if (n >= first && n < first + count) return false;
      if (count === 0 ? n <= 1 : n === first + count && count < 1 << 29) {
        // The same id may have gone to the Set earlier, when it did not follow the ones before.
        if (this.#other.size > 0 && this.#other.has(id)) return false;
        this.#value[row] = count === 0 ? 2 + n : value + 2;
        return true;
      }
      if (!this.#toBitset(row, first, count, n)) return this.#addOther(id);
    }
    const bits = -1 - this.#value[row]!;
    const size = this.#size[bits]!;
    if (size * 8 <= n) {
      const grown = Math.max(8, size * 2, (n >> 3) + 1);
      if ((n > 1024 && n > size * 8 * 4) || !this.#place(bits, grown)) return this.#addOther(id);
    }
    const at = this.#offset[bits]! + (n >> 3);
    const mask = 1 << (n & 7);
    if (this.#pool[at]! & mask) return false;
    // Likewise, when its number was beyond this bitset.
    if (this.#other.size > 0 && this.#other.has(id)) return false;
    this.#pool[at]! |= mask;
    return true;
  }

  /** Whether an id was added. */
  has(id: string): boolean {
    const n = this.#bit(id, false);
    if (n >= 0) {
      const row = this.#find(id, this.#end, false);
      const value = row === -1 ? 0 : this.#value[row]!;
      if (value > 0 && n >= (value & 1) && n < (value & 1) + (value >>> 1)) return true;
      if (value < 0) {
        const bits = -1 - value;
        if (n < this.#size[bits]! * 8 && (this.#pool[this.#offset[bits]! + (n >> 3)]! & (1 << (n & 7))) !== 0) return true;
      }
    }
    return this.#other.size > 0 && this.#other.has(id);
  }

  #addOther(id: string): boolean {
    if (this.#other.has(id)) return false;
    this.#other.add(id);
    return true;
  }

  /**
   * The bit of an id under its prefix, which ends at #end: its trailing number, or the number
   * of the name after its last number; -1 when it has neither (or, unless `create`, a name not
   * seen yet).
   */
  #bit(id: string, create: boolean): number {
    // Read by hand: a regex here would run once per record.
    let i = id.length;
    while (i > 0 && isDigit(id.charCodeAt(i - 1))) i--;
    if (i < id.length) {
      // At most nine digits, so that a bit number stays far below 2^31.
      const n = digits(id, i, id.length, 999_999_999);
      if (n >= 0) this.#end = i;
      return n;
    }
    while (i > 0 && !isDigit(id.charCodeAt(i - 1))) i--;
    if (i === 0) return -1;
    // The prefix now ends in a digit, and that of a trailing number never does: the two kinds of
    // id never share a prefix.
    const name = id.slice(i);
    let n = this.#names.get(name);
    if (n === undefined) {
      if (!create || this.#names.size >= this.#maxNames) return -1;
      this.#names.set(flat(name), (n = this.#names.size));
    }
    this.#end = i;
    return n;
  }

  /**
   * The row of the prefix id[0, end), or -1; sets #key to the packed prefix, or -1 when the
   * prefix is kept as a string (see #pack).
   */
  #find(id: string, end: number, create: boolean): number {
    if (this.#lastRow !== -1 && end === this.#lastPrefix.length && id.startsWith(this.#lastPrefix)) return this.#lastRow;
    this.#key = -1;
    const key = this.#pack(id, end, create);
    if (key >= 0) {
      this.#key = key;
      return this.#packed.find(key);
    }
    return key === ABSENT ? -1 : (this.#prefixes.get(id.slice(0, end)) ?? -1);
  }

  /**
   * The packed number of the prefix id[0, end) = `<document>/<rest>`, where rest holds at most two
   * numbers, a below 2^14 and b below 2^10, written without a leading zero: document · 2^32 +
   * shape · 2^24 + a · 2^10 + b, where the shape is rest without its numbers and where they stood.
   * The document is numbered by the IdKeys the validator shares, so that the prefixes of a
   * document cost no string of their own; the shapes are few (`/e`, `/p0/s0/t`: one per kind of
   * id). One-to-one, and increasing with a and b, so a document's prefixes form one run of the
   * RunIndex when they come in order. STRING when the prefix does not fit (it is kept as a
   * string); ABSENT when it fits but, without `create`, its shape or document was never seen, so
   * it was never added.
   */
  #pack(id: string, end: number, create: boolean): number {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash >= end) return STRING;
    // The shape is rest with each number written as "0": no number is written so (no leading
    // zero), so the shape and the numbers give back the prefix.
    let a = -1;
    let b = -1;
    let shapeText = "";
    let from = slash;
    let i = slash;
    while (i < end) {
      if (!isDigit(id.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < end && isDigit(id.charCodeAt(j))) j++;
      // A third number, a leading zero or a number too large: the prefix does not fit.
      const n = b >= 0 ? -1 : digits(id, i, j, a < 0 ? 0x3fff : 0x3ff);
      if (n < 0) return STRING;
      if (a < 0) a = n;
      else b = n;
      shapeText += `${id.slice(from, i)}0`;
      from = i = j;
    }
    shapeText += id.slice(from, end);
    let shape = this.#shapes.get(shapeText);
    if (shape === undefined) {
      const full = this.#shapes.size >= this.#maxShapes;
      if (full) return STRING;
      if (!create) return ABSENT;
      this.#shapes.set(flat(shapeText), (shape = this.#shapes.size));
    }
    const document = create ? this.#keys.packableDocument(id, slash) : this.#keys.knownDocument(id.slice(0, slash));
    if (document < 0) return create ? STRING : ABSENT;
    if (document >= 0x200000) return STRING;
    return document * 0x100000000 + shape * 0x1000000 + Math.max(a, 0) * 0x400 + Math.max(b, 0);
  }

  /** A new, empty row for the prefix id[0, end), under #key. */
  #newRow(id: string, end: number): number {
    const row = this.#rows++;
    if (row === this.#value.length) this.#value = grown(this.#value);
    if (this.#key >= 0) this.#packed.add(this.#key, row);
    // A prefix sliced from an id would keep the whole id string alive.
    else this.#prefixes.set(flat(id.slice(0, end)), row);
    return row;
  }

  /**
   * Makes a row's bits first … first + count − 1 a bitset that can also hold `n`; false when
   * that would be too sparse or past the budget (the row stays as it is).
   */
  #toBitset(row: number, first: number, count: number, n: number): boolean {
    const top = Math.max(n, first + count);
    if (n > 1024 && n > (first + count) * 4) return false;
    const bits = this.#bitsets;
    if (bits === this.#offset.length) {
      this.#offset = grown(this.#offset);
      this.#size = grown(this.#size);
    }
    this.#size[bits] = 0;
    if (!this.#place(bits, Math.max(8, (top >> 3) + 1))) return false;
    this.#bitsets++;
    for (let i = first; i < first + count; i++) this.#pool[this.#offset[bits]! + (i >> 3)]! |= 1 << (i & 7);
    this.#value[row] = -1 - bits;
    return true;
  }

  /** Gives a bitset `size` bytes at the end of the pool, with its bits so far; false past the budget. */
  #place(bits: number, size: number): boolean {
    if (this.#used + size > IdSet.BUDGET) return false;
    if (this.#used + size > this.#pool.length) {
      let length = this.#pool.length * 2;
      while (length < this.#used + size) length *= 2;
      this.#pool = grown(this.#pool, length);
    }
    if (this.#size[bits]! > 0) this.#pool.copyWithin(this.#used, this.#offset[bits]!, this.#offset[bits]! + this.#size[bits]!);
    this.#offset[bits] = this.#used;
    this.#size[bits] = size;
    this.#used += size;
    return true;
  }
}

/** What #pack returns for a prefix kept as a string, and for one never added. */
const STRING = -1;
const ABSENT = -2;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A copy of a string that shares no storage with the string it was sliced from: V8 makes a slice
 * of 13 or more characters a view of its parent, and JSON.parse makes a new flat string.
 */
function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
