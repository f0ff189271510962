import type { StanceTarget } from "../../src/generated/types.js";
import type { Output, OutputFile } from "../lib/output.js";
import type { DocumentExport } from "./export-input.js";
import { huggingfaceCard, NER_FILE, STANCE_FILE, type CardFacts } from "./huggingface-card.js";
import { huggingfaceNer } from "./huggingface-ner.js";
import { huggingfaceStance } from "./huggingface-stance.js";
import type { SentenceView } from "./sentence-views.js";

const DIR = "corpus/exports/huggingface";

/**
 * `corpus/exports/huggingface/`: a folder `datasets.load_dataset` reads as is (its README's
 * `configs` point at the two JSONL files next to it). Rows are written a document at a time, in
 * canonical order; the card, written last, counts what was written.
 */
export class HuggingfaceFiles {
  readonly #ner: OutputFile;
  readonly #stance: OutputFile;
  readonly #targets: ReadonlyMap<string, StanceTarget>;
  readonly #facts: CardFacts;
  /** Rows per JSONL file, for the manifest. */
  readonly records = new Map<string, number>();

  constructor(
    private readonly output: Output,
    version: string,
    targets: readonly StanceTarget[],
  ) {
    this.#ner = output.open(`${DIR}/${NER_FILE}`);
    this.#stance = output.open(`${DIR}/${STANCE_FILE}`);
    this.#targets = new Map(targets.map((t) => [t.id, t]));
    this.#facts = { version, documents: [], paragraphs: 0, sentences: 0, mentions: 0, outermost: 0, targets: targets.length, nerRows: 0, nerTokens: 0, longest: 0, stanceRows: 0, labels: new Map() };
  }

  /** Adds one document's rows, its records in canonical order and its sentence views made from them. */
  add(records: DocumentExport, views: readonly SentenceView[]): void {
    const facts = this.#facts;
    facts.documents.push(records.document.id);
    facts.paragraphs += records.paragraphs.length;
    facts.sentences += records.sentences.length;
    facts.mentions += records.mentions.length;
    facts.outermost += records.mentions.filter((m) => m.parent === undefined).length;
    for (const row of huggingfaceNer(views)) {
      this.#ner.write(`${JSON.stringify(row)}\n`);
      facts.nerRows++;
      facts.nerTokens += row.tokens.length;
      facts.longest = Math.max(facts.longest, row.tokens.length);
    }
    for (const row of huggingfaceStance(records, this.#targets)) {
      this.#stance.write(`${JSON.stringify(row)}\n`);
      facts.stanceRows++;
      facts.labels.set(row.label, (facts.labels.get(row.label) ?? 0) + 1);
    }
  }

  /** Closes the two JSONL files and writes the card. */
  finish(): void {
    this.#ner.close();
    this.#stance.close();
    this.records.set(`${DIR}/${NER_FILE}`, this.#facts.nerRows);
    this.records.set(`${DIR}/${STANCE_FILE}`, this.#facts.stanceRows);
    const card = this.output.open(`${DIR}/README.md`);
    card.write(huggingfaceCard(this.#facts));
    card.close();
  }
}
