import type { CodePointText } from "../code-points.js";
import { grown } from "./grown.js";
import { TokenScan } from "../tokenize.js";

/** How many sentences' tokens are kept: records that wait for the end come back grouped by document only. */
const SLOTS = 64;

/** One sentence's tokens: start, end (code points) and 1 for punctuation or 0 for a word, per token. */
class Slot {
  row = -1;
  start = -1;
  end = -1;
  count = 0;
  tokens = new Int32Array(3 * 64);
}

/**
 * The tokens a sentence's text makes under the corpus's rule (see tokenize), for the checks of
 * token records and of mentions' token indices, and the tally of the token records seen per
 * sentence, to find the ones missing at the end.
 *
 * The tokens of the last 64 sentences of one document text are kept, by sentence row: records in
 * order come grouped by sentence, and records out of order wait and come back grouped by
 * document, so a sentence is tokenized about once per file that refers to it. The tally is two
 * 16-bit numbers per sentence (by its row in the sentence table), made only once tokens are
 * given: 731,028 sentences at 8.7 GB of input.
 */
export class SentenceTokens {
  readonly #scan = new TokenScan();
  readonly #slots = Array.from({ length: SLOTS }, () => new Slot());
  /** The text the slots' tokens are of: another text empties them, so that they hold no other. */
  #text: CodePointText | undefined;
  #current = this.#slots[0]!;
  /** Per sentence row: token records seen, and tokens its text makes (0 until it is tokenized). */
  #seen: Uint16Array<ArrayBuffer> | undefined;
  #made: Uint16Array<ArrayBuffer> | undefined;
  /** The same for sentences of 65,535 tokens or more, which 16 bits cannot count: [seen, made]. */
  #large: Map<number, [number, number]> | undefined;

  /**
   * Tokenizes the sentence at `row` of the table, [start, end) in code points of `text`, unless it
   * is kept; returns how many tokens it makes. The span must lie inside the text.
   */
  of(row: number, start: number, end: number, text: CodePointText): number {
    if (text !== this.#text) {
      for (const slot of this.#slots) slot.row = -1;
      this.#text = text;
    }
    const slot = this.#slots[row % SLOTS]!;
    this.#current = slot;
    if (slot.row === row && slot.start === start && slot.end === end) return slot.count;
    const units = text.text;
    const bmp = units.length === text.length;
    const n = this.#scan.scan(units, bmp ? start : text.toUnit(start), bmp ? end : text.toUnit(end));
    // Exactly as long as needed: one sentence of a hostile file can hold millions of tokens.
    if (3 * n > slot.tokens.length) slot.tokens = new Int32Array(3 * n);
    const tokens = slot.tokens;
    for (let i = 0; i < n; i++) {
      tokens[3 * i] = bmp ? this.#scan.start(i) : text.toPoint(this.#scan.start(i));
      tokens[3 * i + 1] = bmp ? this.#scan.end(i) : text.toPoint(this.#scan.end(i));
      tokens[3 * i + 2] = this.#scan.punct(i) ? 1 : 0;
    }
    slot.row = row;
    slot.start = start;
    slot.end = end;
    slot.count = n;
    return n;
  }

  /** Start of token `i` of the sentence asked for last (code points). */
  start(i: number): number {
    return this.#current.tokens[3 * i]!;
  }

  /** End of token `i` of the sentence asked for last (code points). */
  end(i: number): number {
    return this.#current.tokens[3 * i + 1]!;
  }

  /** Kind of token `i` of the sentence asked for last. */
  kind(i: number): "word" | "punct" {
    return this.#current.tokens[3 * i + 2] === 1 ? "punct" : "word";
  }

  /** The token of the sentence asked for last that starts at `point`, or -1. */
  startingAt(point: number): number {
    return this.#search(point, 0);
  }

  /** The token of the sentence asked for last that ends at `point`, or -1. */
  endingAt(point: number): number {
    return this.#search(point, 1);
  }

  /** The token of the sentence asked for last that holds `point` (its start up to its end, exclusive), or -1. */
  holding(point: number): number {
    let lo = 0;
    let hi = this.#current.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.end(mid) <= point) lo = mid + 1;
      else if (this.start(mid) > point) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /**
   * Counts a token record of the sentence at `row`, which must be the one asked for last, if its
   * index is one of the sentence's tokens; the sentence's number of tokens is its latest
   * tokenization's (a sentence given for validation may replace a shipped one). `rows`: how many
   * sentences there are so far, the size the tally starts at.
   */
  tally(row: number, index: number, rows: number): void {
    if (!this.#seen || row >= this.#seen.length) {
      const size = Math.max(64, rows, Math.floor((this.#seen?.length ?? 0) * 1.5), row + 1);
      this.#seen = this.#seen ? grown(this.#seen, size) : new Uint16Array(size);
      this.#made = this.#made ? grown(this.#made, size) : new Uint16Array(size);
    }
    const count = this.#current.count;
    const large = this.#large?.get(row);
    if (large || count >= 0xffff) {
      const entry = large ?? [this.#seen[row]!, 0];
      if (index < count) entry[0]++;
      entry[1] = count;
      (this.#large ??= new Map()).set(row, entry);
      return;
    }
    // More records than tokens are duplicates (reported as such): the count may stop at the top.
    if (index < count && this.#seen[row]! < 0xffff) this.#seen[row]!++;
    this.#made![row] = count;
  }

  /** Token records counted for the sentence at `row`. */
  seenFor(row: number): number {
    const large = this.#large?.get(row);
    if (large) return large[0];
    return this.#seen !== undefined && row < this.#seen.length ? this.#seen[row]! : 0;
  }

  /** Tokens the text of the sentence at `row` makes, known once a token record of it was seen; else 0. */
  madeFor(row: number): number {
    const large = this.#large?.get(row);
    if (large) return large[1];
    return this.#made !== undefined && row < this.#made.length ? this.#made[row]! : 0;
  }

  #search(point: number, side: 0 | 1): number {
    let lo = 0;
    let hi = this.#current.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = side === 0 ? this.start(mid) : this.end(mid);
      if (at < point) lo = mid + 1;
      else if (at > point) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}
