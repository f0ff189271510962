import { describe, expect, it } from "vitest";
import { segmentSentences } from "../scripts/segment/sentences.js";
import { tokenize } from "../scripts/segment/tokens.js";

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
});
