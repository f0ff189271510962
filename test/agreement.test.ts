import { describe, expect, it } from "vitest";
import { cohensKappa, mentionAgreement, stanceAgreement } from "../src/agreement.js";

const repeat = (pair: [string, string], n: number) => Array.from({ length: n }, () => pair);

describe("cohensKappa", () => {
  it("should give 0.4 on the textbook 2×2 example (20/5/10/15)", () => {
    const pairs = [...repeat(["yes", "yes"], 20), ...repeat(["yes", "no"], 5), ...repeat(["no", "yes"], 10), ...repeat(["no", "no"], 15)];
    const result = cohensKappa(pairs);
    expect(result.n).toBe(50);
    expect(result.observed).toBe(0.7);
    expect(result.expected).toBe(0.5);
    expect(result.kappa).toBe(0.4);
    expect(result.confusion.yes!.no).toBe(5);
  });

  it("should give 0 when agreement is exactly what chance predicts", () => {
    const pairs = [...repeat(["a", "a"], 25), ...repeat(["a", "b"], 25), ...repeat(["b", "a"], 25), ...repeat(["b", "b"], 25)];
    expect(cohensKappa(pairs).kappa).toBe(0);
  });

  it("should give no κ, rather than 0, when no item was labelled by both passes", () => {
    const result = cohensKappa([]);
    expect(result).toEqual({ n: 0, observed: null, expected: null, kappa: null, confusion: {} });
  });
});

describe("mentionAgreement", () => {
  const a = [
    { start: 0, end: 5, type: "GPE" },
    { start: 10, end: 20, type: "ORG" },
    { start: 30, end: 35, type: "PER" },
  ];
  const b = [
    { start: 0, end: 5, type: "LOC" },
    { start: 12, end: 20, type: "ORG" },
    { start: 30, end: 35, type: "PER" },
    { start: 40, end: 45, type: "DATE" },
  ];

  it("should score exact spans, overlapping spans and typed spans separately", () => {
    const result = mentionAgreement(a, b);
    expect(result.exact).toMatchObject({ matched: 2, a: 3, b: 4, precision: 0.5, recall: 0.6667 });
    expect(result.overlap).toMatchObject({ matched: 3, precision: 0.75, recall: 1 });
    expect(result.exactTyped.matched).toBe(1);
    expect(result.typeAgreement).toEqual({ matched: 2, agreed: 1, rate: 0.5 });
    expect(result.perType.PER).toMatchObject({ matched: 1, f1: 1 });
    expect(result.perType.DATE).toMatchObject({ matched: 0, a: 0, b: 1 });
  });

  it("should match each span at most once", () => {
    const result = mentionAgreement([{ start: 0, end: 10, type: "X" }], [{ start: 0, end: 4, type: "X" }, { start: 5, end: 10, type: "X" }]);
    expect(result.overlap.matched).toBe(1);
  });
});

describe("stanceAgreement", () => {
  it("should pair records by holder, target and overlapping evidence, and compare their labels", () => {
    const record = (id: string, holder: string, label: string, start: number) => ({ id, holder, target: "t", label, evidence: [{ start, end: start + 5 }], document: "d" });
    const result = stanceAgreement(
      [record("a1", "kerry", "FAVOR", 0), record("a2", "iran", "AGAINST", 10)],
      [record("b1", "kerry", "FAVOR", 2), record("b2", "iran", "NEUTRAL", 12), record("b3", "obama", "FAVOR", 0)],
      [{ id: "s1#t", label: "FAVOR" }, { id: "s2#t", label: "AGAINST" }],
      [{ id: "s1#t", label: "FAVOR" }, { id: "s2#t", label: "NONE" }],
    );
    expect(result.records).toMatchObject({ a: 2, b: 3, matched: 2, labelAgreed: 1, labelAgreement: 0.5 });
    expect(result.sentenceLabels).toMatchObject({ n: 2, observed: 0.5 });
    expect(result.fields.explicit).toEqual({ agreed: 2, rate: 1 });
  });

  it("should say how far the evidence of paired records agrees, which pairing by overlap does not", () => {
    const record = (evidence: Array<{ start: number; end: number }>) => ({ id: "x", holder: "h", target: "t", label: "FAVOR", evidence, document: "d" });
    // Pair 1: the same two spans in another order. Pair 2: [0, 10) against [5, 20) and [18, 25), which cover 5 code points in common of 25.
    const a = [record([{ start: 100, end: 104 }, { start: 90, end: 95 }]), { ...record([{ start: 0, end: 10 }]), holder: "g" }];
    const b = [record([{ start: 90, end: 95 }, { start: 100, end: 104 }]), { ...record([{ start: 5, end: 20 }, { start: 18, end: 25 }]), holder: "g" }];
    expect(stanceAgreement(a, b, [], []).evidence).toEqual({ identical: 1, rate: 0.5, overlap: 0.4118 }); // (9 + 5) ÷ (9 + 25), to 4 places
  });
});
