import { CodePointText } from "../../src/code-points.js";
import { BIO_LABELS } from "./entity-labels.js";
import type { SentenceView } from "./sentence-views.js";

/** One row of the Hugging Face `ner` config. Keys in this order in the file. */
export interface NerRow {
  id: string;
  document: string;
  text: string;
  tokens: string[];
  /** Ids into BIO_LABELS, one per token, from the outermost mentions. */
  ner_tags: number[];
  /** Every mention, nested ones included, as code-point offsets into `text` (what Python's str slicing counts). */
  spans: Array<{ start: number; end: number; label: string }>;
}

/** The `ner` rows of a document: one per sentence, in document order. */
export function huggingfaceNer(views: readonly SentenceView[]): NerRow[] {
  return views.map(({ sentence, tokens, mentions, tags }) => {
    const text = new CodePointText(sentence.text);
    return {
      id: sentence.id,
      document: sentence.document,
      text: sentence.text,
      tokens: tokens.map((t) => t.text),
      ner_tags: tags.map((tag) => BIO_LABELS.indexOf(tag)),
      spans: mentions.map((m) => {
        const start = m.start - sentence.start;
        const end = m.end - sentence.start;
        // Mentions carry document offsets; a sentence-relative span must still cut out the same text.
        if (start < 0 || end > text.length || text.slice(start, end) !== m.text) {
          throw new Error(`${m.id}: expected its text ${JSON.stringify(m.text)} at [${start}, ${end}) of ${sentence.id}, found the span outside the sentence or other text`);
        }
        return { start, end, label: m.type };
      }),
    };
  });
}
