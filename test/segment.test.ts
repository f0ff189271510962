import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segmentSentences } from "../scripts/segment/sentences.js";
import { isSpace, tokenize, type TokenRange } from "../src/tokenize.js";

const sentences = (text: string) => segmentSentences(text).map((r) => text.slice(r.start, r.end));
const tokens = (text: string) => tokenize(text, { start: 0, end: text.length }).map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);

describe("segmentSentences", () => {
  it("should split at a full stop followed by a space, as ICU does", () => {
    expect(sentences("ذهب الوزير إلى بغداد. ثم عاد إلى واشنطن.")).toEqual(["ذهب الوزير إلى بغداد.", "ثم عاد إلى واشنطن."]);
  });

  it("should split at an Arabic question mark", () => {
    expect(sentences("هل يتعاون البلدان؟ لا أحد يعرف.")).toEqual(["هل يتعاون البلدان؟", "لا أحد يعرف."]);
  });

  it("should not split inside an open quotation, where ICU does", () => {
    const text = "قال كيري: “نحن منفتحون. لكننا حذرون”. وانتهى اللقاء.";
    expect(sentences(text)).toEqual(["قال كيري: “نحن منفتحون. لكننا حذرون”.", "وانتهى اللقاء."]);
  });

  it("should not split inside guillemets either", () => {
    expect(sentences("قال: «هذا مهم. جدًا». ثم غادر.")).toEqual(["قال: «هذا مهم. جدًا».", "ثم غادر."]);
  });

  it("should not split after a one-letter abbreviation such as د.", () => {
    expect(sentences("التقى د. أحمد بالوفد. ثم غادر.")).toEqual(["التقى د. أحمد بالوفد.", "ثم غادر."]);
  });

  it("should trim the whitespace between sentences out of every sentence", () => {
    for (const s of sentences("جملة أولى.   جملة ثانية.")) expect(s).toBe(s.trim());
  });
});

describe("tokenize", () => {
  it("should keep clitics attached to their word", () => {
    expect(tokens("وإيران للعراق بجنيف")).toEqual(["word:وإيران", "word:للعراق", "word:بجنيف"]);
  });

  it("should split punctuation off both edges of a word, one token per character", () => {
    expect(tokens("(داعش) العراق”. يناير/")).toEqual(["punct:(", "word:داعش", "punct:)", "word:العراق", "punct:”", "punct:.", "word:يناير", "punct:/"]);
  });

  it("should keep inner punctuation inside the word", () => {
    expect(tokens("U.S.A")).toEqual(["word:U.S.A"]);
  });

  it("should keep tanween and other marks inside the word", () => {
    expect(tokens("استقرارًا، شمولاً")).toEqual(["word:استقرارًا", "punct:،", "word:شمولاً"]);
  });

  it("should put every trailing punctuation character after the word, in text order", () => {
    expect(tokens("«قال»:")).toEqual(["punct:«", "word:قال", "punct:»", "punct::"]);
    expect(tokens("...")).toEqual(["punct:.", "punct:.", "punct:."]);
  });

  it("should take a symbol outside the BMP as one punctuation token, not two halves", () => {
    expect(tokens("نعم😀 🙂لا")).toEqual(["word:نعم", "punct:😀", "punct:🙂", "word:لا"]);
  });

  it("should not cut a grapheme cluster: a flag or an emoji sequence is one token, punctuation while it is one cluster", () => {
    expect(tokens("زار العراق 🇮🇶 أمس.")).toEqual(["word:زار", "word:العراق", "punct:🇮🇶", "word:أمس", "punct:."]);
    expect(tokens("👨\u200d👩\u200d👧!")).toEqual(["punct:👨\u200d👩\u200d👧", "punct:!"]);
    expect(tokens("👍🏽.")).toEqual(["punct:👍🏽", "punct:."]);
    // A cluster that runs into letters: one word.
    expect(tokens("😀\u200dabc")).toEqual(["word:😀\u200dabc"]);
  });

  it("should tell whitespace as \\s does, for every UTF-16 code unit", () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/u.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  // The schema's rule written as plainly as it reads: split at whitespace, peel punctuation code
  // points off both edges (the way the build wrote it before the scan replaced it), then join
  // what a grapheme cluster holds together; a token is punctuation when it is one cluster that
  // begins with punctuation or a symbol.
  function plainly(text: string, range: { start: number; end: number }): TokenRange[] {
    const boundaries = new Set([...new Intl.Segmenter("und", { granularity: "grapheme" }).segment(text)].map((g) => g.index).concat(text.length));
    const joined: TokenRange[] = [];
    for (const t of peeled(text, range)) {
      const last = joined[joined.length - 1];
      if (last && last.end === t.start && !boundaries.has(t.start)) last.end = t.end;
      else joined.push({ ...t });
    }
    const edge = /^[\p{P}\p{S}]/u;
    return joined.map((t) => {
      const inside = Array.from({ length: t.end - t.start - 1 }, (_, i) => t.start + 1 + i).some((i) => boundaries.has(i));
      return { ...t, kind: !inside && edge.test(text.slice(t.start, t.end)) ? "punct" : "word" };
    });
  }

  function peeled(text: string, range: { start: number; end: number }): TokenRange[] {
    const edge = /^[\p{P}\p{S}]$/u;
    const out: TokenRange[] = [];
    for (const match of text.slice(range.start, range.end).matchAll(/\S+/gu)) {
      const chars = [...match[0]];
      let start = range.start + match.index;
      let end = start + match[0].length;
      const leading: TokenRange[] = [];
      const trailing: TokenRange[] = [];
      while (chars.length > 0 && edge.test(chars[0]!)) {
        const ch = chars.shift()!;
        leading.push({ start, end: start + ch.length, kind: "punct" });
        start += ch.length;
      }
      while (chars.length > 0 && edge.test(chars[chars.length - 1]!)) {
        const ch = chars.pop()!;
        trailing.unshift({ start: end - ch.length, end, kind: "punct" });
        end -= ch.length;
      }
      out.push(...leading, ...(chars.length > 0 ? [{ start, end, kind: "word" as const }] : []), ...trailing);
    }
    return out;
  }

  it("should split off exactly the punctuation and symbols, for every character of the BMP, at either edge of a word", () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      for (const word of [`${String.fromCharCode(c)}ب`, `ب${String.fromCharCode(c)}`]) {
        const range = { start: 0, end: word.length };
        if (JSON.stringify(tokenize(word, range)) !== JSON.stringify(plainly(word, range))) differ.push(word);
      }
    }
    expect(differ).toEqual([]);
  });

  it("should give the tokens of the plain definition, on any text and range", () => {
    const pieces = ["و", "إيران", "U.S.A", " ", "  ", "\u00a0", "\n", ".", "،", "(", ")", "«", "»", "”", "/", "😀", "\ud83d", "\ude00", "a", "7", "ًا", "$", "-", "\u3000"];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: "grapheme", maxLength: 3 }), fc.string({ unit: "binary", maxLength: 2 })), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        // Ranges on code-point boundaries, as sentence ranges are.
        const bounds = [0];
        for (const ch of s) bounds.push(bounds[bounds.length - 1]! + ch.length);
        const [x, y] = [bounds[a % bounds.length]!, bounds[b % bounds.length]!];
        const range = { start: Math.min(x, y), end: Math.max(x, y) };
        expect(tokenize(s, range)).toEqual(plainly(s, range));
      }),
      { numRuns: 2000 },
    );
  });
});
