const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });

/**
 * Characters (UTF-16 code units) next to which a grapheme boundary may be missing: CR (before LF),
 * marks and other grapheme extenders, spacing marks written as letters (Thai ำ, Lao ຳ), joiners and
 * variation selectors, prepend characters, Hangul jamo and syllables, and surrogates (every astral
 * character: emoji, regional indicators, tags). A boundary between two code units that are both
 * outside this set is always a grapheme boundary, which settles almost every boundary at once.
 */
const COMPLEX = /[\r\p{M}\p{Grapheme_Extend}\u0E33\u0EB3\u200C\u200D\uFE00-\uFE0F\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u1100-\u11FF\uA960-\uA97F\uAC00-\uD7FF\uD800-\uDFFF\uFF9E\uFF9F]/u;

/** Grapheme boundaries of recent texts (one bit per UTF-16 unit), computed once per text on first need. */
const cache = new Map<string, Uint8Array>();

function boundariesOf(text: string): Uint8Array {
  let bits = cache.get(text);
  if (!bits) {
    if (cache.size >= 64) cache.clear();
    bits = new Uint8Array((text.length >> 3) + 1);
    for (const { index } of segmenter.segment(text)) bits[index >> 3]! |= 1 << (index & 7);
    bits[text.length >> 3]! |= 1 << (text.length & 7);
    cache.set(text, bits);
  }
  return bits;
}

/**
 * Code units certainly outside COMPLEX, tested before it because they are most of the text:
 * printable ASCII, the Arabic letters U+0621–U+064A, and the Arabic comma, semicolon, question
 * mark and digits, which the tokenizer meets at the edge of every other word.
 */
function simple(unit: number): boolean {
  return (unit >= 0x20 && unit < 0x7f) || (unit >= 0x621 && unit <= 0x64a) || unit === 0x60c || unit === 0x61b || unit === 0x61f || (unit >= 0x660 && unit <= 0x66d);
}

/** Whether the UTF-16 offset `at` of `text` falls inside a grapheme cluster. */
export function insideGraphemeCluster(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (simple(before) && simple(after)) return false;
  if (!COMPLEX.test(text[at - 1]!) && !COMPLEX.test(text[at]!)) return false;
  const bits = boundariesOf(text);
  return (bits[at >> 3]! & (1 << (at & 7))) === 0;
}
