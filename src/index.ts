export type * from "./generated/types.js";
export type { RecordValidator, ValidationError } from "./generated/validators.js";
export { codePointLength, CodePointText } from "./code-points.js";
export { createCorpus, type Corpus, type CorpusData } from "./corpus.js";
export { rawEvidence, type RawEvidence } from "./raw-evidence.js";
export { corpus } from "./shipped-corpus.js";
export * as validators from "./generated/validators.js";
export { foldedView, type FoldedView, type FoldOptions } from "./folded-view.js";
export { cohensKappa, mentionAgreement, stanceAgreement } from "./agreement.js";
