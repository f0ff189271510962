import type { EntityType } from "../../src/generated/types.js";
import { ENTITY_TYPES as SCHEMA_ENTITY_TYPES } from "../../src/generated/labels.js";

/**
 * The entity types in the schema's enum order. The BIO label ids below are positions in this order,
 * and a model trained on one release must read the next, so a new type is appended to the schema's
 * enum, never inserted.
 */
export const ENTITY_TYPES: readonly EntityType[] = SCHEMA_ENTITY_TYPES;

/** BIO labels by id: O, then B- and I- for each type in ENTITY_TYPES order (the CoNLL-2003 layout). */
export const BIO_LABELS: readonly string[] = ["O", ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
