import type { ExportInput } from "./export-input.js";
import { huggingfaceCard, NER_FILE, STANCE_FILE } from "./huggingface-card.js";
import { huggingfaceNer } from "./huggingface-ner.js";
import { huggingfaceStance } from "./huggingface-stance.js";
import { jsonl } from "./jsonl.js";

/**
 * `corpus/exports/huggingface/`: a folder `datasets.load_dataset` reads as is (its README's
 * `configs` point at the two JSONL files next to it). Expects input in canonical order.
 */
export function huggingfaceFiles(input: ExportInput): Record<string, string> {
  const ner = huggingfaceNer(input);
  const stance = huggingfaceStance(input);
  const dir = "corpus/exports/huggingface";
  return {
    [`${dir}/README.md`]: huggingfaceCard(input, ner, stance),
    [`${dir}/${NER_FILE}`]: jsonl(ner),
    [`${dir}/${STANCE_FILE}`]: jsonl(stance),
  };
}
