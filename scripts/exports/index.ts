import { MemoryOutput } from "../lib/memory-output.js";
import { writeFile, type Output, type WrittenFile } from "../lib/output.js";
import { bratConf, bratFiles } from "./brat-files.js";
import { byPath, canonicalContext, canonicalDocument, compareIds } from "./canonical-order.js";
import { conllFile, conllPath } from "./conll-file.js";
import { CROISSANT_PATH, croissant } from "./croissant.js";
import type { CorpusCounts, DocumentExport, ExportContext, ExportInput, PublishedFile } from "./export-input.js";
import { groupBy } from "./group-by.js";
import { HuggingfaceFiles } from "./huggingface-files.js";
import { ParquetFiles } from "./parquet-files.js";
import { sentenceViews } from "./sentence-views.js";

export type { DocumentExport, ExportContext, ExportInput, PublishedFile } from "./export-input.js";
export { BIO_LABELS, ENTITY_TYPES } from "./entity-labels.js";

/**
 * Every export file for NLP tools (all under corpus/exports/): CoNLL BIO, a Hugging Face datasets
 * folder, brat standoff, Parquet and Croissant metadata, written to `output` a document at a time
 * so that no export has to be held whole. Add the documents in id order with `add`, then call
 * `finish`. Deterministic: each document's records are put in canonical order first and nothing
 * depends on time, so two runs give byte-identical files. Text files use LF and end in a newline,
 * except brat's .txt, which is the document text exactly.
 */
export class Exports {
  readonly #output: Output;
  readonly #context: ExportContext;
  readonly #written: WrittenFile[] = [];
  readonly #counts: CorpusCounts;
  readonly #huggingface: HuggingfaceFiles;
  readonly #parquet: ParquetFiles;
  #last: string | undefined;

  constructor(output: Output, context: ExportContext) {
    // Every file goes through here, so that finish can list them all.
    this.#output = {
      open: (path) => {
        const file = output.open(path);
        return { path, write: (chunk) => file.write(chunk), close: () => this.#push(file.close()) };
      },
    };
    this.#context = canonicalContext(context);
    const { catalogue, targets } = this.#context;
    this.#counts = { documents: 0, paragraphs: 0, sentences: 0, tokens: 0, mentions: 0, catalogue: catalogue.length, targets: targets.length, stances: 0, sentenceStances: 0 };
    this.#huggingface = new HuggingfaceFiles(this.#output, context.version, targets);
    this.#parquet = new ParquetFiles(this.#output, this.#context);
    for (const [path, content] of Object.entries(bratConf())) writeFile(this.#output, path, content);
  }

  /** Adds one document's records (in any order); documents must come in id order. */
  add(records: DocumentExport): void {
    const id = records.document.id;
    if (this.#last !== undefined && compareIds(this.#last, id) >= 0) throw new Error(`${id}: expected documents in id order, found it after ${this.#last}`);
    this.#last = id;
    const ordered = canonicalDocument(records);
    const views = sentenceViews(ordered);
    writeFile(this.#output, conllPath(id), conllFile(id, views));
    for (const [path, content] of Object.entries(bratFiles(ordered.document, ordered.mentions))) writeFile(this.#output, path, content);
    this.#huggingface.add(ordered, views);
    this.#parquet.add(ordered);
    const c = this.#counts;
    c.documents++;
    c.paragraphs += ordered.paragraphs.length;
    c.sentences += ordered.sentences.length;
    c.tokens += ordered.tokens.length;
    c.mentions += ordered.mentions.length;
    c.stances += ordered.stances.length;
    c.sentenceStances += ordered.sentenceStances.length;
  }

  /**
   * Completes every file and writes Croissant's metadata, which describes the published data
   * files (`dataFiles`, the manifest's list). Returns every export file, sorted by path.
   */
  finish(dataFiles: readonly PublishedFile[]): PublishedFile[] {
    this.#huggingface.finish();
    this.#parquet.finish();
    writeFile(this.#output, CROISSANT_PATH, croissant(this.#context, this.#counts, byPath(dataFiles)));
    return byPath(this.#written).map((file) => {
      const records = this.#huggingface.records.get(file.path);
      return records === undefined ? file : { ...file, records };
    });
  }

  #push(file: WrittenFile): WrittenFile {
    this.#written.push(file);
    return file;
  }
}

/**
 * Every export file of `input`, by path relative to the repository root, sorted by path. Pure
 * (reads and writes nothing) and independent of the order of the input records. Async because
 * Parquet writers may be.
 */
export async function buildExports(input: ExportInput): Promise<Record<string, string | Uint8Array>> {
  const output = new MemoryOutput();
  const exports = new Exports(output, input);
  for (const records of byDocument(input)) exports.add(records);
  exports.finish(input.dataFiles);
  return output.files();
}

/** The input's records, one document at a time, in id order. */
function byDocument(input: ExportInput): DocumentExport[] {
  const documents = new Map(input.documents.map((d) => [d.id, d]));
  const group = <T extends { document: string; id: string }>(records: T[]): Map<string, T[]> => {
    const groups = groupBy(records, (r) => r.document);
    for (const [id, of] of groups) if (!documents.has(id)) throw new Error(`${of[0]!.id}: expected its document ${id} among the documents, found no such document`);
    return groups;
  };
  const paragraphs = group(input.paragraphs);
  const sentences = group(input.sentences);
  const tokens = group(input.tokens);
  const mentions = group(input.mentions);
  const stances = group(input.stances);
  const sentenceStances = group(input.sentenceStances);
  return [...documents.keys()].sort(compareIds).map((id) => ({
    document: documents.get(id)!,
    paragraphs: paragraphs.get(id) ?? [],
    sentences: sentences.get(id) ?? [],
    tokens: tokens.get(id) ?? [],
    mentions: mentions.get(id) ?? [],
    stances: stances.get(id) ?? [],
    sentenceStances: sentenceStances.get(id) ?? [],
  }));
}
