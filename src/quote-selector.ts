/**
 * Finding a quote selector in its paragraph: the build resolves authored annotations with it, and
 * the validator checks authored annotation files with it, so that both accept the same quotes.
 */

/** A span given by its text: the n-th match of `quote` in a paragraph (`p<n>`). */
export interface QuoteSelector {
  paragraph: string;
  quote: string;
  occurrence?: number;
}

/** Where the quote starts in the paragraph (UTF-16 index), or what is wrong with the selector. */
export type QuoteMatch = { at: number } | { problem: string };

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const MARK = /\p{M}/u;

/**
 * The n-th substring match of `quote` in `text` (n = occurrence, 1-based), which must start and
 * end on word boundaries: a quote that begins or ends inside a word would select part of it.
 * `paragraph` names the paragraph in the messages.
 */
export function findQuote(text: string, quote: string, occurrence: number, paragraph: string): QuoteMatch {
  const matches: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) matches.push(at);
  if (matches.length === 0) return { problem: `expected ${quoted(quote)} in ${paragraph}, found no match` };
  const at = matches[occurrence - 1];
  if (at === undefined) return { problem: `expected occurrence ${occurrence} of ${quoted(quote)} in ${paragraph}, found only ${matches.length}` };
  const last = [...text.slice(0, at)].pop();
  const next = [...text.slice(at + quote.length)][0];
  const first = [...quote][0]!;
  const end = [...quote].pop()!;
  if ((last && WORD_CHAR.test(last) && WORD_CHAR.test(first)) || MARK.test(first)) {
    return { problem: `expected ${quoted(quote)} (occurrence ${occurrence}) to start at a word boundary in ${paragraph}, found it inside ${quoted(wordAround(text, at))}` };
  }
  if (next && WORD_CHAR.test(next) && WORD_CHAR.test(end)) {
    return { problem: `expected ${quoted(quote)} (occurrence ${occurrence}) to end at a word boundary in ${paragraph}, found it inside ${quoted(wordAround(text, at + quote.length - 1))}` };
  }
  return { at };
}

/** Quotes a piece of text for an error message, shortened when long. */
export function quoted(text: string, max = 60): string {
  const shown = [...text].length > max ? `${[...text].slice(0, max).join("")}…` : text;
  return JSON.stringify(shown);
}

function wordAround(text: string, at: number): string {
  let from = at;
  while (from > 0 && /\S/u.test(text[from - 1]!)) from--;
  let to = at;
  while (to < text.length && /\S/u.test(text[to]!)) to++;
  return text.slice(from, to);
}
