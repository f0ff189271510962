/**
 * The corpus's tokenization, as the token schema states it: a token is a whitespace-delimited
 * word with its clitics kept attached (وإيران is one token), and each punctuation or symbol
 * character at a word's edges is a token of its own. Inner punctuation (as in "U.S.A") stays
 * inside the word, and no token boundary falls inside a grapheme cluster: a flag (two regional
 * indicators) or an emoji joined by ZWJ is one token, as the validator's grapheme-boundary check
 * wants of every span. The build makes the tokens with it, and the validator checks tokens and
 * mentions' token indices with it, so that both hold the same rule.
 */

import { grown } from "./validate/grown.js";
import { insideGraphemeCluster } from "./validate/grapheme-boundary.js";

export interface TokenRange {
  /** UTF-16 offsets into the text given. */
  start: number;
  end: number;
  kind: "word" | "punct";
}

/** The tokens of `text` within [range.start, range.end) (UTF-16 offsets, on code-point boundaries), in order. */
export function tokenize(text: string, range: { start: number; end: number }): TokenRange[] {
  const scan = new TokenScan();
  const n = scan.scan(text, range.start, range.end);
  return Array.from({ length: n }, (_, i): TokenRange => ({ start: scan.start(i), end: scan.end(i), kind: scan.punct(i) ? "punct" : "word" }));
}

/**
 * The same tokenization into a reusable array of numbers rather than an object per token: the
 * validator tokenizes every sentence that has mentions, millions of them in a large corpus. It is
 * a scan of character codes, not `/\S+/gu` and a split of each word into code points, which took
 * six times as long (1.3–1.9 s against 0.20–0.28 s for the 73 K sentences of the bench's 100 MB).
 */
export class TokenScan {
  /** Per token: start, end, and 1 for punctuation or 0 for a word. */
  #tokens: Int32Array<ArrayBuffer> = new Int32Array(3 * 64);
  #count = 0;
  #text = "";

  /** Tokenizes [start, end) of `text` (UTF-16 offsets, on code-point boundaries); returns the number of tokens. */
  scan(text: string, start: number, end: number): number {
    this.#count = 0;
    this.#text = text;
    let at = start;
    while (at < end) {
      while (at < end && isSpace(text.charCodeAt(at))) at++;
      if (at === end) break;
      let from = at;
      while (at < end && !isSpace(text.charCodeAt(at))) at++;
      // A word lies between whitespace or the range's ends, all on code-point boundaries, so a
      // surrogate pair is never cut by a word's edge.
      for (let n = edgeAt(text, from, at); n > 0; n = edgeAt(text, from, at)) {
        this.#push(from, from + n, 1);
        from += n;
      }
      // The trailing punctuation is found from the word's end, then listed in text order.
      let word = at;
      for (let n = edgeBefore(text, from, word); n > 0; n = edgeBefore(text, from, word)) word -= n;
      if (word > from) this.#push(from, word, 0);
      for (let p = word; p < at; ) {
        const n = isHigh(text.charCodeAt(p)) && isLow(text.charCodeAt(p + 1)) ? 2 : 1;
        this.#push(p, p + n, 1);
        p += n;
      }
    }
    return this.#count;
  }

  /** Whether [start, end) holds no grapheme boundary inside it. */
  #oneCluster(start: number, end: number): boolean {
    for (let i = start + 1; i < end; i++) if (!isLow(this.#text.charCodeAt(i)) && !insideGraphemeCluster(this.#text, i)) return false;
    return true;
  }

  start(i: number): number {
    return this.#tokens[3 * i]!;
  }

  end(i: number): number {
    return this.#tokens[3 * i + 1]!;
  }

  punct(i: number): boolean {
    return this.#tokens[3 * i + 2] === 1;
  }

  #push(start: number, end: number, punct: number): void {
    // Next to the token before (the same word) with no grapheme boundary between: one token. It
    // stays punctuation while it is one cluster that began with punctuation or a symbol (a flag,
    // an emoji sequence); a cluster that runs into letters makes a word.
    const last = 3 * (this.#count - 1);
    if (last >= 0 && this.#tokens[last + 1] === start && insideGraphemeCluster(this.#text, start)) {
      this.#tokens[last + 1] = end;
      this.#tokens[last + 2] = this.#tokens[last + 2] === 1 && (punct === 1 || this.#oneCluster(start, end)) ? 1 : 0;
      return;
    }
    const at = 3 * this.#count++;
    if (at === this.#tokens.length) this.#tokens = grown(this.#tokens);
    this.#tokens[at] = start;
    this.#tokens[at + 1] = end;
    this.#tokens[at + 2] = punct;
  }
}

/** Whether a UTF-16 code unit is whitespace as `\s` defines it (WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  // Below U+1680 (Arabic among them) only U+00A0 is.
  if (c < 0x1680) return c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** One punctuation or symbol code point, tested at `lastIndex`. */
const EDGE = /[\p{P}\p{S}]/uy;

/** The length in UTF-16 units of the punctuation or symbol code point at `start`, or 0. */
function edgeAt(text: string, start: number, end: number): number {
  if (start >= end || !isEdge(text, start)) return 0;
  return isHigh(text.charCodeAt(start)) ? 2 : 1;
}

/** The same for the code point that ends at `end`. */
function edgeBefore(text: string, start: number, end: number): number {
  if (end <= start) return 0;
  const n = isLow(text.charCodeAt(end - 1)) && isHigh(text.charCodeAt(end - 2)) ? 2 : 1;
  return isEdge(text, end - n) ? n : 0;
}

/** Whether the code point at `at` is punctuation or symbol (\p{P} or \p{S}). */
function isEdge(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  // ASCII is decided here: its punctuation and symbols are all its printable characters but
  // letters and digits. So are the letters of the Arabic block and its comma, semicolon and
  // question mark, most of every word's edges in this corpus.
  if (c < 0x80) return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
  if (c >= 0x0621 && c <= 0x064a) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f) return true;
  EDGE.lastIndex = at;
  return EDGE.test(text);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
