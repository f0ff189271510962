import { SpanStore, type NestingProblem, type SpanAt } from "./span-store.js";

export interface NestingFinding {
  problem: NestingProblem;
  document: number;
  at: SpanAt;
  other: { start: number; end: number };
}

/** Takes one mention span read again from its file. */
export type RereadSpan = (document: number, start: number, end: number, file: string, line: number) => void;

/**
 * The nesting check over all mentions. Mentions usually come grouped by document, so a
 * document's spans are swept as soon as the next document's mentions begin, and freed: memory then
 * does not grow with their number. A document whose mentions come back later (reopened) is swept
 * again at the end from all its spans, read back from their files, and what its early sweep found
 * is dropped; the spans of every such document are held together then (12–16 bytes a span), so
 * input in no order costs memory in proportion to its mentions. Spans that cannot be read back
 * (records given in memory, JSON arrays) are held until the end.
 */
export class MentionNesting {
  #current = -1;
  #open: SpanStore | null = null;
  readonly #held = new Map<number, SpanStore>();
  readonly #swept = new Set<number>();
  readonly #reopened = new Set<number>();
  readonly #early = new Map<number, NestingFinding[]>();

  add(document: number, start: number, end: number, file: string, line: number, rereadable: boolean): void {
    if (!rereadable) {
      let held = this.#held.get(document);
      if (!held) this.#held.set(document, (held = new SpanStore()));
      held.add(start, end, file, line);
      return;
    }
    if (document === this.#current) {
      this.#open!.add(start, end, file, line);
      return;
    }
    this.#close();
    if (this.#swept.has(document)) {
      // Read back at the end with the rest of the document's spans.
      this.#reopened.add(document);
      return;
    }
    this.#current = document;
    // One open store at a time: it can start big enough for a typical document.
    this.#open = new SpanStore(256);
    this.#open.add(start, end, file, line);
  }

  /**
   * Sweeps what is left and reports every finding, ordered by document number. `reread` reads
   * the re-readable spans of the documents asked for again from their files and hands each to
   * `add`, which stores it compactly (a span at a time, not a list of all of them: a file whose
   * mentions are in no order can reopen every document).
   */
  finish(reread: (documents: ReadonlySet<number>, add: RereadSpan) => void, report: (finding: NestingFinding) => void): void {
    this.#close();
    for (const document of this.#held.keys()) if (this.#swept.has(document)) this.#reopened.add(document);
    if (this.#reopened.size > 0) {
      reread(this.#reopened, (document, start, end, file, line) => {
        let held = this.#held.get(document);
        if (!held) this.#held.set(document, (held = new SpanStore()));
        held.add(start, end, file, line);
      });
      for (const document of this.#reopened) this.#early.delete(document);
    }
    for (const [document, store] of this.#held) this.#sweep(document, store);
    const documents = [...this.#early.keys()].sort((a, b) => a - b);
    for (const document of documents) for (const finding of this.#early.get(document)!) report(finding);
    this.#early.clear();
    this.#held.clear();
  }

  #close(): void {
    if (this.#open === null) return;
    const document = this.#current;
    this.#swept.add(document);
    // Its held spans make it incomplete here: it is swept whole at the end.
    if (!this.#held.has(document)) this.#sweep(document, this.#open);
    this.#open = null;
    this.#current = -1;
  }

  #sweep(document: number, store: SpanStore): void {
    store.sweep((problem, at, other) => {
      let found = this.#early.get(document);
      if (!found) this.#early.set(document, (found = []));
      found.push({ problem, document, at, other });
    });
  }
}
