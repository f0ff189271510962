import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OffsetMap, Paragraph, Sentence, TextRepairs } from "../src/generated/types.js";
import * as validators from "../src/generated/validators.js";
import type { RecordValidator } from "../src/generated/validators.js";
import { codePointLength, CodePointText } from "../src/code-points.js";
import { rawEvidence } from "../src/raw-evidence.js";
import { Validator } from "../src/validate/validator.js";
import { minimalNumberLength } from "../src/validate/scan-keys.js";
import { resolveQuote, type SegmentedDocument } from "../scripts/annotate/resolve-quote.js";
import { createAjv } from "../scripts/lib/create-ajv.js";
import { BuildError } from "../scripts/lib/build-error.js";
import { loadSchemas } from "../scripts/lib/schemas.js";
import { applyRepairs, type SourcedChar } from "../scripts/text/apply-repairs.js";
import { checkProvenance, joinParagraphs, toOffsetMap } from "../scripts/text/offset-map.js";
import { repo } from "./helpers/temp-root.js";

/**
 * Property-based tests. Every property runs with a fixed seed, so a failure reproduces exactly;
 * fast-check prints the shrunk counterexample and the seed/path to replay it.
 */

// ---------------------------------------------------------------------------------------------
// CodePointText
// ---------------------------------------------------------------------------------------------

/** One piece of text: any code point (astral included), or a piece chosen to be awkward. */
const awkwardUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom("😀", "𞸀", "🇮", "🇶", "👍🏽", "ب", "\u0651", "\u0640", "a", "\n", "\r\n") },
  // lone halves of surrogate pairs: JavaScript strings can hold them, and two adjacent ones may pair up
  { weight: 1, arbitrary: fc.constantFrom("\ud83d", "\ude00", "\ud800", "\udfff") },
);
const awkwardText = fc.string({ unit: awkwardUnit, maxLength: 40 });

