import { SENTENCE_STANCE_LABELS, STANCE_LABELS } from "../generated/labels.js";
import { publishedKinds, recordKinds } from "../record-kinds.js";
import type { RecordsByKind } from "./load-records.js";

/**
 * The kinds whose fields stats reads (every published record's document; the type or label of
 * mentions, stances and sentence labels): load them with `checked` set to this, or a record not of
 * its schema is counted under "undefined".
 */
export const countedKinds: ReadonlySet<string> = new Set(publishedKinds.map((k) => k.name));

export interface Stats {
  records: Record<string, number>;
  byDocument: Record<string, Record<string, number>>;
  entityTypes: Record<string, number>;
  stanceLabels: Record<string, Record<string, number>>;
  sentenceLabels: Record<string, Record<string, number>>;
}

const bump = (table: Record<string, number>, key: string) => void (table[key] = (table[key] ?? 0) + 1);
const sorted = <T>(table: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));

const rank = new Map(recordKinds.map((kind, i) => [kind.name, i]));

/**
 * Kinds in dependency order, as the shipped corpus lists them: records loaded from files come in
 * the order of the file names, and a table by document would otherwise depend on how they sort.
 */
const inDependencyOrder = (records: RecordsByKind) => [...records].sort(([a], [b]) => (rank.get(a) ?? rank.size) - (rank.get(b) ?? rank.size));

/** Documents in the order of the document records (as published), then the others as they first appear. */
function inPublicationOrder<T>(table: Record<string, T>, documents: Array<Record<string, unknown>>): Record<string, T> {
  const order = new Set([...documents.map((d) => String(d.id)).filter((id) => Object.hasOwn(table, id)), ...Object.keys(table)]);
  return Object.fromEntries([...order].map((id) => [id, table[id]!]));
}

/** Counts by record type, by document, by entity type and by stance label per target. */
export function computeStats(records: RecordsByKind): Stats {
  // Tables without a prototype: ids are slugs, and a slug such as "constructor" must count as itself.
  const table = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
  const stats: Stats = { records: table(), byDocument: table(), entityTypes: table(), stanceLabels: table(), sentenceLabels: table() };
  for (const [kind, list] of inDependencyOrder(records)) {
    stats.records[kind] = list.length;
    for (const r of list) {
      if (typeof r.document === "string") bump((stats.byDocument[r.document] ??= table()), kind);
      if (kind === "entity-mention") bump(stats.entityTypes, String(r.type));
      if (kind === "stance") bump((stats.stanceLabels[String(r.target)] ??= table()), String(r.label));
      if (kind === "sentence-stance") bump((stats.sentenceLabels[String(r.target)] ??= table()), String(r.label));
    }
  }
  return {
    records: sorted(stats.records),
    byDocument: inPublicationOrder(stats.byDocument, records.get("document") ?? []),
    entityTypes: sorted(stats.entityTypes),
    stanceLabels: sorted(stats.stanceLabels),
    sentenceLabels: sorted(stats.sentenceLabels),
  };
}

function table(title: string, rows: Array<[string, ...Array<string | number>]>, header: string[]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [title, line(header), ...all.slice(1).map(line)].join("\n");
}

export function formatStats(stats: Stats): string {
  const labels = STANCE_LABELS;
  return [
    table("Records", Object.entries(stats.records), ["type", "records"]),
    table("Entity mentions by type", Object.entries(stats.entityTypes), ["type", "mentions"]),
    table("Attributed stances by target", Object.entries(stats.stanceLabels).map(([t, c]) => [t, ...labels.map((l) => c[l] ?? 0)]), ["target", ...labels]),
    table("Sentence labels by target", Object.entries(stats.sentenceLabels).map(([t, c]) => [t, ...SENTENCE_STANCE_LABELS.map((l) => c[l] ?? 0)]), ["target", ...SENTENCE_STANCE_LABELS]),
    table("Records by document", Object.entries(stats.byDocument).flatMap(([d, c]) => Object.entries(c).map(([k, n]) => [`${d} ${k}`, n] as [string, number])), ["document and type", "records"]),
  ].join("\n\n");
}
