import { describe, expect, it } from "vitest";
import { corpus, createCorpus, type CorpusData } from "../src/index.js";
import { published } from "./helpers/published.js";

describe("corpus (the shipped records)", () => {
  it("should hold exactly the published records of every type", () => {
    expect(corpus.documents).toEqual(published.documents);
    expect(corpus.sentences).toEqual(published.sentences);
    expect(corpus.tokens).toEqual(published.tokens);
    expect(corpus.entityMentions).toEqual(published.mentions);
    expect(corpus.stances).toEqual(published.stances);
    expect(corpus.sentenceStances).toEqual(published.sentenceStances);
    expect(corpus.entityCatalogue).toEqual(published.catalogue);
  });

  it("should look up every record by its id", () => {
    for (const s of published.sentences) expect(corpus.sentence(s.id)).toEqual(s);
    for (const m of published.mentions) expect(corpus.mention(m.id)).toEqual(m);
    for (const e of published.catalogue) expect(corpus.entity(e.id)).toEqual(e);
    for (const t of published.targets) expect(corpus.target(t.id)).toEqual(t);
    expect(corpus.sentence("us-iran-iraq-2014/p99/s1")).toBeUndefined();
  });

  it("should navigate from a sentence to its tokens, mentions, stances and labels, in order", () => {
    for (const s of published.sentences) {
      expect(corpus.tokensOf(s.id).map((t) => t.id)).toEqual(published.tokens.filter((t) => t.sentence === s.id).map((t) => t.id));
      expect(corpus.mentionsOf(s.id).every((m) => m.sentence === s.id)).toBe(true);
      expect(corpus.stancesOf(s.id).every((st) => st.sentences.includes(s.id))).toBe(true);
      expect(corpus.sentenceStancesOf(s.id)).toHaveLength(published.targets.length);
    }
    const p5 = corpus.sentence("us-iran-iraq-2014/p5/s1")!;
    expect(corpus.stancesOf(p5.id).length).toBe(published.stances.filter((s) => s.sentences.includes(p5.id)).length);
  });

  it("should navigate from a mention to its sentence and paragraph, and from an entity to its mentions", () => {
    for (const m of published.mentions) {
      expect(corpus.sentenceOf(m)!.id).toBe(m.sentence);
      expect(corpus.paragraphOf(m)!.id).toBe(m.paragraph);
    }
    const kerry = corpus.mentionsOfEntity("john-kerry");
    expect(kerry.length).toBe(published.mentions.filter((m) => m.entity === "john-kerry").length);
    expect(new Set(kerry.map((m) => m.text)).size).toBeGreaterThan(0);
  });

  it("should slice by code point and refuse an unknown document", () => {
    const m = published.mentions[0]!;
    expect(corpus.slice(m.document, m.start, m.end)).toBe(m.text);
    expect(() => corpus.slice("nope", 0, 1)).toThrow(/expected a document id/);
  });

  it("should index records given to createCorpus, not only the shipped ones", () => {
    const mine = createCorpus({ ...corpus, sentences: corpus.sentences.slice(0, 2) });
    expect(mine.sentences).toHaveLength(2);
    expect(mine.sentence(corpus.sentences[2]!.id)).toBeUndefined();
  });
});

describe("createCorpus over records loaded without their raw texts", () => {
  /** The ten record arrays only, as a user who read corpus/data/*.jsonl has them. */
  const records: CorpusData = {
    documents: corpus.documents,
    paragraphs: corpus.paragraphs,
    sentences: corpus.sentences,
    tokens: corpus.tokens,
    entityMentions: corpus.entityMentions,
    entityCatalogue: corpus.entityCatalogue,
    stanceTargets: corpus.stanceTargets,
    stances: corpus.stances,
    sentenceStances: corpus.sentenceStances,
    offsetMaps: corpus.offsetMaps,
  };
  const doc = corpus.documents[0]!;

  it("should accept records without rawTexts, serve everything else, and give empty rawTexts", () => {
    const mine = createCorpus(records);
    expect(mine.rawTexts).toEqual({});
    const m = corpus.entityMentions[0]!;
    expect(mine.slice(m.document, m.start, m.end)).toBe(m.text);
  });

  it("should make rawEvidence name the raw text it needs, and where it comes from, when rawTexts is missing", () => {
    const message = `expected the raw text of ${JSON.stringify(doc.id)} in createCorpus's rawTexts (the file ${doc.raw}), found none`;
    expect(() => createCorpus(records).rawEvidence(doc.id, 0, 5)).toThrow(new Error(message));
    // From JavaScript, with rawTexts given as undefined or without this document.
    expect(() => createCorpus({ ...records, rawTexts: undefined }).rawEvidence(doc.id, 0, 5)).toThrow(new Error(message));
    expect(() => createCorpus({ ...records, rawTexts: { other: "x" } }).rawEvidence(doc.id, 0, 5)).toThrow(new Error(message));
  });

  it("should give the shipped corpus's raw evidence once rawTexts is given", () => {
    const mine = createCorpus({ ...records, rawTexts: corpus.rawTexts });
    expect(mine.rawEvidence(doc.id, 10, 30)).toEqual(corpus.rawEvidence(doc.id, 10, 30));
  });

  it("should name a missing offset map as such", () => {
    const mine = createCorpus({ ...records, offsetMaps: [], rawTexts: corpus.rawTexts });
    expect(() => mine.rawEvidence(doc.id, 0, 5)).toThrow(new Error(`expected the offset map of ${JSON.stringify(doc.id)} in createCorpus's offsetMaps, found none`));
  });
});
