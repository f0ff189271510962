import type { StanceTarget } from "../../src/generated/types.js";
import type { DocumentExport } from "./export-input.js";

/** One row of the Hugging Face `stance` config. Keys in this order in the file. */
export interface StanceRow {
  id: string;
  sentence: string;
  text: string;
  target: string;
  target_name: string;
  label: string;
}

/**
 * The `stance` rows of a document: one per sentence × target (the SemEval-2016 layout), in
 * document order. Expects the document's records in canonical order.
 */
export function huggingfaceStance(input: Pick<DocumentExport, "sentences" | "sentenceStances">, targets: ReadonlyMap<string, StanceTarget>): StanceRow[] {
  const sentences = new Map(input.sentences.map((s) => [s.id, s]));
  return input.sentenceStances.map((r) => {
    const sentence = sentences.get(r.sentence);
    if (!sentence) throw new Error(`${r.id}: expected sentence ${r.sentence} to exist, found no such sentence`);
    const target = targets.get(r.target);
    if (!target) throw new Error(`${r.id}: expected stance target ${r.target} to exist, found no such target`);
    return { id: r.id, sentence: r.sentence, text: sentence.text, target: r.target, target_name: target.nameEn, label: r.label };
  });
}
