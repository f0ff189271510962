import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { RowStore } from "../src/validate/row-store.js";

const temp = mkdtempSync(join(tmpdir(), "anc-row-store-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every row as drained, as arrays of `width` numbers. */
function drained(store: RowStore, width: number): number[][] {
  const out: number[][] = [];
  store.drain((rows, at) => out.push(Array.from(rows.subarray(at, at + width))));
  return out;
}

describe("RowStore", () => {
  it("should hand rows back grouped by document, in the order added within each, in memory or from its file", () => {
    const row = (width: number) => fc.tuple(fc.nat(40), fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: width - 1, maxLength: width - 1 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((width) => fc.tuple(fc.constant(width), fc.array(row(width), { maxLength: 3000, size: "max" }), fc.constantFrom(1, 24, 100, 1000, 1 << 20))),
        ([width, rows, budget]) => {
          const directory = mkdtempSync(join(temp, "p-"));
          const store = new RowStore(width, { budget, directory });
          for (const [document, rest] of rows) store.add(document, ...rest);
          expect(store.size).toBe(rows.length);
          // Past the budget, rows go to the file (and the file has no name left on disk).
          if (rows.length * width * 4 > budget * 2 + width * 4) expect(store.rowsInFile).toBeGreaterThan(0);
          expect(readdirSync(directory)).toEqual([]);
          const expected = rows.map(([document, rest]) => [document, ...rest]).sort((a, b) => a[0]! - b[0]!);
          expect(drained(store, width)).toEqual(expected);
          expect([store.size, store.rowsInFile]).toEqual([0, 0]);
          // Drained, it is empty and can be filled again.
          store.add(7, ...rows.slice(0, 1).flatMap(([, rest]) => rest));
          expect(drained(store, width).map((r) => r[0])).toEqual([7]);
          rmSync(directory, { recursive: true });
        },
      ),
      { numRuns: 60, seed: 21 },
    );
  });

  it("should hand back a document with more rows than the budget whole", () => {
    const store = new RowStore(2, { budget: 64, directory: temp });
    for (let i = 0; i < 100; i++) store.add(i % 10 === 0 ? 1 : 3, i);
    expect(store.rowsInFile).toBeGreaterThan(0);
    const rows = drained(store, 2);
    expect(rows.map((r) => r[1])).toEqual([...Array.from({ length: 10 }, (_, k) => k * 10), ...Array.from({ length: 100 }, (_, i) => i).filter((i) => i % 10 !== 0)]);
  });

  it("should keep its rows in memory, and lose none, when it cannot make its file", () => {
    const store = new RowStore(3, { budget: 48, directory: join(temp, "does-not-exist") });
    for (let i = 0; i < 500; i++) store.add(499 - i, i, -i);
    expect(store.rowsInFile).toBe(0);
    expect(drained(store, 3)).toEqual(Array.from({ length: 500 }, (_, i) => [i, 499 - i, i - 499]));
  });

  it("should refuse a row width it cannot hold", () => {
    expect(() => new RowStore(9)).toThrow("expected a row width of 1 to 8 numbers, found 9");
  });
});
