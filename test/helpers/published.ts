import { readFileSync } from "node:fs";
import type { Document, Entity, EntityMention, OffsetMap, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, TextRepairs, Token } from "../../src/generated/types.js";

/** Reads a published JSONL file of the working tree. */
export function readJsonl<T>(name: string): T[] {
  return readFileSync(`corpus/data/${name}.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

export const published = {
  documents: readJsonl<Document>("documents"),
  paragraphs: readJsonl<Paragraph>("paragraphs"),
  sentences: readJsonl<Sentence>("sentences"),
  tokens: readJsonl<Token>("tokens"),
  mentions: readJsonl<EntityMention>("entities"),
  catalogue: readJsonl<Entity>("entity-catalogue"),
  targets: readJsonl<StanceTarget>("stance-targets"),
  stances: readJsonl<Stance>("stances"),
  sentenceStances: readJsonl<SentenceStance>("sentence-stances"),
  offsetMaps: readJsonl<OffsetMap>("offset-maps"),
};

export const repairsOf = (document: string): TextRepairs =>
  JSON.parse(readFileSync(`corpus/repairs/${document}.json`, "utf8")) as TextRepairs;

export const rawOf = (document: string): string => readFileSync(`corpus/raw/${document}.txt`, "utf8");
