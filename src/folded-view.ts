/**
 * Folded views of a text for matching, never for storage: the published text keeps its
 * orthography, and a folded view is a derived string with its own offset map back to it. The
 * folds follow CAMeL Tools' conventions. Every fold is on unless an option sets it to `false`:
 * `foldedView(text, { diacritics: false })` keeps the diacritics and folds the rest.
 * All offsets are code points.
 */
export interface FoldOptions {
  /** أ إ آ ٱ → ا (default true). */
  alef?: boolean;
  /** ى (alef maksura) → ي (default true). */
  yeh?: boolean;
  /** ة → ه (default true). */
  tehMarbuta?: boolean;
  /** Remove harakat, tanween, shadda, sukun (U+064B–U+0652) and dagger alef (U+0670) (default true). */
  diacritics?: boolean;
  /** Remove tatweel, U+0640 (default true). */
  tatweel?: boolean;
}

export interface FoldedView {
  /** The folded text. */
  text: string;
  /** The original code-point offset of a folded offset (0 … folded length, end inclusive). */
  toOriginal(offset: number): number;
  /** The folded offset of an original offset: deleted characters map to the next kept one. */
  toFolded(offset: number): number;
  /** The original span [start, end) that a folded span covers. */
  toOriginalSpan(start: number, end: number): { start: number; end: number };
}

const ALEFS = new Set(["أ", "إ", "آ", "ٱ"]);
const isDiacritic = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x064b && cp <= 0x0652) || cp === 0x0670;
};


/** One folded character, or null when the fold deletes it. */
function fold(ch: string, o: Required<FoldOptions>): string | null {
  if (o.alef && ALEFS.has(ch)) return "ا";
  if (o.yeh && ch === "ى") return "ي";
  if (o.tehMarbuta && ch === "ة") return "ه";
  if (o.diacritics && isDiacritic(ch)) return null;
  if (o.tatweel && ch === "\u0640") return null;
  return ch;
}

/** The folded view of `text`, every fold on unless `options` sets it to `false`. */
export function foldedView(text: string, options: FoldOptions = {}): FoldedView {
  // `?? true`, not a spread over defaults: an option given as undefined must keep its default too.
  const o: Required<FoldOptions> = {
    alef: options.alef ?? true,
    yeh: options.yeh ?? true,
    tehMarbuta: options.tehMarbuta ?? true,
    diacritics: options.diacritics ?? true,
    tatweel: options.tatweel ?? true,
  };
  const original = [...text];
  const out: string[] = [];
  const toOriginal: number[] = [];
  const toFolded = new Array<number>(original.length + 1);
  original.forEach((ch, i) => {
    toFolded[i] = out.length;
    const folded = fold(ch, o);
    if (folded === null) return;
    out.push(folded);
    toOriginal.push(i);
  });
  toFolded[original.length] = out.length;
  toOriginal.push(original.length);
  const check = (offset: number, max: number, what: string) => {
    if (!Number.isInteger(offset) || offset < 0 || offset > max) throw new RangeError(`expected a ${what} offset from 0 to ${max}, found ${offset}`);
  };
  return {
    text: out.join(""),
    toOriginal: (offset) => {
      check(offset, out.length, "folded");
      return toOriginal[offset]!;
    },
    toFolded: (offset) => {
      check(offset, original.length, "original");
      return toFolded[offset]!;
    },
    toOriginalSpan: (start, end) => {
      check(start, out.length, "folded");
      check(end, out.length, "folded");
      if (end < start) throw new RangeError(`expected end >= start, found start ${start} and end ${end}`);
      // The end maps to the next kept character's original, so the marks and tatweel that the fold
      // deleted after the span's last letter stay with it: a span never ends inside a cluster.
      return { start: toOriginal[start]!, end: end === start ? toOriginal[start]! : toOriginal[end]! };
    },
  };
}
