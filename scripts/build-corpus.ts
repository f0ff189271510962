import type { Entity, EntityMention, Manifest, SentenceStance, Stance, StanceTarget } from "../src/generated/types.js";
import * as validators from "../src/generated/validators.js";
import { publishedKinds } from "../src/record-kinds.js";
import type { RecordValidator } from "../src/generated/validators.js";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BuildError } from "./lib/build-error.js";
import { readJsonLines } from "./lib/read-json.js";
import { buildDocument, type DocumentBuild } from "./build-document.js";
import { loadSchemas, schemaDir } from "./lib/schemas.js";
import { datasheetSections } from "./docs/datasheet-sections.js";
import { fillGeneratedSections } from "./docs/generated-sections.js";
import { dataModule } from "./lib/data-module.js";
import { mentionAgreement, stanceAgreement } from "../src/agreement.js";
import { buildExports } from "./exports/index.js";

export const SCHEMA_VERSION = "1.0.0";

/** How to collect the records of each published record type (see publishedKinds). */
const collect: Record<string, (docs: DocumentBuild[], corpus: CorpusAnnotations) => object[]> = {
  document: (d) => d.map((x) => x.document),
  paragraph: (d) => d.flatMap((x) => x.paragraphs),
  sentence: (d) => d.flatMap((x) => x.sentences),
  token: (d) => d.flatMap((x) => x.tokens),
  entity: (_, c) => c.catalogue,
  "stance-target": (_, c) => c.targets,
  "entity-mention": (d) => d.flatMap((x) => x.mentions),
  stance: (d) => d.flatMap((x) => x.stances),
  "sentence-stance": (d) => d.flatMap((x) => x.sentenceStances),
  "offset-map": (d) => d.map((x) => x.offsetMap),
};

interface CorpusAnnotations {
  catalogue: Entity[];
  targets: StanceTarget[];
}

