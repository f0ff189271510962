import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
});

describe("IdSet (property)", () => {
  it("should answer as a Set does, for ids of many prefixes added in any order", () => {
    const id = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.oneof(fc.constantFrom("a/e", "b/e", "doc-000123/e", "d/p1/s1/t", "x"), fc.nat(150).map((d) => `doc-${d}/e`)), fc.oneof(fc.nat(300), fc.nat(5000), fc.constant(0))).map(([p, n]) => `${p}${n}`) },
      { weight: 1, arbitrary: fc.constantFrom("a/e01", "a/e", "e", "a/e1234567890", "a/e999999999") },
    );
    fc.assert(
      fc.property(fc.array(id, { minLength: 300, maxLength: 2000 }), (ids) => {
        const set = new IdSet();
        const model = new Set<string>();
        for (const i of ids) {
          expect(set.add(i), i).toBe(!model.has(i));
          model.add(i);
        }
        for (const i of model) expect(set.add(i), i).toBe(false);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
