import type { EntityMention } from "../../src/generated/types.js";

/**
 * The mentions no other mention contains (no `parent`): the flat layer that BIO tags can express.
 * Keeps the input order.
 */
export function outermostMentions(mentions: readonly EntityMention[]): EntityMention[] {
  return mentions.filter((m) => m.parent === undefined);
}
