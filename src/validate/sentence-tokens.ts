import type { CodePointText } from "../code-points.js";
import { grown } from "./grown.js";
import { TokenScan } from "../tokenize.js";

/**
 * The tokens a sentence's text makes under the corpus's rule (see tokenize), for the checks of
 * token records and of mentions' token indices, and the tally of the token records seen per
 * sentence, to find the ones missing at the end.
 *
 * Only the last sentence's tokens are kept, as code-point offsets: records come grouped by
 * sentence, so a sentence is tokenized about once per file that refers to it. The tally is two
 * numbers per sentence (by its row in the sentence table), made only once tokens are given.
 */
export class SentenceTokens {
  #row = -1;
  #start = -1;
  #end = -1;
  #text: CodePointText | undefined;
  readonly #scan = new TokenScan();
  /**
   * In a text with characters outside the BMP, the start and end of each token in code points:
   * [start0, end0, start1, end1, …]; else null, and the scan's UTF-16 offsets are code points.
   */
  #points: Int32Array | null = null;
  #count = 0;
  /** Per sentence row: token records seen, and tokens its text makes (0 until it is tokenized). */
  #seen: Int32Array<ArrayBuffer> | undefined;
  #made: Int32Array<ArrayBuffer> | undefined;

  /**
   * Tokenizes the sentence at `row` of the table, [start, end) in code points of `text`, unless it
   * was the last one; returns how many tokens it makes. The span must lie inside the text.
   */
  of(row: number, start: number, end: number, text: CodePointText): number {
    if (row === this.#row && start === this.#start && end === this.#end && text === this.#text) return this.#count;
    const units = text.text;
    if (units.length === text.length) {
      this.#count = this.#scan.scan(units, start, end);
      this.#points = null;
    } else {
      this.#count = this.#scan.scan(units, text.toUnit(start), text.toUnit(end));
      this.#points = new Int32Array(2 * this.#count);
      for (let i = 0; i < this.#count; i++) {
        this.#points[2 * i] = text.toPoint(this.#scan.start(i));
        this.#points[2 * i + 1] = text.toPoint(this.#scan.end(i));
      }
    }
    this.#row = row;
    this.#start = start;
    this.#end = end;
    this.#text = text;
    return this.#count;
  }

  /** Start of token `i` of the sentence tokenized last (code points). */
  start(i: number): number {
    return this.#points ? this.#points[2 * i]! : this.#scan.start(i);
  }

  /** End of token `i` of the sentence tokenized last (code points). */
  end(i: number): number {
    return this.#points ? this.#points[2 * i + 1]! : this.#scan.end(i);
  }

  /** Kind of token `i` of the sentence tokenized last. */
  kind(i: number): "word" | "punct" {
    return this.#scan.punct(i) ? "punct" : "word";
  }

  /** The token of the last sentence that starts at `point`, or -1. */
  startingAt(point: number): number {
    return this.#search(point, 0);
  }

  /** The token of the last sentence that ends at `point`, or -1. */
  endingAt(point: number): number {
    return this.#search(point, 1);
  }

  /** The token of the last sentence that holds `point` (its start up to its end, exclusive), or -1. */
  holding(point: number): number {
    let lo = 0;
    let hi = this.#count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.end(mid) <= point) lo = mid + 1;
      else if (this.start(mid) > point) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /**
   * Counts a token record of the sentence at `row`, which must be the one tokenized last, if its
   * index is one of the sentence's tokens; the sentence's number of tokens is its latest
   * tokenization's (a sentence given for validation may replace a shipped one).
   */
  tally(row: number, index: number): void {
    if (!this.#seen || row >= this.#seen.length) {
      const size = Math.max(64, (this.#seen?.length ?? 0) * 2, row + 1);
      this.#seen = this.#seen ? grown(this.#seen, size) : new Int32Array(size);
      this.#made = this.#made ? grown(this.#made, size) : new Int32Array(size);
    }
    if (index < this.#count) this.#seen[row]!++;
    this.#made![row] = this.#count;
  }

  /** Token records counted for the sentence at `row`. */
  seenFor(row: number): number {
    return this.#seen !== undefined && row < this.#seen.length ? this.#seen[row]! : 0;
  }

  /** Tokens the text of the sentence at `row` makes, known once a token record of it was seen; else 0. */
  madeFor(row: number): number {
    return this.#made !== undefined && row < this.#made.length ? this.#made[row]! : 0;
  }

  #search(point: number, side: 0 | 1): number {
    let lo = 0;
    let hi = this.#count - 1;
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
