import type { Document, Entity, EntityMention, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, Token } from "../../src/generated/types.js";

/** One file the build published, as listed in the manifest. */
export interface PublishedFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
  /** Number of records, for JSONL files. */
  records?: number;
}

/** Everything the exports are made from; the build passes what it has just validated. */
export interface ExportInput {
  /** Dataset version (the package version). */
  version: string;
  documents: Document[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  mentions: EntityMention[];
  catalogue: Entity[];
  targets: StanceTarget[];
  stances: Stance[];
  sentenceStances: SentenceStance[];
  /**
   * Every JSON Schema, by path relative to the root (`schema/v1/<name>.schema.json`). Typed `any`
   * because it is parsed JSON; schema-resolver.ts checks the shape of what it reads.
   */
  schemas: Array<{ path: string; schema: any }>;
  /** The published data files with their digests; Croissant describes the JSONL ones. */
  dataFiles: PublishedFile[];
}
