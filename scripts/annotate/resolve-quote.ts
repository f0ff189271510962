import type { Paragraph, Sentence, Token } from "../../src/generated/types.js";
import { CodePointText } from "../../src/code-points.js";
import { BuildError, quote } from "../lib/build-error.js";

/** A document's text and segments, as the annotation resolvers need them. */
export interface SegmentedDocument {
  id: string;
  text: CodePointText;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokensBySentence: Map<string, Token[]>;
}

export interface QuoteSelector {
  paragraph: string;
  quote: string;
  occurrence?: number;
}

export interface ResolvedSpan {
  start: number;
  end: number;
  text: string;
  paragraph: Paragraph;
  sentence: Sentence;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Resolves a quote selector to code-point offsets: the n-th substring match of the quote in the
 * paragraph (n = occurrence, 1-based). Fails, naming the annotation's file and line, when the
 * quote matches nothing or fewer times than asked, when it does not start and end on word
 * boundaries, or when it crosses a sentence boundary.
 */
export function resolveQuote(doc: SegmentedDocument, selector: QuoteSelector, file: string, line: number): ResolvedSpan {
  const fail = (problem: string): never => {
    throw new BuildError(file, `${line}`, problem);
  };
  const paragraph = doc.paragraphs.find((p) => p.id === `${doc.id}/${selector.paragraph}`);
  if (!paragraph) return fail(`expected paragraph ${selector.paragraph} to exist in ${doc.id}, found ${doc.paragraphs.length} paragraphs`);
  const occurrence = selector.occurrence ?? 1;
  const matches: number[] = [];
  for (let at = paragraph.text.indexOf(selector.quote); at !== -1; at = paragraph.text.indexOf(selector.quote, at + 1)) matches.push(at);
  if (matches.length === 0) return fail(`expected ${quote(selector.quote)} in ${selector.paragraph}, found no match`);
  const at = matches[occurrence - 1];
  if (at === undefined) return fail(`expected occurrence ${occurrence} of ${quote(selector.quote)} in ${selector.paragraph}, found only ${matches.length}`);
  const before = paragraph.text.slice(0, at);
  const after = paragraph.text.slice(at + selector.quote.length);
  const last = [...before].pop();
  const next = [...after][0];
  const first = [...selector.quote][0]!;
  const end = [...selector.quote].pop()!;
  if ((last && WORD_CHAR.test(last) && WORD_CHAR.test(first)) || /\p{M}/u.test(first)) {
    fail(`expected ${quote(selector.quote)} (occurrence ${occurrence}) to start at a word boundary in ${selector.paragraph}, found it inside ${quote(wordAround(paragraph.text, at))}`);
  }
  if (next && WORD_CHAR.test(next) && WORD_CHAR.test(end)) {
    fail(`expected ${quote(selector.quote)} (occurrence ${occurrence}) to end at a word boundary in ${selector.paragraph}, found it inside ${quote(wordAround(paragraph.text, at + selector.quote.length - 1))}`);
  }
  const paragraphText = new CodePointText(paragraph.text);
  const start = paragraph.start + paragraphText.toPoint(at);
  const stop = paragraph.start + paragraphText.toPoint(at + selector.quote.length);
  const sentence = doc.sentences.find((s) => s.paragraph === paragraph.id && s.start <= start && stop <= s.end);
  if (!sentence) return fail(`expected ${quote(selector.quote)} in ${selector.paragraph} to lie inside one sentence, found it crossing a sentence boundary`);
  return { start, end: stop, text: selector.quote, paragraph, sentence };
}

function wordAround(text: string, at: number): string {
  let from = at;
  while (from > 0 && /\S/u.test(text[from - 1]!)) from--;
  let to = at;
  while (to < text.length && /\S/u.test(text[to]!)) to++;
  return text.slice(from, to);
}
