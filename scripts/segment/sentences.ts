/**
 * Sentence segmentation: Intl.Segmenter('ar') with two documented fixes for its known Arabic
 * failures (see ../shared research notes in DATASHEET.md):
 *   1. a break inside an open quotation (“…” or «…») is undone, so a quoted "." or "؟" never
 *      splits the quotation;
 *   2. a break right after an abbreviation is undone: a single letter followed by "." (an
 *      initial or an abbreviation such as د.) or one of `abbreviations`, since Arabic has no
 *      letter case to tell ICU that no sentence starts there.
 * Returns UTF-16 ranges into `text`, trimmed of whitespace.
 */
export const abbreviations = ["أ.د.", "ص.ب.", "ت.", "م.", "ه.", "هـ."];

const OPENERS: Record<string, string> = { "“": "”", "«": "»" };
const segmenter = new Intl.Segmenter("ar", { granularity: "sentence" });

export interface Range {
  start: number;
  end: number;
}

export function segmentSentences(text: string): Range[] {
  const raw = [...segmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
  const merged: Range[] = [];
  let open: string[] = [];
  for (const piece of raw) {
    const last = merged[merged.length - 1];
    const previousText = last ? text.slice(last.start, last.end) : "";
    if (last && (open.length > 0 || endsWithAbbreviation(previousText))) last.end = piece.end;
    else merged.push({ ...piece });
    open = quotationState(text.slice(merged[merged.length - 1]!.start, piece.end));
  }
  return merged.map((r) => trim(text, r)).filter((r) => r.end > r.start);
}

/** The quotation marks still open at the end of `text`. */
function quotationState(text: string): string[] {
  const stack: string[] = [];
  for (const ch of text) {
    if (OPENERS[ch]) stack.push(OPENERS[ch]);
    else if (stack[stack.length - 1] === ch) stack.pop();
  }
  return stack;
}

function endsWithAbbreviation(sentence: string): boolean {
  const trimmed = sentence.trimEnd();
  if (/(?:^|[\s(“«])\p{L}\.$/u.test(trimmed)) return true;
  return abbreviations.some((a) => trimmed === a || trimmed.endsWith(` ${a}`));
}

function trim(text: string, range: Range): Range {
  let { start, end } = range;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end };
}
