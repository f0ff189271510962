const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });

/**
 * Characters that can continue a grapheme cluster (marks, joiners, variation selectors, emoji
 * modifiers and tags, regional indicators, Hangul jamo, spacing marks, prepend characters) or
 * that are half of a surrogate pair. A boundary between two characters that are neither cannot
 * fall inside a cluster, which settles almost every boundary without calling Intl.Segmenter.
 */
const COMPLEX = /[\p{M}\u200C\u200D\uFE00-\uFE0F\u1100-\u11FF\uAC00-\uD7A3\uD800-\uDFFF\u0600-\u0605\u06DD\u070F\u08E2\u0D4E\u{110BD}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u{E0000}-\u{E007F}]/u;

/** Whether the UTF-16 offset `at` of `text` falls inside a grapheme cluster. */
export function insideGraphemeCluster(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text[at - 1]!;
  const after = text[at]!;
  if (!COMPLEX.test(before) && !COMPLEX.test(after)) return false;
  const from = Math.max(0, at - 32);
  const window = text.slice(from, Math.min(text.length, at + 32));
  for (const { index } of segmenter.segment(window)) if (from + index === at) return false;
  return true;
}
