import type { DocumentExport, ExportContext } from "./export-input.js";

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The number an authored id ends with (`…/e12` → 12), so that e10 sorts after e9. */
function idNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  if (!match) throw new Error(`${id}: expected an id ending in a number, found none`);
  return Number(match[1]);
}

/**
 * A copy of one document's records in document order (code-point start), whatever order they came
 * in. Every export orders the corpus by document id first, so the corpus order is the documents
 * in id order, each in this order. Sorting here rather than trusting the caller makes every export
 * independent of input order, so two builds of the same data give the same bytes. Ids are not
 * sorted as strings: `p10` would come before `p2`.
 */
export function canonicalDocument(records: DocumentExport): DocumentExport {
  // An outer span before the spans it contains; equal spans by id.
  const spans = <T extends { start: number; end: number; id: string }>(items: T[], byId = (a: T, b: T) => compareStrings(a.id, b.id)): T[] =>
    [...items].sort((a, b) => a.start - b.start || b.end - a.end || byId(a, b));
  const sentences = spans(records.sentences);
  const sentencePosition = new Map(sentences.map((s, i) => [s.id, i]));
  const positionOf = (sentence: string, where: string): number => {
    const position = sentencePosition.get(sentence);
    if (position === undefined) throw new Error(`${where}: expected sentence ${sentence} to exist in document ${records.document.id}, found no such sentence`);
    return position;
  };
  return {
    document: records.document,
    paragraphs: spans(records.paragraphs),
    sentences,
    tokens: spans(records.tokens),
    mentions: spans(records.mentions, (a, b) => idNumber(a.id) - idNumber(b.id)),
    stances: [...records.stances].sort((a, b) => idNumber(a.id) - idNumber(b.id)),
    sentenceStances: [...records.sentenceStances].sort((a, b) => positionOf(a.sentence, a.id) - positionOf(b.sentence, b.id) || compareStrings(a.target, b.target)),
  };
}

/** A copy of the corpus-wide records and schemas, each sorted by id or path. */
export function canonicalContext(context: ExportContext): ExportContext {
  return {
    version: context.version,
    catalogue: [...context.catalogue].sort((a, b) => compareStrings(a.id, b.id)),
    targets: [...context.targets].sort((a, b) => compareStrings(a.id, b.id)),
    schemas: [...context.schemas].sort((a, b) => compareStrings(a.path, b.path)),
  };
}

/** Files sorted by path. */
export function byPath<T extends { path: string }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => compareStrings(a.path, b.path));
}

/** Document ids in corpus order. */
export const compareIds = compareStrings;
