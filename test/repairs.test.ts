import { describe, expect, it } from "vitest";
import * as validators from "../src/generated/validators.js";
import { createAjv } from "../scripts/lib/create-ajv.js";
import { corpus } from "../src/shipped-corpus.js";
import { published, rawOf, repairsOf } from "./helpers/published.js";

const DOC = "us-iran-iraq-2014";
const raw = [...rawOf(DOC)];
const repairs = repairsOf(DOC);
const map = published.offsetMaps.find((m) => m.document === DOC)!;
const text = published.documents.find((d) => d.id === DOC)!.text;
const chars = [...text];
const bare = (word: string) => word.replace(/\u0640/gu, "").replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, "");

describe("declared repairs", () => {
  it("should validate against the repair schema, at run time and precompiled", () => {
    const runtime = createAjv().getSchema("https://unpkg.com/arabic-news-corpus/schema/v1/repairs.schema.json")!;
    expect(runtime(repairs), JSON.stringify(runtime.errors)).toBe(true);
    expect(validators.TextRepairs(repairs), JSON.stringify(validators.TextRepairs.errors)).toBe(true);
  });

  it("should map every published character back to the raw character it came from, modulo the declared rules", () => {
    const decodes = new Map<string, { found: string; decoded: string }>(repairs.repairs.flatMap((r) => (r.op === "decode-glyph" ? [[`repair:${r.id}`, r] as [string, typeof r]] : [])));
    const joins = new Set(repairs.repairs.filter((r) => r.op === "join-paragraph").map((r) => `repair:${r.id}`));
    let covered = 0;
    for (const s of map.segments) {
      for (let i = s.start; i < s.end; i++) {
        covered++;
        const published = chars[i]!;
        if (s.rawStart === undefined) {
          expect(s.by, `inserted character at ${i}`).toBe("rule:paragraph-separator");
          expect(published).toBe("\n");
          continue;
        }
        const source = raw[s.rawStart + (i - s.start)]!;
        const decode = s.by ? decodes.get(s.by) : undefined;
        if (decode) {
          expect(source).toBe(String.fromCodePoint(Number.parseInt(decode.found.slice(2), 16)));
          expect(published).toBe(decode.decoded);
        } else if (s.by === "rule:fold-whitespace" || joins.has(s.by ?? "")) {
          expect(published).toBe(" ");
          expect(source).toMatch(/\s/u);
        } else {
          expect(published, `offset ${i}`).toBe(source);
        }
      }
    }
    expect(covered).toBe(chars.length);
  });

  it("should account for every raw character exactly once: kept, or removed by a declared rule or repair", () => {
    const uses = new Array<number>(raw.length).fill(0);
    for (const s of map.segments) if (s.rawStart !== undefined) for (let i = 0; i < s.end - s.start; i++) uses[s.rawStart + i]!++;
    for (const r of map.removed) for (let i = r.rawStart; i < r.rawEnd; i++) uses[i]!++;
    expect(uses.every((n) => n === 1)).toBe(true);
    const declared = new Set([...repairs.rules.map((r) => `rule:${r.id}`), ...repairs.repairs.map((r) => `repair:${r.id}`)]);
    for (const r of map.removed) expect(declared.has(r.by), r.by).toBe(true);
    for (const s of map.segments) if (s.by) expect(declared.has(s.by), s.by).toBe(true);
    for (const r of map.removed.filter((x) => x.by === "rule:remove-tatweel")) {
      for (let i = r.rawStart; i < r.rawEnd; i++) expect(raw[i]).toBe("\u0640");
    }
  });

  it("should name every declared rule and repair in the offset map, so that raw evidence can cite it", () => {
    const cited = new Set([...map.segments.map((s) => s.by), ...map.removed.map((r) => r.by)]);
    for (const r of repairs.repairs) expect(cited.has(`repair:${r.id}`), `${r.id} (${r.op}) left no trace`).toBe(true);
    for (const r of repairs.rules.filter((x) => x.id !== "nfc")) expect(cited.has(`rule:${r.id}`), r.id).toBe(true);
  });

  it("should justify every rejoined word: it occurs elsewhere in the text, or the repair's evidence names it", () => {
    const reorders = repairs.repairs.filter((r) => r.op === "reorder-line");
    expect(reorders.length).toBeGreaterThan(0);
    for (const r of reorders) {
      for (const word of r.joins) {
        const occurrences = text.split(word).length - 1;
        expect(occurrences >= 2 || r.evidence.includes(word), `${r.id} joins ${word}`).toBe(true);
      }
    }
  });

  it("should leave no line-rotation artefact: no unrepaired raw line whose last and first words join into a word of the text", () => {
    const words = new Set(text.split(/\s+/u).map(bare));
    const reordered = new Set(repairs.repairs.filter((r) => r.op === "reorder-line").map((r) => r.line));
    rawOf(DOC)
      .split("\n")
      .forEach((line, index) => {
        const parts = line.trim().split(/\s+/u).filter(Boolean);
        if (parts.length < 2 || reordered.has(index + 1)) return;
        const joined = bare(parts[parts.length - 1]! + parts[0]!);
        expect(words.has(joined), `raw line ${index + 1} looks rotated: ${joined}`).toBe(false);
      });
  });

  it("should decode each private-use glyph the same way everywhere, with a confidence", () => {
    const seen = new Map<string, string>();
    for (const r of repairs.repairs) {
      if (r.op !== "decode-glyph") continue;
      expect(seen.get(r.found) ?? r.decoded, r.id).toBe(r.decoded);
      seen.set(r.found, r.decoded);
    }
    const inRaw = new Set(raw.filter((c) => /[\uE000-\uF8FF]/u.test(c)).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`));
    expect([...seen.keys()].sort()).toEqual([...inRaw].sort());
  });

  it("should show the raw evidence of a repaired span through the library's offset map", () => {
    const start = [...text].join("").indexOf("للتدرج");
    const evidence = corpus.rawEvidence(DOC, start, start + "للتدرج".length);
    expect(evidence.lines).toEqual([23]);
    const glyphRepairs = repairs.repairs.filter((r) => r.op === "decode-glyph" && r.line === 23).map((r) => `repair:${r.id}`);
    expect(evidence.by).toEqual(expect.arrayContaining(glyphRepairs));
    const rawSpan = evidence.ranges.map((r) => raw.slice(r.rawStart, r.rawEnd).join("")).join("");
    expect(rawSpan).toBe("للتد\uE0A5\uE072");
  });

  it("should name the rule that removed raw characters inside a span, as for the tatweel in إيــران (e10)", () => {
    const mention = corpus.mention(`${DOC}/e10`)!;
    const evidence = corpus.rawEvidence(DOC, mention.start, mention.end);
    expect(evidence.ranges.map((r) => raw.slice(r.rawStart, r.rawEnd).join(""))).toEqual(["إي", "ران"]);
    expect(map.removed.filter((r) => r.rawStart >= evidence.ranges[0]!.rawEnd && r.rawEnd <= evidence.ranges[1]!.rawStart)).toEqual([{ rawStart: 364, rawEnd: 366, by: "rule:remove-tatweel" }]);
    expect(evidence.lines).toEqual([7]);
    expect(evidence.by).toEqual(["rule:remove-tatweel"]);
  });

  it("should show the raw lines a rejoined word comes from", () => {
    const word = "مستشاريه";
    const start = text.indexOf(word);
    const evidence = corpus.rawEvidence(DOC, start, start + word.length);
    expect(evidence.lines).toEqual([16]);
    expect(evidence.ranges.length).toBe(2);
  });
});
