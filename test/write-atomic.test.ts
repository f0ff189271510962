import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFilesAtomically } from "../scripts/lib/write-atomic.js";
import { scratchDir } from "./helpers/temp-root.js";

describe("writeFilesAtomically", () => {
  it("should leave every previous output intact when a write fails part-way, at any point", () => {
    for (let failAfter = 0; failAfter < 3; failAfter++) {
      const dir = scratchDir("anc-atomic-");
      const a = join(dir, "a.txt");
      const b = join(dir, "b.txt");
      writeFileSync(a, "old a");
      writeFileSync(b, "old b");
      expect(() => writeFilesAtomically({ [a]: "new a", [b]: "new b", [join(dir, "c.txt")]: "new c" }, { failAfter })).toThrow(/injected failure/);
      expect(readFileSync(a, "utf8")).toBe("old a");
      expect(readFileSync(b, "utf8")).toBe("old b");
      expect(existsSync(join(dir, "c.txt"))).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
    }
  });

  it("should replace every file when nothing fails", () => {
    const dir = scratchDir("anc-atomic-");
    writeFilesAtomically({ [join(dir, "x/y.txt")]: "y", [join(dir, "z.txt")]: "z" });
    expect(readFileSync(join(dir, "x/y.txt"), "utf8")).toBe("y");
    expect(readFileSync(join(dir, "z.txt"), "utf8")).toBe("z");
  });
});
