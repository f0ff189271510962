import { BUMP_AT_MAJOR_ZERO, minimumVersion, type Bump } from "../versioning.js";
import type { RecordsByKind } from "./load-records.js";

export interface RecordChange {
  kind: string;
  id: string;
  /** relabelled: a label, type or linked entity changed; moved: offsets changed; edited: any other field. */
  changes: Array<"relabelled" | "moved" | "edited">;
  fields: string[];
}

export interface CorpusDiff {
  added: Array<{ kind: string; id: string }>;
  removed: Array<{ kind: string; id: string }>;
  changed: RecordChange[];
  /** Removed and added mentions with the same document and span: the same annotation under a new id. */
  reidentified: Array<{ kind: string; from: string; to: string }>;
  /** The smallest SemVer bump the changes require under the versioning policy. */
  requiredBump: Bump;
  /** The old side's package version, when the old side is a package root. */
  previousVersion?: string;
  /** The smallest version after `previousVersion` the changes allow (at 0.x each level shifts down one). */
  requiredVersion?: string;
}

const LABEL_FIELDS = new Set(["label", "type", "entity", "holder", "target"]);
const OFFSET_FIELDS = new Set(["start", "end", "evidence", "tokenStart", "tokenEnd", "index", "sentences", "segments", "removed"]);

const spanKey = (r: Record<string, unknown>) => `${String(r.document)}|${String(r.start)}|${String(r.end)}`;

/**
 * Compares two versions of the records, by id within each kind, and names the SemVer bump the
 * difference requires: ids removed (or renamed) → major; records added → minor; records changed
 * → patch (see VERSIONING.md). Given the old side's version, also the version that bump leads to.
 */
export function diffRecords(before: RecordsByKind, after: RecordsByKind, previousVersion?: string): CorpusDiff {
  const result: CorpusDiff = { added: [], removed: [], changed: [], reidentified: [], requiredBump: "none" };
  const kinds = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const kind of kinds) {
    const old = new Map((before.get(kind) ?? []).map((r) => [String(r.id), r]));
    const now = new Map((after.get(kind) ?? []).map((r) => [String(r.id), r]));
    const removed = [...old.keys()].filter((id) => !now.has(id)).sort();
    const added = [...now.keys()].filter((id) => !old.has(id)).sort();
    const addedBySpan = new Map(added.map((id) => [spanKey(now.get(id)!), id]));
    for (const id of removed) {
      const twin = kind === "entity-mention" ? addedBySpan.get(spanKey(old.get(id)!)) : undefined;
      if (twin) result.reidentified.push({ kind, from: id, to: twin });
      result.removed.push({ kind, id });
    }
    for (const id of added) result.added.push({ kind, id });
    for (const [id, a] of old) {
      const b = now.get(id);
      if (!b) continue;
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).sort();
      if (fields.length === 0) continue;
      const changes = new Set<RecordChange["changes"][number]>();
      for (const f of fields) changes.add(LABEL_FIELDS.has(f) ? "relabelled" : OFFSET_FIELDS.has(f) ? "moved" : "edited");
      result.changed.push({ kind, id, changes: [...changes].sort(), fields });
    }
  }
  result.requiredBump = result.removed.length > 0 ? "major" : result.added.length > 0 ? "minor" : result.changed.length > 0 ? "patch" : "none";
  if (previousVersion !== undefined) {
    result.previousVersion = previousVersion;
    result.requiredVersion = minimumVersion(previousVersion, result.requiredBump);
  }
  return result;
}

/**
 * The bump in words. A bare "major" misleads at 0.x, where VERSIONING.md has a major change bump
 * the minor number: with the old version known this gives the next version, else the 0.x rule.
 */
function bumpInWords(d: CorpusDiff): string {
  const bump = d.requiredBump;
  if (bump === "none" || bump === "patch") return d.requiredVersion ? `${bump} (${d.previousVersion} → ${d.requiredVersion})` : bump;
  const zero = `at 0.x: bump the ${BUMP_AT_MAJOR_ZERO[bump]} number`;
  if (!d.requiredVersion) return `${bump} (${zero})`;
  return `${bump} (${d.previousVersion} → ${d.requiredVersion}${d.previousVersion!.startsWith("0.") ? `, ${zero}` : ""})`;
}

export function formatDiff(d: CorpusDiff): string {
  const lines: string[] = [];
  const count = (kind: string, list: Array<{ kind: string }>) => list.filter((x) => x.kind === kind).length;
  const kinds = [...new Set([...d.added, ...d.removed, ...d.changed].map((x) => x.kind))].sort();
  for (const kind of kinds) {
    const changed = d.changed.filter((c) => c.kind === kind);
    const of = (c: string) => changed.filter((x) => x.changes.includes(c as never)).length;
    lines.push(`${kind}: +${count(kind, d.added)} -${count(kind, d.removed)} ~${changed.length} (relabelled ${of("relabelled")}, moved ${of("moved")}, edited ${of("edited")})`);
  }
  for (const x of d.removed) lines.push(`  - ${x.kind} ${x.id}`);
  for (const x of d.added) lines.push(`  + ${x.kind} ${x.id}`);
  for (const c of d.changed) lines.push(`  ~ ${c.kind} ${c.id}: ${c.changes.join(", ")} (${c.fields.join(", ")})`);
  for (const r of d.reidentified) lines.push(`  = ${r.kind} ${r.from} → ${r.to} (same span, new id)`);
  lines.push(lines.length === 0 ? "no differences; required version bump: none" : `required version bump: ${bumpInWords(d)}`);
  return lines.join("\n");
}
