import { describe, expect, it } from "vitest";
import { published } from "./helpers/published.js";

const mentions = published.mentions;
const catalogue = new Map(published.catalogue.map((e) => [e.id, e]));
const sentences = new Map(published.sentences.map((s) => [s.id, s]));

describe("entity mentions", () => {
  it("should begin each mention's text with its prefix, and give a non-empty canonical form", () => {
    for (const m of mentions) {
      expect(m.text.startsWith(m.prefix), m.id).toBe(true);
      expect(m.canonical.length, m.id).toBeGreaterThan(0);
    }
  });

  it("should nest at most one level, the inner mention strictly inside the outer", () => {
    const byId = new Map(mentions.map((m) => [m.id, m]));
    for (const m of mentions.filter((x) => x.parent)) {
      const outer = byId.get(m.parent!)!;
      expect(outer.parent, `${m.id} is nested two levels deep`).toBeUndefined();
      expect(outer.start <= m.start && m.end <= outer.end && outer.end - outer.start > m.end - m.start, m.id).toBe(true);
    }
    for (const a of mentions) {
      for (const b of mentions) {
        const crossing = a.start < b.start && b.start < a.end && a.end < b.end;
        expect(crossing, `${a.id} crosses ${b.id}`).toBe(false);
      }
    }
  });

  it("should have no duplicate mentions", () => {
    const spans = mentions.map((m) => `${m.document}|${m.start}|${m.end}`);
    expect(new Set(spans).size).toBe(spans.length);
  });

  it("should link every mention to a catalogue entity of a compatible type, and use every entity", () => {
    for (const m of mentions) {
      const entity = catalogue.get(m.entity);
      expect(entity, m.id).toBeDefined();
      expect([entity!.type, ...(entity!.metonymicTypes ?? [])], m.id).toContain(m.type);
    }
    for (const id of catalogue.keys()) expect(mentions.some((m) => m.entity === id), `${id} has no mention`).toBe(true);
  });

  it("should lie inside its sentence and cover whole tokens of it", () => {
    for (const m of mentions) {
      const s = sentences.get(m.sentence)!;
      expect(s.start <= m.start && m.end <= s.end, m.id).toBe(true);
      const tokens = published.tokens.filter((t) => t.sentence === m.sentence);
      expect(tokens[m.tokenStart]!.start, m.id).toBe(m.start);
      expect(tokens[m.tokenEnd - 1]!.end, m.id).toBe(m.end);
    }
  });
});

describe("stances", () => {
  const targets = published.targets.map((t) => t.id);

  it("should give exactly one sentence label per sentence × target", () => {
    const keys = published.sentenceStances.map((l) => `${l.sentence}#${l.target}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(published.sentences.length * targets.length);
  });

  it("should reproduce every published sentence label from the attributed records by the guideline rule", () => {
    for (const label of published.sentenceStances) {
      const records = published.stances.filter((s) => s.target === label.target && s.evidence.some((e) => e.sentence === label.sentence));
      const favor = records.some((r) => r.label === "FAVOR");
      const against = records.some((r) => r.label === "AGAINST");
      expect(label.stances.sort(), label.id).toEqual(records.map((r) => r.id).sort());
      if (favor && against) {
        expect(label.resolution, `${label.id} has a conflict without a declared resolution`).toBeTruthy();
      } else {
        expect(label.resolution, label.id).toBeUndefined();
        expect(label.label, label.id).toBe(favor ? "FAVOR" : against ? "AGAINST" : "NONE");
      }
    }
  });

  it("should point every stance at a listed target and a catalogue holder or the writer", () => {
    for (const s of published.stances) {
      expect(targets, s.id).toContain(s.target);
      expect(s.holder === "writer" || catalogue.has(s.holder), s.id).toBe(true);
      for (const e of s.evidence) expect(s.sentences, s.id).toContain(e.sentence);
    }
  });
});
