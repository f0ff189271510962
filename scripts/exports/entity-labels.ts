import type { EntityType } from "../../src/generated/types.js";

/**
 * The entity types in a fixed order. The BIO label ids below are positions in this order, and a
 * model trained on one release must read the next, so a new type is appended, never inserted.
 */
export const ENTITY_TYPES: readonly EntityType[] = ["PER", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "EVENT"];

/** BIO labels by id: O, then B- and I- for each type in ENTITY_TYPES order (the CoNLL-2003 layout). */
export const BIO_LABELS: readonly string[] = ["O", ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
