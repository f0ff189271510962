import type { Range } from "./sentences.js";

/**
 * Tokenization that keeps clitics attached: a token is a whitespace-delimited word, with each
 * punctuation or symbol character at the word's edges split off as a token of its own. Inner
 * punctuation (as in "U.S.") stays inside the word. Returns UTF-16 ranges into `text`.
 */
export interface TokenRange extends Range {
  kind: "word" | "punct";
}

const EDGE = /^[\p{P}\p{S}]$/u;

export function tokenize(text: string, range: Range): TokenRange[] {
  const tokens: TokenRange[] = [];
  const words = /\S+/gu;
  const slice = text.slice(range.start, range.end);
  for (const match of slice.matchAll(words)) {
    const chars = [...match[0]];
    let start = range.start + match.index!;
    let end = start + match[0].length;
    const leading: TokenRange[] = [];
    const trailing: TokenRange[] = [];
    while (chars.length > 0 && EDGE.test(chars[0]!)) {
      const ch = chars.shift()!;
      leading.push({ start, end: start + ch.length, kind: "punct" });
      start += ch.length;
    }
    while (chars.length > 0 && EDGE.test(chars[chars.length - 1]!)) {
      const ch = chars.pop()!;
      trailing.unshift({ start: end - ch.length, end, kind: "punct" });
      end -= ch.length;
    }
    tokens.push(...leading);
    if (chars.length > 0) tokens.push({ start, end, kind: "word" });
    tokens.push(...trailing);
  }
  return tokens;
}
