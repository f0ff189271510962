import * as validators from "./generated/validators.js";
import type { RecordValidator } from "./generated/validators.js";

/** A record type the package knows: its schema name, validator and usual file name. */
export interface RecordKind {
  /** Schema name: the schema file name without `.schema.json`. */
  name: string;
  /** The generated type (and precompiled validator) name. */
  type: string;
  /** Published JSONL file stem (corpus/data/<file>.jsonl), for record types that are published. */
  file?: string;
  /** The name of the published records in the library's data module and in `CorpusData`. */
  exportName?: string;
  validate: RecordValidator<unknown>;
}

const kind = (name: string, type: keyof typeof validators, file?: string, exportName?: string): RecordKind => ({
  name,
  type,
  ...(file ? { file, exportName: exportName ?? file } : {}),
  validate: validators[type] as RecordValidator<unknown>,
});

/** In dependency order: a record refers only to kinds listed before it. */
export const recordKinds: RecordKind[] = [
  kind("document", "Document", "documents"),
  kind("paragraph", "Paragraph", "paragraphs"),
  kind("sentence", "Sentence", "sentences"),
  kind("token", "Token", "tokens"),
  kind("entity", "Entity", "entity-catalogue", "entityCatalogue"),
  kind("stance-target", "StanceTarget", "stance-targets", "stanceTargets"),
  kind("entity-mention", "EntityMention", "entities", "entityMentions"),
  kind("stance", "Stance", "stances"),
  kind("sentence-stance", "SentenceStance", "sentence-stances", "sentenceStances"),
  kind("offset-map", "OffsetMap", "offset-maps", "offsetMaps"),
  kind("entity-annotation", "EntityAnnotation"),
  kind("stance-annotation", "StanceAnnotation"),
  kind("stance-resolution", "StanceResolution"),
  kind("repairs", "TextRepairs"),
  kind("manifest", "Manifest"),
];

/** The record types published as corpus/data/*.jsonl, in dependency order. */
export const publishedKinds = recordKinds.filter((k): k is RecordKind & { file: string; exportName: string } => k.file !== undefined);

export function kindByName(name: string): RecordKind | undefined {
  return recordKinds.find((k) => k.name === name || k.file === name || k.type === name);
}

/**
 * The kind of a record, from its `id` (ids are hierarchical and distinct per kind) or, for
 * catalogue-style records, from a field only that kind has; `fallback` (from the file name) last.
 */
export function detectKind(record: unknown, fallback?: RecordKind): RecordKind | undefined {
  if (!record || typeof record !== "object" || Array.isArray(record)) return fallback;
  const r = record as Record<string, unknown>;
  const id = typeof r.id === "string" ? r.id : undefined;
  // The common case first, since this runs once per record: the file name's kind, confirmed by the id.
  const pattern = fallback ? ID_PATTERNS[fallback.name] : undefined;
  if (id !== undefined && pattern?.test(id)) return fallback;
  const byName = (name: string) => kindByName(name);
  if (id !== undefined) {
    if (id.includes("#")) return byName("sentence-stance");
    if (/\/p\d+\/s\d+\/t\d+$/.test(id)) return byName("token");
    if (/\/p\d+\/s\d+$/.test(id)) return byName("sentence");
    if (/\/p\d+$/.test(id)) return byName("paragraph");
    if (/\/e\d+$/.test(id)) return byName("entity-mention");
    if (/\/st\d+$/.test(id)) return byName("stance");
    if (/^e\d+$/.test(id)) return byName("entity-annotation");
    if (/^st\d+$/.test(id)) return byName("stance-annotation");
    if ("segments" in r) return byName("offset-map");
    if ("language" in r) return byName("document");
    if ("nameEn" in r) return byName("stance-target");
    if ("english" in r) return byName("entity");
  }
  if ("rules" in r && "repairs" in r) return byName("repairs");
  if ("schemaVersion" in r) return byName("manifest");
  if ("sentence" in r && "reason" in r) return byName("stance-resolution");
  return fallback;
}

const ID_PATTERNS: Record<string, RegExp> = {
  token: /\/p\d+\/s\d+\/t\d+$/,
  sentence: /\/p\d+\/s\d+$/,
  paragraph: /\/p\d+$/,
  "entity-mention": /\/e\d+$/,
  stance: /\/st\d+$/,
  "sentence-stance": /#/,
};

/** The kind a file name suggests (`entities.jsonl`, `x.entities.jsonl`, `repairs/x.json`). */
export function kindFromFileName(path: string): RecordKind | undefined {
  const base = path.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.(jsonl|json)$/u, "");
  const last = stem.split(".").pop() ?? stem;
  if (last === "entities" && stem.includes(".")) return kindByName("entity-annotation");
  if (last === "stances" && stem.includes(".")) return kindByName("stance-annotation");
  if (last === "sentence-stance-resolutions") return kindByName("stance-resolution");
  if (/[\\/]repairs[\\/]/.test(path)) return kindByName("repairs");
  return kindByName(last);
}
