import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCorpus } from "../scripts/build-corpus.js";

const bytes = (content: string | Uint8Array) => Buffer.from(content);

describe("npm run build", async () => {
  const first = await buildCorpus(".");

  it("should produce byte-identical files on two consecutive builds", async () => {
    const second = await buildCorpus(".");
    expect(Object.keys(second.files)).toEqual(Object.keys(first.files));
    for (const [path, content] of Object.entries(first.files)) expect(bytes(second.files[path]!).equals(bytes(content)), path).toBe(true);
  });

  it("should match the committed data, text, exports, data module and manifest", () => {
    for (const [path, content] of Object.entries(first.files)) {
      expect(readFileSync(path).equals(bytes(content)), `${path} is stale: run npm run build`).toBe(true);
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

  it("should write stable, LF-only, newline-terminated text output", () => {
    for (const [path, content] of Object.entries(first.files)) {
      // Parquet is binary, and brat's .txt must equal the document text exactly.
      if (typeof content !== "string" || /brat\/.*\.txt$/.test(path)) continue;
      const text = content;
      expect(text.endsWith("\n"), path).toBe(true);
      expect(text.includes("\r"), path).toBe(false);
    }
  });
});
