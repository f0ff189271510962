import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sameContents, Staging } from "../scripts/lib/staging.js";
import { scratchDir } from "./helpers/temp-root.js";

const root = () => scratchDir("anc-staging-");

describe("Staging", () => {
  it("should write nothing into the root before commit, then move every file into place", () => {
    const dir = root();
    writeFileSync(join(dir, "old.txt"), "old");
    const staging = new Staging(dir);
    const file = staging.open("a/b/new.txt");
    file.write("نص ");
    file.write(Buffer.from("and bytes"));
    const written = file.close();
    staging.open("old.txt").close();
    expect(readdirSync(dir).filter((f) => !f.startsWith(".build-")).sort()).toEqual(["old.txt"]);
    expect(readFileSync(join(dir, "old.txt"), "utf8")).toBe("old");
    expect(written).toEqual({ path: "a/b/new.txt", bytes: Buffer.byteLength("نص and bytes"), sha256: createHash("sha256").update("نص and bytes").digest("hex") });
    staging.commit();
    staging.discard();
    expect(readFileSync(join(dir, "a/b/new.txt"), "utf8")).toBe("نص and bytes");
    expect(readFileSync(join(dir, "old.txt"), "utf8")).toBe("");
    expect(readdirSync(dir).sort()).toEqual(["a", "old.txt"]);
  });

  it("should refuse to commit while a file is still being written, and leave nothing after discard", () => {
    const dir = root();
    const staging = new Staging(dir);
    staging.open("x.txt").write("partial");
    expect(() => staging.commit()).toThrow(/x\.txt still open/);
    staging.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("should fail on the injected write and refuse a path written twice", () => {
    const dir = root();
    const staging = new Staging(dir, { failAfter: 1 });
    staging.open("one.txt").close();
    expect(() => staging.open("one.txt")).toThrow(/written twice/);
    expect(() => staging.open("two.txt")).toThrow(/injected failure before writing two\.txt/);
    staging.discard();
    expect(existsSync(join(dir, "one.txt"))).toBe(false);
  });

  it("should read a staged file back in blocks, and compare files by content", () => {
    const dir = root();
    const staging = new Staging(dir);
    const text = "سطر\n".repeat(400_000);
    const file = staging.open("lines.jsonl");
    file.write(text);
    file.close();
    const blocks = [...staging.blocks("lines.jsonl")];
    expect(blocks.length).toBeGreaterThan(1);
    expect(Buffer.concat(blocks).toString("utf8")).toBe(text);
    expect(staging.size("lines.jsonl")).toBe(Buffer.byteLength(text));
    writeFileSync(join(dir, "same.jsonl"), text);
    writeFileSync(join(dir, "other.jsonl"), `${text.slice(0, -2)}x\n`);
    expect(sameContents(staging.staged("lines.jsonl"), join(dir, "same.jsonl"))).toBe(true);
    expect(sameContents(staging.staged("lines.jsonl"), join(dir, "other.jsonl"))).toBe(false);
    expect(sameContents(staging.staged("lines.jsonl"), join(dir, "missing.jsonl"))).toBe(false);
    staging.discard();
  });
});
