import type { ExportInput } from "./export-input.js";

/** One published JSONL file: its name, its record schema and, where the exports get them, its records. */
export interface PublishedData {
  /** The file's name in corpus/data without `.jsonl`; also the Parquet file's and RecordSet's name. */
  name: string;
  schema: string;
  /** The records, when ExportInput carries them; the offset maps are described but not converted. */
  records?: (input: ExportInput) => object[];
}

/**
 * The published JSONL files and their schemas. The names differ (`entities` holds
 * `entity-mention` records), so the pairing is declared here rather than guessed from names.
 * Mirrors the list in scripts/build-corpus.ts; a file missing here makes the exports throw.
 */
export const PUBLISHED_DATA: readonly PublishedData[] = [
  { name: "documents", schema: "schema/v1/document.schema.json", records: (i) => i.documents },
  { name: "paragraphs", schema: "schema/v1/paragraph.schema.json", records: (i) => i.paragraphs },
  { name: "sentences", schema: "schema/v1/sentence.schema.json", records: (i) => i.sentences },
  { name: "tokens", schema: "schema/v1/token.schema.json", records: (i) => i.tokens },
  { name: "entities", schema: "schema/v1/entity-mention.schema.json", records: (i) => i.mentions },
  { name: "entity-catalogue", schema: "schema/v1/entity.schema.json", records: (i) => i.catalogue },
  { name: "stance-targets", schema: "schema/v1/stance-target.schema.json", records: (i) => i.targets },
  { name: "stances", schema: "schema/v1/stance.schema.json", records: (i) => i.stances },
  { name: "sentence-stances", schema: "schema/v1/sentence-stance.schema.json", records: (i) => i.sentenceStances },
  { name: "offset-maps", schema: "schema/v1/offset-map.schema.json" },
];
