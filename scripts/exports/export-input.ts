import type { Document, Entity, EntityMention, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, Token } from "../../src/generated/types.js";
import type { DocumentRecords } from "../build-document.js";

/** One file the build published, as listed in the manifest. */
export interface PublishedFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
  /** Number of records, for JSONL files. */
  records?: number;
}

/** The records of one document: what every per-document export is made from. */
export type DocumentExport = DocumentRecords;

/** What the exports need besides the documents: the corpus-wide records and the schemas. */
export interface ExportContext {
  /** Dataset version (the package version). */
  version: string;
  catalogue: Entity[];
  targets: StanceTarget[];
  /**
   * Every JSON Schema, by path relative to the root (`schema/v1/<name>.schema.json`). Typed `any`
   * because it is parsed JSON; schema-shape.ts checks the shape of what it reads.
   */
  schemas: Array<{ path: string; schema: any }>;
}

/** Everything the exports are made from, all at once (buildExports); the build passes one document at a time. */
export interface ExportInput extends ExportContext {
  documents: Document[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  mentions: EntityMention[];
  stances: Stance[];
  sentenceStances: SentenceStance[];
  /** The published data files with their digests; Croissant describes the JSONL ones. */
  dataFiles: PublishedFile[];
}

/** Record counts of the whole corpus, for the descriptions that quote them (Croissant, the dataset card). */
export interface CorpusCounts {
  documents: number;
  paragraphs: number;
  sentences: number;
  tokens: number;
  mentions: number;
  catalogue: number;
  targets: number;
  stances: number;
  sentenceStances: number;
}
