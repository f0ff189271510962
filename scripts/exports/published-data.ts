import { publishedKinds } from "../../src/record-kinds.js";
import type { ExportInput } from "./export-input.js";

/** One published JSONL file: its name, its record schema and, where the exports get them, its records. */
export interface PublishedData {
  /** The file's name in corpus/data without `.jsonl`; also the Parquet file's and RecordSet's name. */
  name: string;
  schema: string;
  /** The records, when ExportInput carries them; the offset maps are described but not converted. */
  records?: (input: ExportInput) => object[];
}

/** How each published record type is taken from the export input (offset maps are described, not converted). */
const RECORDS: Record<string, ((input: ExportInput) => object[]) | undefined> = {
  document: (i) => i.documents,
  paragraph: (i) => i.paragraphs,
  sentence: (i) => i.sentences,
  token: (i) => i.tokens,
  "entity-mention": (i) => i.mentions,
  entity: (i) => i.catalogue,
  "stance-target": (i) => i.targets,
  stance: (i) => i.stances,
  "sentence-stance": (i) => i.sentenceStances,
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
