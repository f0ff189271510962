import { publishedKinds } from "../../src/record-kinds.js";
import type { DocumentExport, ExportContext } from "./export-input.js";

/** Where the exports get the records of one published type: each document's, or the corpus-wide ones. */
export type RecordSource = { document: (records: DocumentExport) => object[]; corpus?: undefined } | { corpus: (context: ExportContext) => object[]; document?: undefined };

/** One published JSONL file: its name, its record schema and, where the exports get them, its records. */
export interface PublishedData {
  /** The file's name in corpus/data without `.jsonl`; also the Parquet file's and RecordSet's name. */
  name: string;
  schema: string;
  /** Where the records come from, when the exports carry them; the offset maps are described but not converted. */
  records?: RecordSource;
}

/** How each published record type is taken from the export input (offset maps are described, not converted). */
const RECORDS: Record<string, RecordSource | undefined> = {
  document: { document: (d) => [d.document] },
  paragraph: { document: (d) => d.paragraphs },
  sentence: { document: (d) => d.sentences },
  token: { document: (d) => d.tokens },
  "entity-mention": { document: (d) => d.mentions },
  entity: { corpus: (c) => c.catalogue },
  "stance-target": { corpus: (c) => c.targets },
  stance: { document: (d) => d.stances },
  "sentence-stance": { document: (d) => d.sentenceStances },
};

/**
 * The published JSONL files and their schemas, from the package's one list of record types
 * (src/record-kinds.ts): the file names differ from the schema names (`entities` holds
 * `entity-mention` records), and that pairing is declared there, not guessed here.
 */
export const PUBLISHED_DATA: readonly PublishedData[] = publishedKinds.map((kind) => ({
  name: kind.file,
  schema: `schema/v1/${kind.name}.schema.json`,
  ...(RECORDS[kind.name] ? { records: RECORDS[kind.name]! } : {}),
}));
