import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdKeys } from "../src/validate/id-keys.js";
import { IdSet } from "../src/validate/id-set.js";

describe("IdSet", () => {
  it("should report each repeated id, whatever its shape", () => {
    const ids = new IdSet();
    for (const id of ["d/e1", "d/e2", "d/p1/s1/t3", "doc", "d/e01", "e"]) expect(ids.add(id), id).toBe(true);
    for (const id of ["d/e1", "d/p1/s1/t3", "doc", "d/e01"]) expect(ids.add(id), id).toBe(false);
  });

  it("should keep a huge number out of the bitsets and still see it repeated", () => {
    const ids = new IdSet();
    for (let i = 0; i < 5; i++) expect(ids.add(`x${i}/e999999999`)).toBe(true);
    for (let i = 0; i < 5; i++) expect(ids.add(`x${i}/e999999999`)).toBe(false);
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(64 << 20);
  });

  it("should see a repeat of an id stored before its bitset grew to cover it", () => {
    const ids = new IdSet();
    expect(ids.add("d/e5000")).toBe(true);
    for (let n = 1; n <= 6000; n++) if (n !== 5000) expect(ids.add(`d/e${n}`)).toBe(true);
    expect(ids.add("d/e5000")).toBe(false);
  });

  it("should see a repeat of an id kept aside before the ids in a row reached it", () => {
    const ids = new IdSet();
    expect(ids.add("d/e5000")).toBe(true);
    for (let n = 1; n < 5000; n++) expect(ids.add(`d/e${n}`)).toBe(true);
    expect(ids.has("d/e5000")).toBe(true);
    expect(ids.add("d/e5000")).toBe(false);
    expect(ids.add("d/e5001")).toBe(true);
  });

  it("should keep a label id, whose name follows the sentence's numbers, apart from others", () => {
    const ids = new IdSet();
    for (const id of ["d/p1/s1#us-iran", "d/p1/s1#iraq", "d/p1/s2#us-iran", "d/p2/s1#us-iran", "d/p1/s1/t1", "d/p1/s1", "d/p1/s1#"]) expect(ids.add(id), id).toBe(true);
    for (const id of ["d/p1/s1#us-iran", "d/p1/s1#iraq", "d/p2/s1#us-iran", "d/p1/s1#"]) expect(ids.add(id), id).toBe(false);
    expect(ids.has("d/p2/s2#us-iran")).toBe(false);
    expect(ids.has("d/p2/s1#iraq")).toBe(false);
    expect(ids.has("d/p1/s1#syria")).toBe(false);
    expect(ids.has("d/p1/s1#iraq")).toBe(true);
  });

  it("should tell apart prefixes that pack the same two numbers in different shapes", () => {
    const ids = new IdSet();
    for (const id of ["a/p1/s2/t3", "a/p1/s2/u3", "a/p1/x2/t3", "b/p1/s2/t3", "a/p12/s/t3", "ap1/s2/t3", "a/p1/s2/t03", "a/p01/s2/t3", "a/p1/s/2t3"]) expect(ids.add(id), id).toBe(true);
    for (const id of ["a/p1/s2/t3", "a/p1/s2/u3", "a/p1/x2/t3", "b/p1/s2/t3", "ap1/s2/t3", "a/p01/s2/t3", "a/p1/s/2t3"]) expect(ids.has(id), id).toBe(true);
    expect(ids.has("a/p2/s1/t3")).toBe(false);
    expect(ids.has("a/p1/s2/t4")).toBe(false);
  });

  it("should take the slower ways, and still answer, past its name and shape limits", () => {
    // Labels take the one shape; the tokens' prefixes, of a second shape, are kept as strings.
    const ids = new IdSet({ maxNames: 2, maxShapes: 1 });
    const all = [
      ...["a", "b", "c", "d"].map((name) => `x/p1/s1#${name}`),
      ...["x", "y", "z"].flatMap((doc) => [`${doc}/p1/s1/t1`, `${doc}/p1/s2/t1`, `${doc}/p1/s1/t2`]),
    ];
    for (const id of all) expect(ids.add(id), id).toBe(true);
    for (const id of all) {
      expect(ids.has(id), id).toBe(true);
      expect(ids.add(id), id).toBe(false);
    }
    expect(ids.has("x/p1/s1#e")).toBe(false);
    expect(ids.has("z/p1/s3/t1")).toBe(false);
  });

  it("should number the documents of its prefixes with the IdKeys it is given", () => {
    const keys = new IdKeys();
    const ids = new IdSet({ keys });
    expect(ids.add("doc-7/e1")).toBe(true);
    expect(ids.add("doc-8/p2/s1/t1")).toBe(true);
    expect([keys.knownDocument("doc-7"), keys.knownDocument("doc-8")]).toEqual([0, 1]);
    // Asking about a document never seen neither numbers it nor finds anything.
    expect(ids.has("doc-9/e1")).toBe(false);
    expect(keys.knownDocument("doc-9")).toBe(-1);
    expect(ids.has("doc-8/p2/s1/t1")).toBe(true);
  });
});

