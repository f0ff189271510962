import { bratFiles } from "./brat-files.js";
import { canonicalOrder } from "./canonical-order.js";
import { conllFiles } from "./conll-files.js";
import { croissant } from "./croissant.js";
import type { ExportInput } from "./export-input.js";
import { huggingfaceFiles } from "./huggingface-files.js";
import { parquetFiles } from "./parquet-files.js";

export type { ExportInput, PublishedFile } from "./export-input.js";
export { BIO_LABELS, ENTITY_TYPES } from "./entity-labels.js";

/**
 * Every export file for NLP tools, by path relative to the repository root (all under
 * corpus/exports/): CoNLL BIO, a Hugging Face datasets folder, brat standoff, Parquet and
 * Croissant metadata. Pure (reads and writes nothing; the caller writes the files) and
 * deterministic: the input is put in canonical order first and nothing depends on time, so two
 * calls give byte-identical files. Text files use LF and end in a newline, except brat's .txt,
 * which is the document text exactly. Async because Parquet writers may be.
 */
export async function buildExports(input: ExportInput): Promise<Record<string, string | Uint8Array>> {
  const ordered = canonicalOrder(input);
  const files: Record<string, string | Uint8Array> = {
    ...conllFiles(ordered),
    ...huggingfaceFiles(ordered),
    ...bratFiles(ordered),
    ...parquetFiles(ordered),
    "corpus/exports/croissant.json": croissant(ordered),
  };
  // Sorted keys, so that whoever iterates the result writes the files in a stable order.
  return Object.fromEntries(Object.keys(files).sort().map((path) => [path, files[path]!]));
}
