import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateFiles } from "../src/validate/validate-files.js";
import { repo, scratchDir } from "./helpers/temp-root.js";

/** A copy of the package's manifest and every file it lists, under a scratch root. */
function packageCopy(): string {
  const root = scratchDir("anc-manifest-");
  cpSync(join(repo, "package.json"), join(root, "package.json"));
  cpSync(join(repo, "schema"), join(root, "schema"), { recursive: true });
  cpSync(join(repo, "corpus"), join(root, "corpus"), { recursive: true });
  return root;
}

const manifestOf = (root: string) => join(root, "corpus/manifest.json");

function editManifest(root: string, edit: (m: Record<string, any>) => void): void {
  const m = JSON.parse(readFileSync(manifestOf(root), "utf8"));
  edit(m);
  writeFileSync(manifestOf(root), `${JSON.stringify(m, null, 2)}\n`);
}

/** The manifest-files incidents of validating the manifest at `root`, as pointer → message. */
async function incidents(root: string, options: { level?: number } = {}): Promise<Array<[string, string]>> {
  const { validator } = await validateFiles([manifestOf(root)], options);
  expect(validator.incidents.filter((i) => i.check !== "manifest-files")).toEqual([]);
  return validator.incidents.map((i) => [i.pointer!, i.message.replaceAll(root, "<root>")]);
}

const listed = (root: string, path: string) => JSON.parse(readFileSync(manifestOf(root), "utf8")).files.findIndex((f: { path: string }) => f.path === path) as number;

describe("validate: a manifest against the files it lists (manifest-files)", () => {
  it("should find the shipped manifest true of the files it lists, schemas and raw sources included", async () => {
    const { validator } = await validateFiles([join(repo, "corpus/manifest.json")]);
    expect(validator.incidents).toEqual([]);
  });

  it("should name a data file changed since the build by its size, SHA-256 and records", async () => {
    const root = packageCopy();
    const path = join(root, "corpus/data/stances.jsonl");
    const lines = readFileSync(path, "utf8").split("\n");
    writeFileSync(path, `${lines.slice(0, -2).join("\n")}\n`);
    const i = listed(root, "corpus/data/stances.jsonl");
    const found = await incidents(root);
    expect(found.map(([pointer]) => pointer)).toEqual([`/files/${i}/bytes`, `/files/${i}/sha256`, `/files/${i}/records`]);
    expect(found[2]![1]).toBe(`expected <root>/corpus/data/stances.jsonl to hold the ${lines.length - 1} records (lines) listed, found ${lines.length - 2}`);
  });

  it("should count a last line without its LF as a record, as JSON Lines does", async () => {
    const root = packageCopy();
    const path = join(root, "corpus/data/stances.jsonl");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, -1));
    const i = listed(root, "corpus/data/stances.jsonl");
    expect((await incidents(root)).map(([pointer]) => pointer)).toEqual([`/files/${i}/bytes`, `/files/${i}/sha256`]);
  });

  it("should name a listed file that is missing, a raw source among them, and one that is a directory", async () => {
    const root = packageCopy();
    rmSync(join(root, "corpus/raw/us-iran-iraq-2014.txt"));
    rmSync(join(root, "corpus/data/tokens.jsonl"));
    mkdirSync(join(root, "corpus/data/tokens.jsonl"));
    expect(await incidents(root)).toEqual([
      [`/files/${listed(root, "corpus/data/tokens.jsonl")}/path`, "expected <root>/corpus/data/tokens.jsonl to be a file, found a directory"],
      ["/sources/0/path", "expected <root>/corpus/raw/us-iran-iraq-2014.txt to exist, found nothing at that path"],
    ]);
  });

  it("should refuse a count that is not the records of its file, and a count with no file listed", async () => {
    const root = packageCopy();
    editManifest(root, (m) => {
      m.counts.documents = 2;
      m.counts.lemmas = 0;
    });
    expect(await incidents(root)).toEqual([
      ["/counts/documents", `expected the count of documents to be the 1 records listed for corpus/data/documents.jsonl (/files/${listed(root, "corpus/data/documents.jsonl")}), found 2`],
      ["/counts/lemmas", "expected corpus/data/lemmas.jsonl listed in /files with its records, to count lemmas, found no such entry"],
    ]);
  });

  it("should name a JSONL data file that the manifest does not list", async () => {
    const root = packageCopy();
    cpSync(join(root, "corpus/data/stances.jsonl"), join(root, "corpus/data/stances-old.jsonl"));
    expect(await incidents(root)).toEqual([["/files", "expected every JSONL file in <root>/corpus/data to be listed, found stances-old.jsonl not listed"]]);
  });

  it("should refuse a path that leaves the package, without reading it", async () => {
    const root = packageCopy();
    editManifest(root, (m) => {
      m.files.push({ path: "../../etc/hostname", bytes: 1, sha256: "0".repeat(64) }, { path: "corpus/./data/stances.jsonl", bytes: 1, sha256: "0".repeat(64) });
    });
    const n = JSON.parse(readFileSync(manifestOf(root), "utf8")).files.length as number;
    expect((await incidents(root)).map(([pointer, message]) => [pointer, message.split(",")[0]])).toEqual([
      [`/files/${n - 2}/path`, 'expected a path inside the package (relative'],
      [`/files/${n - 1}/path`, 'expected a path inside the package (relative'],
    ]);
  });

  it("should refuse a version other than the package's when the package.json beside it is of the same package", async () => {
    const root = packageCopy();
    editManifest(root, (m) => {
      m.version = "0.0.9";
    });
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;
    expect(await incidents(root)).toEqual([["/version", `expected the version of the package at <root>/package.json, "${version}", found "0.0.9"`]]);
    // Beside another package's package.json, the manifest is not held to that package's version.
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "someone-elses", version: "9.9.9" }));
    expect(await incidents(root)).toEqual([]);
  });

  it("should not read the listed files below level 3", async () => {
    const root = packageCopy();
    rmSync(join(root, "corpus/data/tokens.jsonl"));
    expect(await incidents(root, { level: 2 })).toEqual([]);
  });
});
