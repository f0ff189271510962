import type { EntityMention, Sentence, Token } from "../../src/generated/types.js";
import { bioTags } from "./bio-tags.js";
import type { DocumentExport } from "./export-input.js";
import { groupBy } from "./group-by.js";
import { outermostMentions } from "./outermost-mentions.js";

/** One sentence with what the token-level exports need. */
export interface SentenceView {
  sentence: Sentence;
  /** The sentence's tokens, in order; token i has index i. */
  tokens: Token[];
  /** Every mention in the sentence, nested ones included, outer before inner. */
  mentions: EntityMention[];
  /** BIO tag of each token, from the outermost mentions. */
  tags: string[];
}

/**
 * Every sentence of a document, in document order, with its tokens, mentions and BIO tags. Expects
 * input in canonical order. Checks that token indices run 0…n-1, because mentions address tokens
 * by index.
 */
export function sentenceViews(input: Pick<DocumentExport, "sentences" | "tokens" | "mentions">): SentenceView[] {
  const tokensOf = groupBy(input.tokens, (t) => t.sentence);
  const mentionsOf = groupBy(input.mentions, (m) => m.sentence);
  const known = new Set(input.sentences.map((s) => s.id));
  for (const sentence of [...tokensOf.keys(), ...mentionsOf.keys()]) {
    if (!known.has(sentence)) throw new Error(`${sentence}: expected every token and mention to lie in a known sentence, found records of an unknown one`);
  }
  return input.sentences.map((sentence) => {
    const tokens = tokensOf.get(sentence.id) ?? [];
    tokens.forEach((t, i) => {
      if (t.index !== i) throw new Error(`${t.id}: expected token index ${i} (tokens of ${sentence.id} in order, none missing), found ${t.index}`);
    });
    const mentions = mentionsOf.get(sentence.id) ?? [];
    return { sentence, tokens, mentions, tags: bioTags(sentence.id, tokens.length, outermostMentions(mentions)) };
  });
}