describe("CodePointText (property)", () => {
  it("should count, slice and convert exactly as Array.from does, for any text", () => {
    fc.assert(
      fc.property(awkwardText, (s) => {
        const points = Array.from(s);
        const text = new CodePointText(s);
        expect(text.length).toBe(points.length);
        expect(codePointLength(s)).toBe(points.length);
        for (let p = 0; p <= points.length; p++) {
          const unit = points.slice(0, p).join("").length;
          expect(text.toUnit(p)).toBe(unit);
          expect(text.toPoint(unit)).toBe(p);
        }
        for (let i = 0; i <= points.length; i++) {
          for (let j = i; j <= points.length; j++) expect(text.slice(i, j)).toBe(points.slice(i, j).join(""));
        }
        expect(text.slice(0)).toBe(s);
      }),
      { seed: 20140616, numRuns: 400 },
    );
  });

  it("should map every UTF-16 offset to its code point, and refuse exactly the offsets inside a surrogate pair", () => {
    fc.assert(
      fc.property(awkwardText, (s) => {
        const text = new CodePointText(s);
        const starts = new Set<number>();
        let unit = 0;
        for (const ch of s) {
          starts.add(unit);
          unit += ch.length;
        }
        starts.add(s.length);
        for (let u = 0; u <= s.length; u++) {
          if (starts.has(u)) {
            expect(text.toUnit(text.toPoint(u))).toBe(u);
          } else {
            // only the middle of a high + low pair is not the start of a code point
            expect(s.charCodeAt(u - 1)).toBeGreaterThanOrEqual(0xd800);
            expect(s.charCodeAt(u - 1)).toBeLessThanOrEqual(0xdbff);
            expect(() => text.toPoint(u)).toThrow(RangeError);
          }
        }
      }),
      { seed: 20140617, numRuns: 400 },
    );
  });

  it("should refuse offsets that are negative, fractional, not numbers, past the end or reversed", () => {
    const bad = fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));
    fc.assert(
      fc.property(awkwardText, bad, fc.nat(), (s, offset, over) => {
        const text = new CodePointText(s);
        expect(() => text.slice(offset, text.length)).toThrow(RangeError);
        expect(() => text.slice(0, offset)).toThrow(RangeError);
        expect(() => text.toUnit(offset)).toThrow(RangeError);
        expect(() => text.toPoint(offset)).toThrow(RangeError);
        expect(() => text.slice(0, text.length + 1 + over)).toThrow(RangeError);
        expect(() => text.toUnit(text.length + 1 + over)).toThrow(RangeError);
        if (text.length > 0) expect(() => text.slice(text.length, text.length - 1)).toThrow(RangeError);
      }),
      { seed: 20140618, numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Raw text → repairs → offset map → raw evidence
// ---------------------------------------------------------------------------------------------

/** Private-use glyphs the generated raw texts may hold, each with the one character it stands for. */
const GLYPHS: Record<string, string> = { "\ue000": "٠", "\ue009": "2", "\uf020": "ة", "\uf8ff": "ك" };
const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
const OPTIONAL_RULES = ["remove-tatweel", "fold-whitespace", "nfc"] as const;

const rawUnit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(..."ابتثجحدرسعفقكلمنهوي") },
  { weight: 3, arbitrary: fc.constant("\u0640") },
  { weight: 3, arbitrary: fc.constantFrom(" ", "  ", "\t", "\u00a0") },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(GLYPHS)) },
  // decomposed letters that NFC composes (أ ؤ ئ آ), one with a tatweel between letter and mark
  { weight: 2, arbitrary: fc.constantFrom("\u0627\u0654", "\u0648\u0654", "\u064a\u0654", "\u0627\u0653", "\u0627\u0640\u0654") },
  { weight: 1, arbitrary: fc.constantFrom("𞸀", "،", ".", "«", "»") },
);
const rawLine = fc.oneof({ weight: 4, arbitrary: fc.array(rawUnit, { minLength: 1, maxLength: 14 }).map((u) => u.join("")) }, { weight: 1, arbitrary: fc.constantFrom("", " ", "\t ") });
const rawText = fc
  .tuple(fc.array(rawLine, { minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([lines, trailingNewline]) => lines.join("\n") + (trailingNewline ? "\n" : ""))
  .filter((raw) => raw.length > 0);
const ruleSet = fc.subarray([...OPTIONAL_RULES]);

/** The declared repairs for a raw text: the chosen rules, and one decode-glyph repair per private-use glyph. */
function repairsFor(raw: string, rules: readonly string[]): TextRepairs {
  const repairs: TextRepairs["repairs"] = [];
  raw.split("\n").forEach((line, l) => {
    [...line].forEach((ch, column) => {
      if (GLYPHS[ch] === undefined) return;
      repairs.push({ id: `r${repairs.length + 1}`, op: "decode-glyph", line: l + 1, column, found: hex(ch), decoded: GLYPHS[ch], evidence: "The glyph is read the same way everywhere.", confidence: "high" });
    });
  });
  return {
    document: "property-doc",
    rawSha256: "0".repeat(64),
    // Whitespace outside paragraphs can only be removed by fold-whitespace, so every scenario
    // declares it; the case without it is tested on its own below.
    rules: [...new Set([...rules, "fold-whitespace", "paragraph-separator"])].map((id) => ({ id, reason: "Declared by the property test." })) as TextRepairs["rules"],
    repairs,
  };
}

const FILES = { raw: "corpus/raw/property-doc.txt", repairs: "corpus/repairs/property-doc.json" };

describe("applyRepairs without the fold-whitespace rule", () => {
  it("should refuse to drop whitespace outside paragraphs, naming the raw line and column", () => {
    const repairs: TextRepairs = { document: "property-doc", rawSha256: "0".repeat(64), rules: [{ id: "paragraph-separator", reason: "test" }], repairs: [] };
    expect(() => applyRepairs("نص\n\n \n", repairs, FILES)).toThrow(/property-doc\.txt:2:1: expected the fold-whitespace rule to be declared/);
  });
});

function build(raw: string, repairs: TextRepairs) {
  const repaired = applyRepairs(raw, repairs, FILES);
  const chars = joinParagraphs(repaired.paragraphs);
  const rawChars = [...raw];
  checkProvenance(chars, repaired.removed, rawChars, repairs, FILES.repairs);
  const map = toOffsetMap("property-doc", chars, repaired.removed, rawChars.length);
  return { chars, removed: repaired.removed, rawChars, map };
}

/** The per-character sources an offset map stands for, expanded back from its segments. */
function expand(map: OffsetMap): Array<{ raw: number | null; by: string | null }> {
  const out: Array<{ raw: number | null; by: string | null }> = [];
  for (const s of map.segments) {
    expect(s.start).toBe(out.length);
    expect(s.end).toBeGreaterThan(s.start);
    for (let i = s.start; i < s.end; i++) out.push({ raw: s.rawStart === undefined ? null : s.rawStart + (i - s.start), by: s.by ?? null });
  }
  return out;
}

/** Raw code-point offset of a 1-based line and 0-based code-point column. */
function rawOffset(rawChars: string[], line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line) if (rawChars[i++] === "\n") l++;
  return i + column;
}

describe("offset map round trip (property)", () => {
  const scenario = fc.tuple(rawText, ruleSet);

  it("should never throw for a raw text whose every private-use glyph has a decode repair, and yield a schema-valid map", () => {
    fc.assert(
      fc.property(scenario, ([raw, rules]) => {
        const repairs = repairsFor(raw, rules);
        expect(validators.TextRepairs(repairs), JSON.stringify(validators.TextRepairs.errors)).toBe(true);
        const { map, chars } = build(raw, repairs);
        expect(validators.OffsetMap(map), JSON.stringify(validators.OffsetMap.errors)).toBe(true);
        expect(map.segments.at(-1)?.end ?? 0).toBe(chars.length);
      }),
      { seed: 616, numRuns: 400 },
    );
  });

  it("should map every published character back to the raw character it came from, modulo the declared rules and repairs", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, ([raw, rules]) => {
        const repairs = repairsFor(raw, rules);
        const { chars, removed, rawChars, map } = build(raw, repairs);
        const published = chars.map((c) => c.ch).join("");
        expect(codePointLength(published)).toBe(chars.length);
        // the map loses nothing: expanded, it gives back each character's source
        expect(expand(map)).toEqual(chars.map((c) => ({ raw: c.raw, by: c.by })));
        for (const c of chars) seen.add(c.by?.replace(/\d+$/, "") ?? "copy");
        const removedBy = new Map(removed.map((r) => [r.raw, r.by]));
        const decodes = new Map(repairs.repairs.map((r) => [`repair:${r.id}`, r]));
        chars.forEach((c, i) => {
          const where = `published ${i} ${JSON.stringify(c)} in ${JSON.stringify(published)}`;
          if (c.raw === null) {
            expect(c.by, where).toBe("rule:paragraph-separator");
            expect(c.ch, where).toBe("\n");
            return;
          }
          const source = rawChars[c.raw]!;
          if (c.by === null) expect(c.ch, where).toBe(source);
          else if (c.by === "rule:fold-whitespace") {
            expect(c.ch, where).toBe(" ");
            expect(source, where).toMatch(/^\s$/u);
          } else if (c.by === "rule:nfc") {
            // the raw letter, with the marks the rule folded into it (tatweel removed between them)
            let cluster = source;
            for (let j = c.raw + 1; removedBy.has(j); j++) if (removedBy.get(j) === "rule:nfc") cluster += rawChars[j];
            expect(cluster.normalize("NFC"), where).toBe(c.ch);
          } else {
            const repair = decodes.get(c.by);
            expect(repair, where).toBeDefined();
            if (repair?.op !== "decode-glyph") throw new Error(`unexpected repair ${c.by}`);
            expect(hex(source), where).toBe(repair.found);
            expect(c.ch, where).toBe(repair.decoded);
            expect(rawOffset(rawChars, repair.line, repair.column), where).toBe(c.raw);
          }
        });
        // what the rules promise of the published text
        expect(published).not.toMatch(/[\ue000-\uf8ff]/u);
        if (rules.includes("remove-tatweel")) expect(published).not.toContain("\u0640");
        if (rules.includes("nfc")) expect(published).toBe(published.normalize("NFC"));
        if (rules.includes("fold-whitespace") && published !== "") {
          for (const paragraph of published.split("\n\n")) expect(paragraph).toMatch(/^\S(?:\S| (?=\S))*$/u);
        }
      }),
      { seed: 617, numRuns: 400 },
    );
    // every kind of provenance was exercised
    expect([...seen].sort()).toEqual(["copy", "repair:r", "rule:fold-whitespace", "rule:nfc", "rule:paragraph-separator"]);
  });

  it("should account for every raw character exactly once: the source of one published character, or removed by a declared rule", () => {
    fc.assert(
      fc.property(scenario, ([raw, rules]) => {
        const repairs = repairsFor(raw, rules);
        const { rawChars, map } = build(raw, repairs);
        expect(map.rawLength).toBe(rawChars.length);
        const uses = new Array<number>(rawChars.length).fill(0);
        for (const c of expand(map)) if (c.raw !== null) uses[c.raw]!++;
        for (const r of map.removed) {
          for (let i = r.rawStart; i < r.rawEnd; i++) {
            uses[i]!++;
            const ch = rawChars[i]!;
            if (r.by === "rule:remove-tatweel") expect(ch).toBe("\u0640");
            else if (r.by === "rule:nfc") expect(ch).toMatch(/^\p{M}$/u);
            else expect(ch, `${r.by} removed ${JSON.stringify(ch)}`).toMatch(/^\s$/u);
          }
        }
        expect(uses.map((n, i) => [i, n]).filter(([, n]) => n !== 1)).toEqual([]);
      }),
      { seed: 618, numRuns: 400 },
    );
  });

  it("should attribute every removed, changed or inserted character to a rule or repair the document declares", () => {
    fc.assert(
      fc.property(scenario, ([raw, rules]) => {
        const repairs = repairsFor(raw, rules);
        const { map } = build(raw, repairs);
        const declared = new Set([...repairs.rules.map((r) => `rule:${r.id}`), ...repairs.repairs.map((r) => `repair:${r.id}`)]);
        const undeclared = [...map.removed.map((r) => r.by), ...map.segments.flatMap((s) => (s.by ? [s.by] : []))].filter((by) => !declared.has(by));
        expect(undeclared, `declared: ${[...declared].join(", ")}`).toEqual([]);
      }),
      { seed: 621, numRuns: 400 },
    );
  });

  it("should refuse a private-use glyph left without its decode repair, naming its raw line and column", () => {
    const withGlyph = scenario.filter(([raw]) => /[\ue000-\uf8ff]/u.test(raw));
    fc.assert(
      fc.property(withGlyph, fc.nat(), ([raw, rules], pick) => {
        const repairs = repairsFor(raw, rules);
        const dropped = repairs.repairs[pick % repairs.repairs.length]!;
        const without = { ...repairs, repairs: repairs.repairs.filter((r) => r !== dropped) };
        if (dropped.op !== "decode-glyph") throw new Error("only decode repairs are generated");
        // every other glyph keeps its repair, so the one refused is the dropped one
        expect(() => applyRepairs(raw, without, FILES)).toThrow(BuildError);
        expect(() => applyRepairs(raw, without, FILES)).toThrow(`${FILES.raw}:${dropped.line}:${dropped.column + 1}: expected no private-use glyph, found ${dropped.found}`);
      }),
      { seed: 619, numRuns: 200 },
    );
  });

  it("should give raw evidence consistent with the map: the raw characters and lines of exactly the span, and the rules that shaped it", () => {
    const withSpan = scenario.chain(([raw, rules]) => {
      const length = build(raw, repairsFor(raw, rules)).chars.length;
      return fc.tuple(fc.constant(raw), fc.constant(rules), fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }));
    });
    fc.assert(
      fc.property(withSpan, ([raw, rules, a, b]) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const { chars, removed, rawChars, map } = build(raw, repairsFor(raw, rules));
        const span: SourcedChar[] = chars.slice(start, end);
        const evidence = rawEvidence(map, raw, start, end);
        const sources = span.flatMap((c) => (c.raw === null ? [] : [c.raw]));
        const removedInside = removed.filter((r) => r.raw > Math.min(...sources) && r.raw < Math.max(...sources)).map((r) => r.by);
        const expandedRanges = evidence.ranges.flatMap((r) => Array.from({ length: r.rawEnd - r.rawStart }, (_, k) => ({ raw: r.rawStart + k, by: r.by ?? null })));
        expect(expandedRanges).toEqual(span.filter((c) => c.raw !== null).map((c) => ({ raw: c.raw, by: c.by })));
        expect(evidence.inserted).toBe(span.some((c) => c.raw === null));
        expect(evidence.by).toEqual([...new Set([...span.flatMap((c) => (c.by ? [c.by] : [])), ...removedInside])].sort());
        const lineOf = (offset: number) => 1 + rawChars.slice(0, offset).filter((ch) => ch === "\n").length;
        expect(evidence.lines).toEqual([...new Set(span.flatMap((c) => (c.raw === null ? [] : [lineOf(c.raw)])))].sort((x, y) => x - y));
      }),
      { seed: 620, numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Quote selectors
// ---------------------------------------------------------------------------------------------

/** A small alphabet, so that quotes recur and occurrences above 1 are common. */
const letter = fc.constantFrom("ب", "ن", "𞸀");
const quoteWord = fc
  .tuple(letter, fc.array(fc.tuple(letter, fc.constantFrom("", "", "", "\u0651", "\u064e")), { maxLength: 2 }))
  .map(([first, rest]) => first + rest.map(([l, m]) => l + m).join(""));
const sentenceWords = fc.array(quoteWord, { minLength: 1, maxLength: 6 });
const documentShape = fc.array(fc.array(sentenceWords, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

interface Built {
  doc: SegmentedDocument;
  /** Per paragraph, per sentence, per word: the word and its UTF-16 offset in the paragraph text. */
  words: Array<Array<Array<{ text: string; at: number }>>>;
}

/** A segmented document: words joined by spaces, sentences ending with "." and joined by a space, paragraphs by a blank line. */
function segmented(shape: string[][][]): Built {
  const id = "quote-doc";
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const words: Built["words"] = [];
  let docText = "";
  shape.forEach((paragraphSentences, p) => {
    if (p > 0) docText += "\n\n";
    const paragraphStart = codePointLength(docText);
    let text = "";
    const paragraphWords: Built["words"][number] = [];
    paragraphSentences.forEach((sentence, s) => {
      if (s > 0) text += " ";
      const sentenceStart = text;
      const sentenceWordsAt: Array<{ text: string; at: number }> = [];
      sentence.forEach((w, k) => {
        if (k > 0) text += " ";
        sentenceWordsAt.push({ text: w, at: text.length });
        text += w;
      });
      text += ".";
      const start = paragraphStart + codePointLength(sentenceStart);
      sentences.push({ id: `${id}/p${p + 1}/s${s + 1}`, document: id, paragraph: `${id}/p${p + 1}`, index: s, start, end: paragraphStart + codePointLength(text), text: text.slice(sentenceStart.length) });
      paragraphWords.push(sentenceWordsAt);
    });
    docText += text;
    paragraphs.push({ id: `${id}/p${p + 1}`, document: id, index: p, start: paragraphStart, end: paragraphStart + codePointLength(text), text });
    words.push(paragraphWords);
  });
  return { doc: { id, text: new CodePointText(docText), paragraphs, sentences, tokensBySentence: new Map() }, words };
}

/** How many substring matches of `quote` start at or before UTF-16 offset `at` of `text`. */
function occurrenceAt(text: string, quote: string, at: number): number {
  let n = 0;
  for (let k = 0; k <= at; k++) if (text.startsWith(quote, k)) n++;
  return n;
}

describe("quote-selector resolution (property)", () => {
  /** A document and a choice of paragraph, sentence and word range inside it. */
  const choice = documentShape.chain((shape) =>
    fc.tuple(fc.constant(shape), fc.nat(shape.length - 1)).chain(([shape, p]) =>
      fc.tuple(fc.constant(shape), fc.constant(p), fc.nat(shape[p]!.length - 1)).chain(([shape, p, s]) => {
        const n = shape[p]![s]!.length;
        // single-word quotes are weighted up: they recur, which exercises the occurrence
        const width = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(n - 1) });
        return fc.tuple(fc.constant(shape), fc.constant(p), fc.constant(s), fc.nat(n - 1), width, fc.boolean());
      }),
    ),
  );

  it("should resolve a word-aligned quote and its occurrence to offsets that slice back to the quote, at the occurrence-th match", () => {
    let repeated = 0;
    fc.assert(
      fc.property(choice, ([shape, p, s, from, width, withStop]) => {
        const { doc, words } = segmented(shape);
        const sentenceWordsAt = words[p]![s]!;
        const to = Math.min(from + width, sentenceWordsAt.length - 1);
        const paragraph = doc.paragraphs[p]!;
        const at = sentenceWordsAt[from]!.at;
        let stop = sentenceWordsAt[to]!.at + sentenceWordsAt[to]!.text.length;
        if (withStop && to === sentenceWordsAt.length - 1) stop += 1; // the sentence's "."
        const quote = paragraph.text.slice(at, stop);
        const occurrence = occurrenceAt(paragraph.text, quote, at);
        const resolved = resolveQuote(doc, { paragraph: `p${p + 1}`, quote, occurrence }, "annotations.jsonl", 7);
        expect(resolved.start).toBe(paragraph.start + codePointLength(paragraph.text.slice(0, at)));
        expect(resolved.end).toBe(resolved.start + codePointLength(quote));
        expect(doc.text.slice(resolved.start, resolved.end)).toBe(quote);
        expect(resolved.text).toBe(quote);
        expect(resolved.paragraph.id).toBe(paragraph.id);
        expect(resolved.sentence.id).toBe(`${paragraph.id}/s${s + 1}`);
        // and it is the occurrence-th match: exactly occurrence - 1 matches start before it
        const unitStart = doc.text.toUnit(resolved.start) - doc.text.toUnit(paragraph.start);
        expect(occurrenceAt(paragraph.text, quote, unitStart - 1)).toBe(occurrence - 1);
        if (occurrence > 1) repeated++;
      }),
      { seed: 1, numRuns: 500 },
    );
    // quotes that occur more than once must be common, or the occurrence would go untested
    expect(repeated).toBeGreaterThan(50);
  });

  it("should reject a quote that starts or ends inside a word, naming the annotation's file and line", () => {
    const inside = choice
      .filter(([shape, p, s, a]) => codePointLength(shape[p]![s]![a]!) >= 2)
      .chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 1, max: codePointLength(c[0][c[1]]![c[2]]![c[3]]!) - 1 }), fc.boolean()));
    fc.assert(
      fc.property(inside, ([[shape, p, s, a], cut, cutAtStart]) => {
        const { doc, words } = segmented(shape);
        const paragraph = doc.paragraphs[p]!;
        const word = words[p]![s]![a]!;
        const cutAt = word.at + [...word.text].slice(0, cut).join("").length;
        const [from, to] = cutAtStart ? [cutAt, word.at + word.text.length] : [word.at, cutAt];
        const quote = paragraph.text.slice(from, to);
        const occurrence = occurrenceAt(paragraph.text, quote, from);
        expect(() => resolveQuote(doc, { paragraph: `p${p + 1}`, quote, occurrence }, "annotations.jsonl", 7)).toThrow(BuildError);
        expect(() => resolveQuote(doc, { paragraph: `p${p + 1}`, quote, occurrence }, "annotations.jsonl", 7)).toThrow(/^annotations\.jsonl:7: expected .* to (start|end) at a word boundary/);
      }),
      { seed: 2, numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Precompiled and run-time validators
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const schemas = loadSchemas(repo);
const ajv = createAjv(repo);
const readJsonl = (path: string) =>
  readFileSync(join(repo, path), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Json);

/** Real records of each published record type, plus the repairs file and the manifest. */
const seeds: Array<{ schema: string; records: Json[] }> = [
  ["document", "documents"],
  ["paragraph", "paragraphs"],
  ["sentence", "sentences"],
  ["token", "tokens"],
  ["entity-mention", "entities"],
  ["entity", "entity-catalogue"],
  ["stance-target", "stance-targets"],
  ["stance", "stances"],
  ["sentence-stance", "sentence-stances"],
  ["offset-map", "offset-maps"],
].map(([schema, file]) => ({ schema: schema!, records: readJsonl(`corpus/data/${file}.jsonl`) }));
seeds.push({ schema: "repairs", records: [JSON.parse(readFileSync(join(repo, "corpus/repairs/us-iran-iraq-2014.json"), "utf8")) as Json] });
seeds.push({ schema: "manifest", records: [JSON.parse(readFileSync(join(repo, "corpus/manifest.json"), "utf8")) as Json] });

interface Pair {
  name: string;
  precompiled: RecordValidator<unknown>;
  runtime: (data: unknown) => boolean;
  runtimeErrors: () => unknown[] | null | undefined;
  required: string[];
  enums: Array<{ key: string; values: unknown[] }>;
}

const defs = schemas.find((s) => s.name === "defs")!.schema as unknown as { $defs: Record<string, { enum?: unknown[]; const?: unknown }> };

function pairFor(name: string): Pair {
  const file = schemas.find((s) => s.name === name);
  if (!file) throw new Error(`no schema ${name}`);
  const runtime = ajv.getSchema(file.schema.$id);
  if (!runtime) throw new Error(`ajv has no schema ${file.schema.$id}`);
  const precompiled = (validators as unknown as Record<string, RecordValidator<unknown>>)[file.schema.title];
  if (!precompiled) throw new Error(`no precompiled validator ${file.schema.title}`);
  const properties = (file.schema.properties ?? {}) as Record<string, { enum?: unknown[]; const?: unknown; $ref?: string }>;
  const enums: Pair["enums"] = [];
  for (const [key, prop] of Object.entries(properties)) {
    const target = prop.$ref?.startsWith("defs.schema.json#/$defs/") ? defs.$defs[prop.$ref.split("/").pop()!] : prop;
    if (target?.enum) enums.push({ key, values: target.enum });
    else if (target && "const" in target) enums.push({ key, values: [target.const] });
  }
  return { name, precompiled, runtime: (d) => runtime(d) as boolean, runtimeErrors: () => runtime.errors, required: (file.schema.required as string[] | undefined) ?? [], enums };
}

const pairs = new Map(seeds.map((s) => [s.schema, pairFor(s.schema)]));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const seedRecord = fc.constantFrom(...seeds).chain((s) => fc.tuple(fc.constant(s.schema), fc.constantFrom(...s.records)));

/** Every path into a JSON value, with the node there. */
function paths(node: Json, at: Array<string | number> = []): Array<{ path: Array<string | number>; node: Json }> {
  const out = [{ path: at, node }];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...at, k]));
  return out;
}