describe("IdSet (property)", () => {
  it("should answer as a Set does, for ids of many prefixes and shapes added and asked in any order", () => {
    // Sentence numbers as the corpus writes them, and as it never does (leading zero, past 2^16).
    const part = fc.oneof(fc.nat(4), fc.constantFrom(0, 65535, 65536, "01", "007"));
    const sentence = fc.tuple(fc.constantFrom("doc", "d-2014", "x", ""), part, fc.constantFrom("/s", "/s/", "-", "/s/s"), part).map(([d, a, mid, b]) => `${d}/p${a}${mid}${b}`);
    const id = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.oneof(fc.constantFrom("a/e", "b/e", "doc-000123/e", "x"), fc.nat(150).map((d) => `doc-${d}/e`)), fc.oneof(fc.nat(300), fc.nat(5000), fc.constant(0))).map(([p, n]) => `${p}${n}`) },
      { weight: 4, arbitrary: fc.tuple(sentence, fc.constantFrom("/t", "t", "/tt", ""), fc.oneof(fc.nat(70), fc.nat(3000))).map(([s, t, n]) => `${s}${t}${n}`) },
      { weight: 4, arbitrary: fc.tuple(sentence, fc.constantFrom("#us-iran", "#iraq", "#a", "#", "/x", "#t-1x")).map(([s, name]) => `${s}${name}`) },
      { weight: 1, arbitrary: fc.constantFrom("a/e01", "a/e", "e", "a/e1234567890", "a/e999999999", "#a", "123", "x0#a") },
    );
    // Ids as files list them: a prefix's numbers in a row from 0 or 1 (sometimes from further on), which
    // stay a count until one breaks the row; then single ids in any order break some rows.
    const row = fc.tuple(fc.oneof(sentence.map((s) => `${s}/t`), fc.nat(150).map((d) => `doc-${d}/e`)), fc.constantFrom(0, 1, 1, 2, 1100), fc.nat(80)).map(([p, from, k]) => Array.from({ length: k }, (_, j) => `${p}${from + j}`));
    const op = fc.oneof({ weight: 5, arbitrary: fc.tuple(id, fc.boolean()).map(([i, ask]) => [[i, ask] as const]) }, { weight: 1, arbitrary: row.map((ids) => ids.map((i) => [i, false] as const)) });
    const limits = fc.constantFrom({}, { maxNames: 3 }, { maxShapes: 4 }, { maxNames: 1, maxShapes: 1 });
    fc.assert(
      fc.property(limits, fc.array(op, { minLength: 300, maxLength: 2000 }), (limit, ops) => {
        const set = new IdSet(limit);
        const model = new Set<string>();
        for (const [i, ask] of ops.flat()) {
          if (ask) expect(set.has(i), i).toBe(model.has(i));
          else {
            expect(set.add(i), i).toBe(!model.has(i));
            model.add(i);
          }
        }
        for (const i of model) expect(set.add(i), i).toBe(false);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
