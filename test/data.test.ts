import { describe, expect, it } from "vitest";
import { CodePointText } from "../src/code-points.js";
import { published } from "./helpers/published.js";

const docs = new Map(published.documents.map((d) => [d.id, new CodePointText(d.text)]));
const spanRecords = [
  ...published.paragraphs.map((r) => ["paragraph", r] as const),
  ...published.sentences.map((r) => ["sentence", r] as const),
  ...published.tokens.map((r) => ["token", r] as const),
  ...published.mentions.map((r) => ["mention", r] as const),
];

describe("published records", () => {
  it("should have unique ids in every record type", () => {
    for (const [name, records] of Object.entries(published)) {
      const ids = (records as Array<{ id: string }>).map((r) => r.id);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
  });

  it("should slice every record's text back out of its document at its code-point offsets", () => {
    for (const [kind, r] of spanRecords) {
      const text = docs.get(r.document)!;
      expect(r.start, `${kind} ${r.id}`).toBeLessThan(r.end);
      expect(text.slice(r.start, r.end), `${kind} ${r.id}`).toBe(r.text);
    }
    for (const s of published.stances) for (const e of s.evidence) expect(docs.get(s.document)!.slice(e.start, e.end), s.id).toBe(e.text);
  });

  it("should resolve every reference to an existing record", () => {
    const ids = (records: Array<{ id: string }>) => new Set(records.map((r) => r.id));
    const paragraphs = ids(published.paragraphs);
    const sentences = ids(published.sentences);
    const entities = ids(published.catalogue);
    const targets = ids(published.targets);
    const stances = ids(published.stances);
    for (const s of published.sentences) expect(paragraphs.has(s.paragraph), s.id).toBe(true);
    for (const t of published.tokens) expect(sentences.has(t.sentence) && paragraphs.has(t.paragraph), t.id).toBe(true);
    for (const m of published.mentions) expect(sentences.has(m.sentence) && paragraphs.has(m.paragraph) && entities.has(m.entity), m.id).toBe(true);
    for (const s of published.stances) {
      expect(s.holder === "writer" || entities.has(s.holder), s.id).toBe(true);
      expect(targets.has(s.target), s.id).toBe(true);
      for (const id of s.sentences) expect(sentences.has(id), s.id).toBe(true);
    }
    for (const l of published.sentenceStances) {
      expect(sentences.has(l.sentence) && targets.has(l.target), l.id).toBe(true);
      for (const id of l.stances) expect(stances.has(id), l.id).toBe(true);
    }
  });

  it("should tile each paragraph with its sentences and each sentence with its tokens, up to whitespace", () => {
    const tile = (parent: { id: string; start: number; end: number; document: string }, children: Array<{ start: number; end: number; index: number }>) => {
      const text = docs.get(parent.document)!;
      expect(children.map((c) => c.index), parent.id).toEqual(children.map((_, i) => i));
      let at = parent.start;
      for (const child of children) {
        expect(text.slice(at, child.start).trim(), `gap before offset ${child.start} in ${parent.id}`).toBe("");
        at = child.end;
      }
      expect(text.slice(at, parent.end).trim(), `gap at the end of ${parent.id}`).toBe("");
      expect(children[0]!.start, parent.id).toBe(parent.start);
      expect(children[children.length - 1]!.end, parent.id).toBe(parent.end);
    };
    for (const p of published.paragraphs) tile(p, published.sentences.filter((s) => s.paragraph === p.id));
    for (const s of published.sentences) tile(s, published.tokens.filter((t) => t.sentence === s.id));
  });

  it("should separate paragraphs by exactly one blank line in the document text", () => {
    for (const d of published.documents) {
      const paragraphs = published.paragraphs.filter((p) => p.document === d.id);
      expect(paragraphs.map((p) => p.text).join("\n\n")).toBe(d.text);
    }
  });

  it("should publish NFC text with no tatweel, private-use glyph, stray or doubled space", () => {
    for (const d of published.documents) {
      expect(d.text.normalize("NFC") === d.text).toBe(true);
      expect(d.text).not.toMatch(/\u0640/u);
      expect(d.text).not.toMatch(/[\uE000-\uF8FF]/u);
      for (const p of d.text.split("\n\n")) {
        expect(p).toBe(p.trim());
        expect(p).not.toMatch(/\s\s|[^\S ]/u);
      }
    }
  });

  it("should close every quotation inside the sentence that opens it", () => {
    for (const s of published.sentences) {
      const opens = [...s.text].filter((c) => c === "“" || c === "«").length;
      const closes = [...s.text].filter((c) => c === "”" || c === "»").length;
      expect(opens, s.id).toBe(closes);
    }
  });
});
