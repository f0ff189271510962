import type { ExportInput } from "./export-input.js";

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The number an authored id ends with (`…/e12` → 12), so that e10 sorts after e9. */
function idNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  if (!match) throw new Error(`${id}: expected an id ending in a number, found none`);
  return Number(match[1]);
}

/**
 * A copy of the input with every collection in document order (document id, then code-point
 * start), whatever order it came in. Sorting here rather than trusting the caller makes every
 * export independent of input order, so two builds of the same data give the same bytes.
 * Ids are not sorted as strings: `p10` would come before `p2`.
 */
export function canonicalOrder(input: ExportInput): ExportInput {
  // An outer span before the spans it contains; equal spans by id.
  const spans = <T extends { document: string; start: number; end: number; id: string }>(records: T[], byId = (a: T, b: T) => compareStrings(a.id, b.id)): T[] =>
    [...records].sort((a, b) => compareStrings(a.document, b.document) || a.start - b.start || b.end - a.end || byId(a, b));
  const sentences = spans(input.sentences);
  const sentencePosition = new Map(sentences.map((s, i) => [s.id, i]));
  const positionOf = (sentence: string, where: string): number => {
    const position = sentencePosition.get(sentence);
    if (position === undefined) throw new Error(`${where}: expected sentence ${sentence} to exist, found no such sentence`);
    return position;
  };
  return {
    ...input,
    documents: [...input.documents].sort((a, b) => compareStrings(a.id, b.id)),
    paragraphs: spans(input.paragraphs),
    sentences,
    tokens: spans(input.tokens),
    mentions: spans(input.mentions, (a, b) => idNumber(a.id) - idNumber(b.id)),
    catalogue: [...input.catalogue].sort((a, b) => compareStrings(a.id, b.id)),
    targets: [...input.targets].sort((a, b) => compareStrings(a.id, b.id)),
    stances: [...input.stances].sort((a, b) => compareStrings(a.document, b.document) || idNumber(a.id) - idNumber(b.id)),
    sentenceStances: [...input.sentenceStances].sort(
      (a, b) => positionOf(a.sentence, a.id) - positionOf(b.sentence, b.id) || compareStrings(a.target, b.target),
    ),
    schemas: [...input.schemas].sort((a, b) => compareStrings(a.path, b.path)),
    dataFiles: [...input.dataFiles].sort((a, b) => compareStrings(a.path, b.path)),
  };
}
