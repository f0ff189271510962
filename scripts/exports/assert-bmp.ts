/**
 * Throws unless every character of `text` lies in the Basic Multilingual Plane. The corpus counts
 * offsets in code points; brat and JavaScript tools count UTF-16 units. The two agree only when no
 * character needs a surrogate pair, which holds for all of today's text (Arabic, Latin digits and
 * punctuation). If a character outside the BMP ever arrives, the exports must convert offsets
 * instead of copying them, so stop rather than publish shifted spans.
 */
export function assertBmp(text: string, where: string): void {
  let index = 0;
  for (const ch of text) {
    if (ch.length !== 1) {
      const hex = ch.codePointAt(0)!.toString(16).toUpperCase();
      throw new Error(`${where}: expected only Basic Multilingual Plane characters (code points = UTF-16 units), found U+${hex} at code point ${index}`);
    }
    index++;
  }
}
