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

  it("should report a record of an unknown document once, not again for its sentence", () => {
    const mention = { ...published.mentions[0]!, id: "nowhere/e1", document: "nowhere" };
    expect(fired([mention])).toEqual(["missing-document"]);
  });
});
