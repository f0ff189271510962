import type { Entity, EntityMention, Manifest, SentenceStance, Stance, StanceTarget } from "../src/generated/types.js";
import * as validators from "../src/generated/validators.js";
import { publishedKinds } from "../src/record-kinds.js";
import type { RecordValidator } from "../src/generated/validators.js";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildError } from "./lib/build-error.js";
import { readJsonLines } from "./lib/read-json.js";
import { buildDocument, type AnnotationPass, type DocumentBuild } from "./build-document.js";
import { loadSchemas, schemaDir } from "./lib/schemas.js";
import { datasheetSections, type DatasheetInput } from "./docs/datasheet-sections.js";
import { fillGeneratedSections } from "./docs/generated-sections.js";
import { writeDataModule } from "./lib/data-module.js";
import { JsonlFile, validateRecord } from "./lib/jsonl-file.js";
import { isBinaryOutput, writeFile, type WrittenFile } from "./lib/output.js";
import { Staging } from "./lib/staging.js";
import { mentionAgreement, stanceAgreement } from "../src/agreement.js";
import { Exports, type PublishedFile } from "./exports/index.js";

export const SCHEMA_VERSION = "1.0.0";

/** Where the records of each published record type come from (see publishedKinds): each document's build, or the corpus-wide annotations. */
type RecordSource = { document: (d: DocumentBuild) => object[]; corpus?: undefined } | { corpus: (c: CorpusAnnotations) => object[]; document?: undefined };
const sources: Record<string, RecordSource> = {
  document: { document: (d) => [d.document] },
  paragraph: { document: (d) => d.paragraphs },
  sentence: { document: (d) => d.sentences },
  token: { document: (d) => d.tokens },
  entity: { corpus: (c) => c.catalogue },
  "stance-target": { corpus: (c) => c.targets },
  "entity-mention": { document: (d) => d.mentions },
  stance: { document: (d) => d.stances },
  "sentence-stance": { document: (d) => d.sentenceStances },
  "offset-map": { document: (d) => [d.offsetMap] },
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

/** Size and SHA-256 of an input file, for the manifest. */
function fileEntry(root: string, path: string): WrittenFile {
  const bytes = readFileSync(join(root, path));
  return { path, bytes: bytes.length, sha256: sha256(bytes) };
}

/** The per-document inputs of the DATASHEET's tables, reduced to the fields they count. */
type DatasheetTallies = Pick<DatasheetInput, "mentions" | "stances" | "sentenceStances" | "repairs" | "removedByRule">;

function tally(tallies: DatasheetTallies, d: DocumentBuild): void {
  for (const m of d.mentions) tallies.mentions.push(m.parent === undefined ? { type: m.type } : { type: m.type, parent: m.parent });
  for (const s of d.stances) tallies.stances.push({ target: s.target, label: s.label });
  for (const s of d.sentenceStances) tallies.sentenceStances.push({ target: s.target, label: s.label });
  tallies.repairs.push({ repairs: d.repairs.repairs });
  for (const r of d.offsetMap.removed) if (r.by.startsWith("rule:")) tallies.removedByRule[r.by.slice(5)] = (tallies.removedByRule[r.by.slice(5)] ?? 0) + (r.rawEnd - r.rawStart);
}

/** The agreement report over the documents that keep both annotation passes. */
function agreementReport(passes: Array<{ id: string; a: AnnotationPass; b: AnnotationPass }>): object {
  const all = <T>(pick: (p: { a: AnnotationPass; b: AnnotationPass }) => T[]) => passes.flatMap(pick);
  return {
    description: "Agreement between the frozen first annotation pass (A, the reference) and the second pass (B), made without A's files but from guidelines written from A, before adjudication. Recomputed by `npm run build` from corpus/agreement/.",
    documents: passes.map((p) => p.id),
    entities: mentionAgreement(all<EntityMention>((p) => p.a.mentions), all<EntityMention>((p) => p.b.mentions)),
    stances: stanceAgreement(
      all<Stance>((p) => p.a.stances),
      all<Stance>((p) => p.b.stances),
      all<SentenceStance>((p) => p.a.sentenceStances),
      all<SentenceStance>((p) => p.b.sentenceStances),
    ),
  };
}

/**
 * The whole build: raw → clean text → segments → resolved annotations → validated records →
 * exports, manifest, DATASHEET and data module, every output written into `staging` (the caller
 * commits or discards it). Documents are built and written one at a time, and each document's
 * records are dropped once written, so memory does not grow with the corpus (apart from small
 * per-document tallies); the data module is made at the end from the staged JSONL files.
 */
export async function stageCorpus(root: string, staging: Staging): Promise<Manifest> {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const corpus = readCorpusAnnotations(root);
  const context = { root, catalogue: new Map(corpus.catalogue.map((e) => [e.id, e])), targets: corpus.targets };
  const ids = documentIds(root);
  const schemaFiles = readdirSync(join(root, schemaDir)).filter((f) => f.endsWith(".schema.json")).sort();
  const schemas = schemaFiles.map((f) => ({ path: `${schemaDir}/${f}`, schema: JSON.parse(readFileSync(join(root, schemaDir, f), "utf8")) }));

  // 1. Open every published JSONL file; the corpus-wide records go in at once.
  const data = publishedKinds.map((kind) => {
    const source = sources[kind.name];
    if (!source) throw new Error(`expected a way to collect ${kind.name} records in scripts/build-corpus.ts, found none`);
    const file = new JsonlFile(staging.open(`corpus/data/${kind.file}.jsonl`), kind.validate);
    if (source.corpus) for (const record of source.corpus(corpus)) file.add(record);
    return { kind, source, file };
  });
  const exports = new Exports(staging, { version: pkg.version, catalogue: corpus.catalogue, targets: corpus.targets, schemas });
  const datasheet = existsSync(join(root, "DATASHEET.md"));
  const tallies: DatasheetTallies = { mentions: [], stances: [], sentenceStances: [], repairs: [], removedByRule: {} };
  const texts: WrittenFile[] = [];
  const inputs: WrittenFile[] = [];
  const passes: Array<{ id: string; a: AnnotationPass; b: AnnotationPass }> = [];

  // 2. Each document: build it, write its text, records and exports, keep only tallies.
  for (const id of ids) {
    const d = buildDocument(id, context);
    texts.push(writeFile(staging, d.markdownPath, d.markdown));
    for (const { source, file } of data) if (source.document) for (const record of source.document(d)) file.add(record);
    exports.add(d);
    inputs.push(fileEntry(root, d.document.raw), fileEntry(root, `corpus/repairs/${id}.json`));
    if (datasheet) tally(tallies, d);
    if (d.passes) passes.push({ id, ...d.passes });
  }

  // 3. Complete the data files and the exports, then the manifest that lists them.
  const counts: Record<string, number> = {};
  const dataFiles: PublishedFile[] = data.map(({ kind, file }) => {
    const written = file.close();
    counts[kind.file] = written.records!;
    return written;
  });
  const exportFiles = exports.finish(dataFiles);
  const manifest: Manifest = {
    name: "arabic-news-corpus",
    version: pkg.version,
    schemaVersion: SCHEMA_VERSION,
    counts,
    files: [...texts, ...dataFiles, ...exportFiles],
    schemas: schemaFiles.map((f) => fileEntry(root, `${schemaDir}/${f}`)),
    sources: inputs,
  };
  validateRecord("corpus/manifest.json", 1, manifest, validators.Manifest as RecordValidator<unknown>);
  writeFile(staging, "corpus/manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);

  // 4. Agreement, DATASHEET tables, and the data module read back from the staged JSONL files.
  const agreement = passes.length > 0 ? agreementReport(passes) : null;
  if (agreement) writeFile(staging, "corpus/agreement/report.json", `${JSON.stringify(agreement, null, 2)}\n`);
  if (datasheet) {
    const sections = datasheetSections({ manifest, catalogue: corpus.catalogue, targets: corpus.targets, ...tallies, agreement, schemas: loadSchemas(root) });
    writeFile(staging, "DATASHEET.md", fillGeneratedSections("DATASHEET.md", readFileSync(join(root, "DATASHEET.md"), "utf8"), sections));
  }
  const recordsOf = (exportName: string) => {
    const path = `corpus/data/${publishedKinds.find((k) => k.exportName === exportName)!.file}.jsonl`;
    return { bytes: staging.size(path), blocks: staging.blocks(path) };
  };
  function* rawTexts(): Generator<[string, string]> {
    for (const id of ids) yield [id, readFileSync(join(root, `corpus/raw/${id}.txt`), "utf8")];
  }
  writeDataModule(staging, publishedKinds, recordsOf, rawTexts());
  return manifest;
}

/**
 * The whole build with every output's content in memory, for tests and small corpora: builds into
 * a throw-away staging folder outside `root` and reads each file back. Writes nothing in `root`.
 */
export async function buildCorpus(root = "."): Promise<CorpusBuild> {
  const staging = new Staging(root, { parent: tmpdir() });
  try {
    const manifest = await stageCorpus(root, staging);
    const files = Object.fromEntries(
      staging.written.map(({ path }) => {
        const bytes = readFileSync(staging.staged(path));
        return [path, isBinaryOutput(path) ? new Uint8Array(bytes) : bytes.toString("utf8")];
      }),
    );
    return { files, manifest };
  } finally {
    staging.discard();
  }
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