export interface CorpusBuild {
  /** Every output file, by path relative to the root, with its exact content. */
  files: Record<string, string | Uint8Array>;
  manifest: Manifest;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function documentIds(root: string): string[] {
  const dir = join(root, "corpus/raw");
  if (!existsSync(dir)) throw new BuildError("corpus/raw", undefined, "expected a folder of raw source files, found none");
  const ids = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();
  if (ids.length === 0) throw new BuildError("corpus/raw", undefined, "expected at least one raw .txt file, found none");
  for (const id of ids) if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new BuildError(`corpus/raw/${id}.txt`, undefined, "expected a file name of lowercase words joined by hyphens, found another name");
  return ids;
}

function readCorpusAnnotations(root: string): CorpusAnnotations {
  const read = <T extends { id: string }>(path: string, validate: RecordValidator<T>): T[] => {
    if (!existsSync(join(root, path))) return [];
    const rows = readJsonLines(join(root, path), validate);
    const seen = new Map<string, number>();
    for (const { line, record } of rows) {
      if (seen.has(record.id)) throw new BuildError(path, `${line}`, `expected a unique id, found ${JSON.stringify(record.id)} again (first on line ${seen.get(record.id)})`);
      seen.set(record.id, line);
    }
    return rows.map((r) => r.record).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };
  return {
    catalogue: read("corpus/annotations/entity-catalogue.jsonl", validators.Entity),
    targets: read("corpus/annotations/stance-targets.jsonl", validators.StanceTarget),
  };
}

/** Validates every record of a data file; a failure names the file, the line and the JSON pointer. */
function validateAll(path: string, records: object[], validate: RecordValidator<unknown>): void {
  records.forEach((record, index) => {
    if (!validate(record)) {
      const e = validate.errors![0]!;
      throw new BuildError(path, `${index + 1}`, `${e.instancePath || "/"}: expected the record to satisfy "${e.keyword}" (${e.message}), found ${JSON.stringify(record).slice(0, 120)}`);
    }
  });
}

/**
 * The whole build, in memory: raw → clean text → segments → resolved annotations → validated
 * records → manifest. Nothing is written here; the caller writes `files` atomically.
 */
export async function buildCorpus(root = "."): Promise<CorpusBuild> {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const corpus = readCorpusAnnotations(root);
  const context = { root, catalogue: new Map(corpus.catalogue.map((e) => [e.id, e])), targets: corpus.targets };
  const documents = documentIds(root).map((id) => buildDocument(id, context));

  const files: Record<string, string | Uint8Array> = {};
  const counts: Record<string, number> = {};
  const fileEntries: Manifest["files"] = [];
  const collections: Record<string, object[]> = {};
  for (const d of documents) files[d.markdownPath] = d.markdown;
  for (const { name: kind, file: name, exportName, validate } of publishedKinds) {
    const path = `corpus/data/${name}.jsonl`;
    const records = collect[kind];
    if (!records) throw new Error(`expected a way to collect ${kind} records in scripts/build-corpus.ts, found none`);
    const rows = records(documents, corpus);
    validateAll(path, rows, validate);
    const text = rows.map((r) => `${JSON.stringify(r)}\n`).join("");
    files[path] = text;
    counts[name] = rows.length;
    collections[exportName] = rows;
    fileEntries.push({ path, bytes: Buffer.byteLength(text), sha256: sha256(text), records: rows.length });
  }
  const schemaFiles = readdirSync(join(root, schemaDir)).filter((f) => f.endsWith(".schema.json")).sort();
  const exports = await buildExports({
    version: pkg.version,
    documents: documents.map((d) => d.document),
    paragraphs: documents.flatMap((d) => d.paragraphs),
    sentences: documents.flatMap((d) => d.sentences),
    tokens: documents.flatMap((d) => d.tokens),
    mentions: documents.flatMap((d) => d.mentions),
    catalogue: corpus.catalogue,
    targets: corpus.targets,
    stances: documents.flatMap((d) => d.stances),
    sentenceStances: documents.flatMap((d) => d.sentenceStances),
    schemas: schemaFiles.map((f) => ({ path: `${schemaDir}/${f}`, schema: JSON.parse(readFileSync(join(root, schemaDir, f), "utf8")) })),
    dataFiles: fileEntries,
  });
  Object.assign(files, exports);
  const fileEntry = (path: string) => {
    const bytes = readFileSync(join(root, path));
    return { path, bytes: bytes.length, sha256: sha256(bytes) };
  };
  const manifest: Manifest = {
    name: "arabic-news-corpus",
    version: pkg.version,
    schemaVersion: SCHEMA_VERSION,
    counts,
    files: [
      ...documents.map((d) => ({ path: d.markdownPath, bytes: Buffer.byteLength(d.markdown), sha256: sha256(d.markdown) })),
      ...fileEntries,
      ...Object.entries(exports).map(([path, content]) => ({
        path,
        bytes: Buffer.byteLength(content),
        sha256: sha256(content),
        ...(path.endsWith(".jsonl") && typeof content === "string" ? { records: content.split("\n").filter(Boolean).length } : {}),
      })),
    ],
    schemas: schemaFiles.map((f) => fileEntry(`${schemaDir}/${f}`)),
    sources: documents.flatMap((d) => [fileEntry(d.document.raw), fileEntry(`corpus/repairs/${d.document.id}.json`)]),
  };
  validateAll("corpus/manifest.json", [manifest], validators.Manifest as RecordValidator<unknown>);
  files["corpus/manifest.json"] = `${JSON.stringify(manifest, null, 2)}\n`;
  const withPasses = documents.filter((d) => d.passes);
  let agreement: object | null = null;
  if (withPasses.length > 0) {
    const all = (pick: (d: DocumentBuild) => object[]) => withPasses.flatMap(pick);
    const report = {
      description: "Agreement between the frozen first annotation pass (A, the reference) and the blind second pass (B), before adjudication. Recomputed by `npm run build` from corpus/agreement/.",
      documents: withPasses.map((d) => d.document.id),
      entities: mentionAgreement(all((d) => d.passes!.a.mentions) as EntityMention[], all((d) => d.passes!.b.mentions) as EntityMention[]),
      stances: stanceAgreement(
        all((d) => d.passes!.a.stances) as Stance[],
        all((d) => d.passes!.b.stances) as Stance[],
        all((d) => d.passes!.a.sentenceStances) as SentenceStance[],
        all((d) => d.passes!.b.sentenceStances) as SentenceStance[],
      ),
    };
    files["corpus/agreement/report.json"] = `${JSON.stringify(report, null, 2)}\n`;
    agreement = report;
  }
  if (existsSync(join(root, "DATASHEET.md"))) {
    const removedByRule: Record<string, number> = {};
    for (const d of documents) for (const r of d.offsetMap.removed) if (r.by.startsWith("rule:")) removedByRule[r.by.slice(5)] = (removedByRule[r.by.slice(5)] ?? 0) + (r.rawEnd - r.rawStart);
    const sections = datasheetSections({
      manifest,
      mentions: documents.flatMap((d) => d.mentions),
      catalogue: corpus.catalogue,
      targets: corpus.targets,
      stances: documents.flatMap((d) => d.stances),
      sentenceStances: documents.flatMap((d) => d.sentenceStances),
      repairs: documents.map((d) => d.repairs),
      removedByRule,
      agreement,
      schemas: loadSchemas(root),
    });
    files["DATASHEET.md"] = fillGeneratedSections("DATASHEET.md", readFileSync(join(root, "DATASHEET.md"), "utf8"), sections);
  }
  const rawTexts = Object.fromEntries(documents.map((d) => [d.document.id, readFileSync(join(root, d.document.raw), "utf8")]));
  const module = dataModule(collections, rawTexts, publishedKinds);
  files["src/generated/corpus-data.js"] = module.js;
  files["src/generated/corpus-data.d.ts"] = module.dts;
  return { files, manifest };
}

/** The one-paragraph summary `npm run build` prints. */
export function summary(manifest: Manifest): string {
  const c = manifest.counts;
  return [
    `arabic-news-corpus ${manifest.version} (schema ${manifest.schemaVersion}): all records valid`,
    `  documents ${c.documents}, paragraphs ${c.paragraphs}, sentences ${c.sentences}, tokens ${c.tokens}`,
    `  entity mentions ${c.entities} (catalogue ${c["entity-catalogue"]}), stances ${c.stances} (targets ${c["stance-targets"]}), sentence labels ${c["sentence-stances"]}`,
    `  wrote ${manifest.files.length} files and corpus/manifest.json`,
  ].join("\n");
}