const parentOf = (root: Json, path: Array<string | number>): Json => path.slice(0, -1).reduce<Json>((n, k) => (n as Record<string, Json>)[k as string]!, root);

/** A value that changes the type, the range or the spelling of whatever it replaces. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, -0, 0.5, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN, "", " ", "NaN", "0", "PER", "CITY", "word", "FAVOR", "NEUTRAL", "ar", "high", "\ud800", "😀", "x".repeat(300), [], {}, null, true),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.double(),
  fc.integer(),
);

type Mutation = { op: "drop" | "add" | "replace" | "empty" | "push"; pick: number; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("drop", "add", "replace", "replace", "empty", "push"),
  pick: fc.nat(),
  key: fc.oneof(fc.constantFrom("extra", "__proto__", "constructor", "toString", "", "id ", "ID"), fc.string({ maxLength: 6 })),
  value: hostileValue,
});

/** Applies a mutation at a place chosen by `pick` among those where it makes sense. */
function mutate(record: Json, m: Mutation): void {
  const all = paths(record);
  const objects = all.filter((p) => p.node !== null && typeof p.node === "object" && !Array.isArray(p.node));
  const arrays = all.filter((p) => Array.isArray(p.node));
  const members = all.filter((p) => p.path.length > 0);
  const define = (target: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  switch (m.op) {
    case "drop": {
      const props = members.filter((p) => typeof p.path.at(-1) === "string");
      if (props.length === 0) return;
      const { path } = props[m.pick % props.length]!;
      delete (parentOf(record, path) as Record<string, Json>)[path.at(-1) as string];
      return;
    }
    case "add": {
      const target = objects[m.pick % objects.length]!.node as Record<string, unknown>;
      define(target, m.key, m.value);
      return;
    }
    case "replace": {
      if (members.length === 0) return;
      const { path } = members[m.pick % members.length]!;
      define(parentOf(record, path) as Record<string, unknown>, String(path.at(-1)), m.value);
      return;
    }
    case "empty":
    case "push": {
      if (arrays.length === 0) return;
      const list = arrays[m.pick % arrays.length]!.node as unknown[];
      if (m.op === "empty") list.length = 0;
      else list.push(list.length > 0 && m.pick % 2 === 0 ? clone(list[0]) : m.value);
      return;
    }
  }
}

const errorsOf = (errors: unknown[] | null | undefined) =>
  (errors ?? []).map((e) => {
    const { instancePath, schemaPath, keyword, params, message } = e as Record<string, unknown>;
    return { instancePath, schemaPath, keyword, params, message };
  });

describe("precompiled and run-time validators (property)", () => {
  it("should find every real record valid, precompiled and at run time (control)", () => {
    for (const { schema, records } of seeds) {
      const pair = pairs.get(schema)!;
      for (const r of records) {
        expect(pair.precompiled(r), `${schema}: ${JSON.stringify(pair.precompiled.errors)}`).toBe(true);
        expect(pair.runtime(r), `${schema}: ${JSON.stringify(pair.runtimeErrors())}`).toBe(true);
      }
    }
  });

  it("should always agree on validity, and on the errors, for records mutated from real ones", () => {
    let invalid = 0;
    let runs = 0;
    fc.assert(
      fc.property(seedRecord, fc.array(mutation, { minLength: 1, maxLength: 3 }), ([schema, record], mutations) => {
        const pair = pairs.get(schema)!;
        const candidate = clone(record);
        for (const m of mutations) mutate(candidate, m);
        const precompiled = pair.precompiled(candidate);
        const precompiledErrors = errorsOf(pair.precompiled.errors);
        const runtime = pair.runtime(candidate);
        runs++;
        if (!runtime) invalid++;
        expect(precompiled, `${schema} ${JSON.stringify(candidate).slice(0, 300)}`).toBe(runtime);
        expect(precompiledErrors).toEqual(errorsOf(pair.runtimeErrors()));
      }),
      { seed: 42, numRuns: 1500 },
    );
    // the mutations must actually break records, or agreement would be vacuous
    expect(invalid / runs).toBeGreaterThan(0.5);
  });

  it("should agree on minLength and maxLength for every string field, whatever mix of one- and two-unit characters it holds", () => {
    // The precompiled validators settle length limits from `.length` first (scripts/generate.ts):
    // strings around the limits, astral characters (two UTF-16 units, one code point) included.
    const stringLeaf = seedRecord.chain(([schema, record]) => {
      const leaves = paths(record).filter((p) => typeof p.node === "string" && p.path.length > 0);
      return fc.tuple(fc.constant(schema), fc.constant(record), fc.constantFrom(...leaves.map((p) => p.path)));
    });
    const text = fc.array(fc.constantFrom("a", "ب", "😀", "\ud800"), { maxLength: 4 }).map((parts) => parts.join(""));
    let invalid = 0;
    fc.assert(
      fc.property(stringLeaf, text, ([schema, record, path], value) => {
        const pair = pairs.get(schema)!;
        const candidate = clone(record);
        (parentOf(candidate, path) as Record<string, Json>)[path[path.length - 1] as string] = value;
        const runtime = pair.runtime(candidate);
        if (!runtime) invalid++;
        expect(pair.precompiled(candidate), `${schema} ${path.join("/")} = ${JSON.stringify(value)}`).toBe(runtime);
        expect(errorsOf(pair.precompiled.errors)).toEqual(errorsOf(pair.runtimeErrors()));
      }),
      { seed: 46, numRuns: 1500 },
    );
    expect(invalid).toBeGreaterThan(0);
  });

  it("should count code points for a one-character field: one astral character fits, two units of BMP text do not", () => {
    const repairs = seeds.find((s) => s.schema === "repairs");
    const decode = repairs?.records.flatMap((r) => ((r as { repairs?: Json[] }).repairs ?? []) as Array<Record<string, Json>>).find((r) => typeof r.decoded === "string");
    expect(decode, "a decode repair among the seed records").toBeDefined();
    const pair = pairs.get("repairs")!;
    const verdicts = ["", "٢", "😀", "ab", "😀😀"].map((decoded) => {
      const candidate = clone(repairs!.records[0]!) as { repairs: Array<Record<string, Json>> };
      const at = candidate.repairs.findIndex((r) => typeof r.decoded === "string");
      candidate.repairs[at]!.decoded = decoded;
      return [pair.precompiled(candidate), pair.runtime(candidate)];
    });
    expect(verdicts).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it("should both reject a record with a required key dropped", () => {
    const withRequired = seedRecord.chain(([schema, record]) => fc.tuple(fc.constant(schema), fc.constant(record), fc.constantFrom(...pairs.get(schema)!.required)));
    fc.assert(
      fc.property(withRequired, ([schema, record, key]) => {
        const pair = pairs.get(schema)!;
        const candidate = clone(record) as Record<string, Json>;
        delete candidate[key];
        expect(pair.precompiled(candidate)).toBe(false);
        expect(pair.runtime(candidate)).toBe(false);
        expect(pair.precompiled.errors?.some((e) => e.keyword === "required" && e.params.missingProperty === key)).toBe(true);
      }),
      { seed: 43, numRuns: 300 },
    );
  });

  it("should both reject a record with an unknown key, however it is spelled", () => {
    const unknownKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty", "Id", "id ", ""), fc.string({ unit: "binary", maxLength: 8 }));
    fc.assert(
      fc.property(seedRecord, unknownKey, fc.jsonValue({ maxDepth: 1 }), ([schema, record], key, value) => {
        const pair = pairs.get(schema)!;
        const candidate = clone(record) as Record<string, unknown>;
        fc.pre(!Object.prototype.hasOwnProperty.call(candidate, key));
        Object.defineProperty(candidate, key, { value, enumerable: true, writable: true, configurable: true });
        expect(pair.precompiled(candidate)).toBe(false);
        expect(pair.runtime(candidate)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: 44, numRuns: 300 },
    );
  });

  it("should both reject an enumerated field set to any value outside its enum", () => {
    const withEnum = seedRecord
      .filter(([schema]) => pairs.get(schema)!.enums.length > 0)
      .chain(([schema, record]) => fc.tuple(fc.constant(schema), fc.constant(record), fc.constantFrom(...pairs.get(schema)!.enums), hostileValue));
    fc.assert(
      fc.property(withEnum, ([schema, record, { key, values }, value]) => {
        fc.pre(!values.some((v) => JSON.stringify(v) === JSON.stringify(value)));
        const pair = pairs.get(schema)!;
        const candidate = clone(record) as Record<string, unknown>;
        candidate[key] = value;
        expect(pair.precompiled(candidate)).toBe(false);
        expect(pair.runtime(candidate)).toBe(false);
      }),
      { seed: 45, numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The validator's grapheme-boundary check against Intl.Segmenter on the whole text
// ---------------------------------------------------------------------------------------------

describe("grapheme-boundary check (property)", () => {
  const piece = fc.constantFrom("ب", "م", "\u0651", "\u064e", "a", " ", "\r", "\n", "🇮", "🇶", "ก", "ำ", "ｶ", "ﾞ", "👍", "🏽", "\u200d", "👩", "가", "\u11a8", "\u1100", "\u1161", "😀");
  const textAndSpans = fc.array(piece, { minLength: 1, maxLength: 80, size: "max" }).chain((pieces) => {
    const length = codePointLength(pieces.join(""));
    const offset = fc.integer({ min: 0, max: length });
    return fc.tuple(fc.constant(pieces.join("")), fc.array(fc.tuple(offset, offset), { minLength: 1, maxLength: 8 }));
  });

  it("should report a span exactly when its start or end is not a grapheme boundary of the whole text", () => {
    const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });
    fc.assert(
      fc.property(textAndSpans, ([text, pairs]) => {
        const boundaries = new Set([...segmenter.segment(text)].map((s) => codePointLength(text.slice(0, s.index))).concat(codePointLength(text)));
        const spans = pairs.map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]).filter(([a, b]) => a < b);
        fc.pre(spans.length > 0);
        const validator = new Validator({ only: ["grapheme-boundary"] });
        const cp = new CodePointText(text);
        validator.record("documents.jsonl", 1, { id: "g", document: "g", language: "ar", text, raw: "corpus/raw/g.txt", rawSha256: "0".repeat(64) });
        spans.forEach(([start, end], i) => {
          validator.record("tokens.jsonl", i + 1, { id: `g/p1/s1/t${i + 1}`, document: "g", paragraph: "g/p1", sentence: "g/p1/s1", index: i, start, end, text: cp.slice(start, end), kind: "word" });
        });
        validator.finish();
        const reported = validator.incidents.filter((i) => i.file === "tokens.jsonl").map((i) => i.line);
        const expected = spans.flatMap(([start, end], i) => (boundaries.has(start) && boundaries.has(end) ? [] : [i + 1]));
        expect(reported, `${JSON.stringify(text)} ${JSON.stringify(spans)}`).toEqual(expected);
      }),
      { seed: 29, numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The validator's duplicate-key check on arbitrarily spelled and spaced JSON
// ---------------------------------------------------------------------------------------------

type Tree = number | string | { raw: string } | Tree[] | { entries: Array<[string, Tree]> };

describe("duplicate-key check (property)", () => {
  // few keys, so that objects often repeat one; some need escaping, one is astral
  const key = fc.constantFrom("a", "b", "id", 'q"', "\\", "é", "😀", "__proto__", "a:", "x/~");
  // Numbers spelled shorter or longer than JSON.stringify would (the check reasons on lengths),
  // strings with characters that must be escaped, literals.
  const raw = fc.constantFrom("1e3", "15e2", "1E+2", "0.001", "1e-3", "-0", "1.50", "1e21", "100000000", "1e8", "12e-11", "0.0015", "true", "false", "null", '"a\\nb"', '"\\u0041"', '""');
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.integer(),
      raw.map((r) => ({ raw: r })),
      fc.constantFrom("x", 'v":', "ب", "\n", '"'),
      fc.array(tie("tree"), { maxLength: 3 }),
      fc.record({ entries: fc.array(fc.tuple(key, tie("tree")), { maxLength: 4 }) }),
    ),
  })).tree;
  const root = fc.record({ entries: fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 5 }) });
  // JSON whitespace that may stand in a JSONL line: everything but LF
  const space = fc.constantFrom("", "", " ", "\t", "\r", " \t");
  const style = fc.record({ spaces: fc.array(space, { minLength: 16, maxLength: 16 }), escapeKeys: fc.boolean() });

  /** Writes the tree as JSON, noting each key that repeats one of its object's: where, how many times so far, and its object's pointer. */
  function write(t: Tree, s: { spaces: string[]; escapeKeys: boolean }): { text: string; duplicates: Array<{ column: number; count: number; pointer: string; key: string }> } {
    let text = "";
    let counter = 0;
    const duplicates: Array<{ column: number; count: number; pointer: string; key: string }> = [];
    const ws = () => s.spaces[counter++ % s.spaces.length]!;
    // Every UTF-16 unit escaped: an astral key as its two surrogates.
    const spell = (k: string) => (s.escapeKeys ? `"${k.split("").map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"` : JSON.stringify(k));
    const go = (node: Tree, pointer: string) => {
      if (typeof node === "number" || typeof node === "string") text += JSON.stringify(node);
      else if ("raw" in node) text += node.raw;
      else if (Array.isArray(node)) {
        text += "[";
        node.forEach((v, i) => {
          if (i > 0) text += `${ws()},`;
          text += ws();
          go(v, `${pointer}/${i}`);
        });
        text += `${ws()}]`;
      } else {
        text += "{";
        const seen = new Map<string, number>();
        node.entries.forEach(([k, v], i) => {
          if (i > 0) text += `${ws()},`;
          text += ws();
          const count = (seen.get(k) ?? 0) + 1;
          seen.set(k, count);
          if (count > 1) duplicates.push({ column: text.length + 1, count, pointer, key: k });
          text += `${spell(k)}${ws()}:${ws()}`;
          go(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        });
        text += `${ws()}}`;
      }
    };
    go(t, "");
    return { text, duplicates };
  }

  it("should report every key that repeats one of its object's, at its column, with its object's pointer and how many times it occurred", () => {
    fc.assert(
      fc.property(root, style, (t, s) => {
        const { text, duplicates } = write(t, s);
        expect(() => JSON.parse(text)).not.toThrow();
        const validator = new Validator({ only: ["duplicate-key"] });
        validator.line("keys.jsonl", 1, text);
        const reported = validator.incidents.map((i) => [i.column, i.pointer ?? "", i.message]);
        const expected = duplicates.map((d) => [d.column, d.pointer, `expected each key once per object, found ${JSON.stringify(d.key)} ${d.count === 2 ? "twice" : `${d.count} times`}`]);
        expect(reported, JSON.stringify(text)).toEqual(expected);
      }),
      { seed: 7, numRuns: 600 },
    );
  });

  /** Every JSON spelling of x made from its shortest digits: plain, and each place of the point with an exponent, with and without "+". */
  function spellings(x: number): string[] {
    const [mantissa, exponent] = Math.abs(x).toExponential().split("e") as [string, string];
    const digits = mantissa.replace(".", "");
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    const out = new Set([JSON.stringify(x), `${sign}${String(Math.abs(x))}`]);
    for (let j = 1; j <= digits.length + 3; j++) {
      const shown = j >= digits.length ? digits.padEnd(j, "0") : `${digits.slice(0, j)}.${digits.slice(j)}`;
      const e = Number(exponent) - (j - 1);
      out.add(`${sign}${shown}e${e}`).add(`${sign}${shown}E+${e}`);
    }
    return [...out].filter((spelled) => {
      try {
        return Object.is(JSON.parse(spelled), x);
      } catch {
        return false;
      }
    });
  }

  it("should bound each number by its shortest spelling: never longer (a duplicate could hide), and reached", () => {
    const number = fc.oneof(
      fc.integer(),
      fc.integer({ min: -99_999, max: 99_999 }).chain((n) => fc.integer({ min: 0, max: 12 }).map((zeros) => n * 10 ** zeros)),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 1e21, 1.5e30, 0.0015, 1e-7, 5e-324, Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(number, (x) => {
        expect(minimalNumberLength(x), String(x)).toBe(Math.min(...spellings(x).map((spelled) => spelled.length)));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it("should find a duplicate hidden behind numbers written shorter than JSON.stringify writes them", () => {
    const validator = new Validator({ only: ["duplicate-key"] });
    for (const [i, line] of ['{"a":1e8,"a":1e8}', '{"b":1e21,"c":15e20,"b":0}', '{"a":1E+9,"x":[12e-11,1e-7],"a":1}', '{"n":-0,"n":-0}'].entries()) validator.line("numbers.jsonl", i + 1, line);
    expect(validator.incidents.map((incident) => incident.line)).toEqual([1, 2, 3, 4]);
  });
});
