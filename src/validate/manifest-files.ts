import { createHash } from "node:crypto";
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Manifest } from "../generated/types.js";
import { printable } from "./printable.js";
import { unstatable } from "./unstatable.js";
import { insidePackage } from "./package-path.js";

/** Reports one incident of the manifest-files check, at a JSON Pointer into the manifest. */
export type ManifestReport = (pointer: string, message: string) => void;

interface FileFacts {
  bytes: number;
  sha256: string;
  /** Lines, counted as JSONL records are: a last line without its LF counts. */
  lines: number;
}

/** Size, SHA-256 and lines of a file, read once in chunks (a data file may be large). */
async function factsOf(path: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    last = chunk[chunk.length - 1]!;
  }
  return { bytes, sha256: hash.digest("hex"), lines: lines + (last === 0x0a ? 0 : 1) };
}

/**
 * Checks a schema-valid manifest against the files it lists. Its paths are inside the package, and
 * the manifest is the package's `corpus/manifest.json`: they are resolved from the folder above
 * the manifest's folder. Each listed file must be there with the listed size and SHA-256 (and, for
 * a JSONL file, as many lines as `records` says); each of `counts` must be the records of the
 * listed `corpus/data/<kind>.jsonl`; every JSONL file in `corpus/data` must be listed; and where a
 * package.json of the same name is at the root, `version` must be its version.
 */
export async function checkManifestFiles(manifestPath: string, manifest: Manifest, report: ManifestReport): Promise<void> {
  const root = dirname(dirname(resolve(manifestPath)));
  const shown = (path: string) => join(dirname(dirname(manifestPath)), path);
  const listed = new Map<string, { records?: number; pointer: string }>();
  for (const group of ["files", "schemas", "sources"] as const) {
    for (const [i, entry] of manifest[group].entries()) {
      const pointer = `/${group}/${i}`;
      if (!insidePackage(entry.path)) {
        report(`${pointer}/path`, `expected a path inside the package (relative, with forward slashes, no "." or ".." steps), found ${JSON.stringify(printable(entry.path))}`);
        continue;
      }
      listed.set(entry.path, { ...(entry.records !== undefined ? { records: entry.records } : {}), pointer });
      const path = join(root, entry.path);
      let facts: FileFacts;
      try {
        if (statSync(path).isDirectory()) {
          report(`${pointer}/path`, `expected ${shown(entry.path)} to be a file, found a directory`);
          continue;
        }
        facts = await factsOf(path);
      } catch (error) {
        report(`${pointer}/path`, `expected ${shown(entry.path)} to exist, found ${unstatable(path, error as NodeJS.ErrnoException)}`);
        continue;
      }
      if (facts.bytes !== entry.bytes) report(`${pointer}/bytes`, `expected ${shown(entry.path)} to have the ${entry.bytes} bytes listed, found ${facts.bytes}`);
      if (facts.sha256 !== entry.sha256) report(`${pointer}/sha256`, `expected ${shown(entry.path)} to have the SHA-256 listed, ${entry.sha256}, found ${facts.sha256}`);
      if (entry.records !== undefined && facts.lines !== entry.records) report(`${pointer}/records`, `expected ${shown(entry.path)} to hold the ${entry.records} records (lines) listed, found ${facts.lines}`);
    }
  }
  for (const [kind, count] of Object.entries(manifest.counts)) {
    const file = listed.get(`corpus/data/${kind}.jsonl`);
    const pointer = `/counts/${kind.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (file?.records === undefined) report(pointer, `expected corpus/data/${printable(kind)}.jsonl listed in /files with its records, to count ${printable(kind)}, found ${file ? "it without records" : "no such entry"}`);
    else if (file.records !== count) report(pointer, `expected the count of ${kind} to be the ${file.records} records listed for corpus/data/${kind}.jsonl (${file.pointer}), found ${count}`);
  }
  let data: string[] = [];
  try {
    data = readdirSync(join(root, "corpus/data")).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    // No corpus/data folder: every listed data file is reported missing above.
  }
  for (const f of data) {
    if (!listed.has(`corpus/data/${f}`)) report("/files", `expected every JSONL file in ${shown("corpus/data")} to be listed, found ${printable(f)} not listed`);
  }
  const pkg = packageOf(root);
  if (pkg?.name === manifest.name && pkg.version !== manifest.version) report("/version", `expected the version of the package at ${shown("package.json")}, ${JSON.stringify(pkg.version)}, found ${JSON.stringify(manifest.version)}`);
}

/** The package.json at `root`, if there is a readable one. */
function packageOf(root: string): { name?: unknown; version?: unknown } | null {
  try {
    return JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return null;
  }
}
