import type { EntityMention } from "../../src/generated/types.js";
import { ENTITY_TYPES } from "./entity-labels.js";

/**
 * BIO tags for the `tokenCount` tokens of one sentence from its outermost mentions. Throws when a
 * mention falls outside the sentence, has an unknown type, or overlaps another: BIO cannot encode
 * overlap, and a silently dropped span would corrupt the gold data.
 */
export function bioTags(sentence: string, tokenCount: number, outermost: readonly EntityMention[]): string[] {
  const tags: string[] = new Array<string>(tokenCount).fill("O");
  const owner: Array<string | undefined> = new Array<string | undefined>(tokenCount);
  for (const m of outermost) {
    if (m.sentence !== sentence) throw new Error(`${m.id}: expected a mention of sentence ${sentence}, found one of ${m.sentence}`);
    if (!ENTITY_TYPES.includes(m.type)) throw new Error(`${m.id}: expected an entity type among ${ENTITY_TYPES.join(", ")}, found ${JSON.stringify(m.type)}`);
    if (!(m.tokenStart >= 0 && m.tokenStart < m.tokenEnd && m.tokenEnd <= tokenCount)) {
      throw new Error(`${m.id}: expected a token range inside [0, ${tokenCount}) of ${sentence}, found [${m.tokenStart}, ${m.tokenEnd})`);
    }
    for (let i = m.tokenStart; i < m.tokenEnd; i++) {
      if (owner[i] !== undefined) throw new Error(`${m.id}: expected outermost mentions not to overlap, found token ${i} of ${sentence} also in ${owner[i]}`);
      owner[i] = m.id;
      tags[i] = `${i === m.tokenStart ? "B" : "I"}-${m.type}`;
    }
  }
  return tags;
}
