import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRecords, type RecordsByKind } from "../../src/cli/load-records.js";

export interface ReleaseSnapshot {
  version: string;
  schemaVersion: string;
  /** Per record kind: [id, first 16 hex digits of the SHA-256 of the record's JSON]. */
  records: Record<string, Array<[string, string]>>;
}

/** The ids and digests of every published record under `root`. */
export function recordSnapshot(root: string, version: string): ReleaseSnapshot {
  const manifest = JSON.parse(readFileSync(join(root, "corpus/manifest.json"), "utf8")) as { schemaVersion: string };
  const records: ReleaseSnapshot["records"] = {};
  for (const [kind, list] of [...loadRecords(join(root, "corpus/data"))].sort(([a], [b]) => a.localeCompare(b))) {
    records[kind] = list.map((r) => [String(r.id), createHash("sha256").update(JSON.stringify(r)).digest("hex").slice(0, 16)]);
  }
  return { version, schemaVersion: manifest.schemaVersion, records };
}

/** A snapshot as records that `diffRecords` can compare: an id and a digest each. */
export function snapshotRecords(snapshot: ReleaseSnapshot): RecordsByKind {
  return new Map(Object.entries(snapshot.records).map(([kind, list]) => [kind, list.map(([id, digest]) => ({ id, digest }))]));
}
