import { describe, expect, it } from "vitest";
import * as shipped from "../src/generated/corpus-data.js";
import { Validator } from "../src/validate/validator.js";
import { published } from "./helpers/published.js";

/** Validates records in process against the shipped corpus and returns the check ids that fired. */
function fired(records: object[]): string[] {
  const validator = new Validator({ reference: shipped });
  records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
  validator.finish();
  return validator.incidents.map((i) => i.check).sort();
}

describe("Validator references across documents", () => {
  const doc = published.documents[0]!;
  const other = { ...doc, id: "other-doc", document: "other-doc" };

  it("should accept records of a second document that refer to its own sentences (control)", () => {
    const sentence = { ...published.sentences[0]!, id: "other-doc/p1/s1", document: "other-doc", paragraph: "other-doc/p1" };
    const paragraph = { ...published.paragraphs[0]!, id: "other-doc/p1", document: "other-doc" };
    const token = { ...published.tokens[0]!, id: "other-doc/p1/s1/t1", document: "other-doc", paragraph: "other-doc/p1", sentence: "other-doc/p1/s1" };
    expect(fired([other, paragraph, sentence, token])).toEqual([]);
  });

  it("should refuse a mention, a stance, a label and a token of one document that point into another", () => {
    const mention = { ...published.mentions[0]!, id: "other-doc/e1", document: "other-doc" };
    const stance = { ...published.stances[0]!, id: "other-doc/st1", document: "other-doc" };
    const label = { ...published.sentenceStances[0]!, document: "other-doc" };
    const token = { ...published.tokens[0]!, id: "other-doc/p1/s1/t1", document: "other-doc" };
    const checks = fired([other, mention, stance, label, token]);
    expect(new Set(checks)).toEqual(new Set(["missing-sentence"]));
    // one for the mention, the label and the token, and one per evidence span of the stance
    expect(checks).toHaveLength(3 + stance.evidence.length);
  });

  it("should find the stances that labels name in the reference data when only the labels are given", () => {
    expect(fired(published.sentenceStances)).toEqual([]);
  });

  it("should report a record of an unknown document once, not again for its sentence", () => {
    const mention = { ...published.mentions[0]!, id: "nowhere/e1", document: "nowhere" };
    expect(fired([mention])).toEqual(["missing-document"]);
  });
});

describe("Validator sentence labels", () => {
  // More targets than one bit table holds (15), named as the corpus names them.
  const targets = Array.from({ length: 20 }, (_, i) => ({ ...published.targets[0]!, id: `extra-${String.fromCharCode(0x61 + i)}` }));
  const sentences = published.sentences;
  const label = (s: (typeof sentences)[number], target: string, id = `${s.id}#${target}`) => ({ id, document: s.document, sentence: s.id, target, label: "NONE", stances: [] });
  const labels = [...published.sentenceStances, ...sentences.flatMap((s) => targets.map((t) => label(s, t.id)))];
  const base = [...published.documents, ...published.paragraphs, ...sentences, ...published.catalogue, ...published.targets, ...targets, ...published.stances];

  function incidents(records: object[]): string[] {
    const validator = new Validator();
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => `${i.check}: ${i.message}`);
  }

  it("should accept one label per sentence and target (control)", () => {
    expect(incidents([...base, ...labels])).toEqual([]);
  });

  it("should report each missing label, and a second one once however many follow, for targets of either table", () => {
    const first = sentences[0]!;
    const last = sentences.at(-1)!;
    const missing = new Set([`${first.id}#extra-d`, `${last.id}#extra-r`]);
    const extra = [1, 2, 3, 4, 5, 6].map((n) => label(sentences[1]!, "extra-q", `${sentences[1]!.id}#copy-${n}`));
    expect(incidents([...base, ...labels.filter((l) => !missing.has(l.id)), ...extra]).sort()).toEqual([
      `sentence-label-count: expected one label for ${first.id}#extra-d, found none`,
      `sentence-label-count: expected one label for ${last.id}#extra-r, found none`,
      `sentence-label-count: expected one label for ${sentences[1]!.id}#extra-q, found a second`,
    ].sort());
  });

  it("should report a label's stance that no record has, and only that one", () => {
    const stances = [published.stances[0]!.id, `${published.documents[0]!.id}/st999`, published.stances.at(-1)!.id];
    const wrong = labels.map((l) => (l.id === labels[0]!.id ? { ...l, stances } : l));
    expect(incidents([...base, ...wrong])).toEqual([`missing-stance: expected stance ${stances[1]} to exist, found none`]);
  });
});
