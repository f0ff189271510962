import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCorpus } from "../scripts/build-corpus.js";

describe("npm run build", () => {
  const first = buildCorpus(".");

  it("should produce byte-identical files on two consecutive builds", () => {
    const second = buildCorpus(".");
    expect(Object.keys(second.files)).toEqual(Object.keys(first.files));
    for (const [path, text] of Object.entries(first.files)) expect(second.files[path] === text, path).toBe(true);
  });

  it("should match the committed data, text, data module and manifest", () => {
    for (const [path, text] of Object.entries(first.files)) {
      expect(readFileSync(path, "utf8") === text, `${path} is stale: run npm run build`).toBe(true);
    }
  });

  it("should record the true size and SHA-256 of every file in the manifest", () => {
    const { manifest } = first;
    for (const entry of [...manifest.files, ...manifest.schemas, ...manifest.sources]) {
      const bytes = readFileSync(entry.path);
      expect(bytes.length, entry.path).toBe(entry.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), entry.path).toBe(entry.sha256);
    }
  });

  it("should give the package version as the dataset version, and count records per file", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(first.manifest.version).toBe(pkg.version);
    for (const entry of first.manifest.files.filter((f) => f.path.endsWith(".jsonl"))) {
      const lines = readFileSync(entry.path, "utf8").split("\n").filter(Boolean).length;
      expect(entry.records, entry.path).toBe(lines);
    }
  });

  it("should write stable, LF-only, newline-terminated output", () => {
    for (const [path, text] of Object.entries(first.files)) {
      expect(text.endsWith("\n"), path).toBe(true);
      expect(text.includes("\r"), path).toBe(false);
    }
  });
});
