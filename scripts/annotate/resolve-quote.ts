import type { Paragraph, Sentence, Token } from "../../src/generated/types.js";
import { CodePointText } from "../../src/code-points.js";
import { BuildError, quote } from "../lib/build-error.js";
import { findQuote, type QuoteSelector } from "../../src/quote-selector.js";

export type { QuoteSelector };

/** A document's text and segments, as the annotation resolvers need them. */
export interface SegmentedDocument {
  id: string;
  text: CodePointText;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokensBySentence: Map<string, Token[]>;
}

export interface ResolvedSpan {
  start: number;
  end: number;
  text: string;
  paragraph: Paragraph;
  sentence: Sentence;
}

/**
 * Resolves a quote selector to code-point offsets: the n-th substring match of the quote in the
 * paragraph (n = occurrence, 1-based). Fails, naming the annotation's file and line, when the
 * quote matches nothing or fewer times than asked, when it does not start and end on word
 * boundaries (see findQuote), or when it crosses a sentence boundary.
 */
export function resolveQuote(doc: SegmentedDocument, selector: QuoteSelector, file: string, line: number): ResolvedSpan {
  const fail = (problem: string): never => {
    throw new BuildError(file, `${line}`, problem);
  };
  const paragraph = doc.paragraphs.find((p) => p.id === `${doc.id}/${selector.paragraph}`);
  if (!paragraph) return fail(`expected paragraph ${selector.paragraph} to exist in ${doc.id}, found ${doc.paragraphs.length} paragraphs`);
  const match = findQuote(paragraph.text, selector.quote, selector.occurrence ?? 1, selector.paragraph);
  if ("problem" in match) return fail(match.problem);
  const { at } = match;
  const paragraphText = new CodePointText(paragraph.text);
  const start = paragraph.start + paragraphText.toPoint(at);
  const stop = paragraph.start + paragraphText.toPoint(at + selector.quote.length);
  const sentence = doc.sentences.find((s) => s.paragraph === paragraph.id && s.start <= start && stop <= s.end);
  if (!sentence) return fail(`expected ${quote(selector.quote)} in ${selector.paragraph} to lie inside one sentence, found it crossing a sentence boundary`);
  return { start, end: stop, text: selector.quote, paragraph, sentence };
}
