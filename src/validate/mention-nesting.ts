import { RowStore, type RowStoreOptions } from "./row-store.js";
import { fileNumber, SpanStore, type NestingProblem, type Other, type SpanAt } from "./span-store.js";

export interface NestingFinding {
  problem: NestingProblem;
  document: number;
  at: SpanAt;
  other: Other;
  /** The number (`e<n>`) of the parent named, or expected. */
  parent?: number;
}

/** Where a finding on a reference mention is placed: it has no file of the input. */
export const REFERENCE_FILE = "(reference corpus)";

/** Takes one mention span read again from its file. */
export type RereadSpan = (document: number, start: number, end: number, number: number, parent: number, file: string, line: number) => void;

/**
 * The nesting check over all mentions. Mentions usually come grouped by document, so a
 * document's spans are swept as soon as the next document's mentions begin, and freed: memory then
 * does not grow with their number. A document whose mentions come back later (reopened) is swept
 * again at the end from all its spans, read back from their files, and what its early sweep found
 * is dropped. The spans read back go to a RowStore and come out grouped by document, so only one
 * such document's spans are held at a time, and input in no order costs bounded memory. Spans
 * that cannot be read back (records given in memory, JSON arrays) are held until the end.
 */
export class MentionNesting {
  #current = -1;
  #open: SpanStore | null = null;
  readonly #held = new Map<number, SpanStore>();
  readonly #swept = new Set<number>();
  readonly #reopened = new Set<number>();
  readonly #early = new Map<number, NestingFinding[]>();
  readonly #rowOptions: RowStoreOptions | undefined;
  readonly #lengthOf: (document: number) => number | undefined;
  /** Reference mentions by document (the shipped corpus's, by default): start, end, number, parent. */
  readonly #reference = new Map<number, number[]>();

  /** `lengthOf` gives a document's length once its text is known: spans out of bounds take no part (see SpanStore.sweep). */
  constructor(options?: RowStoreOptions, lengthOf: (document: number) => number | undefined = () => undefined) {
    this.#rowOptions = options;
    this.#lengthOf = lengthOf;
  }

  /**
   * A mention of the reference data. A document's reference mentions take part in its sweep when
   * mentions of it are given, except those a given mention replaces (same number), so that a
   * mention added to a shipped document is checked against the mentions it already has.
   */
  addReference(document: number, start: number, end: number, number: number, parent: number): void {
    let spans = this.#reference.get(document);
    if (!spans) this.#reference.set(document, (spans = []));
    spans.push(start, end, number, parent);
  }

  /** A mention's span, its number (`e<n>`) and its parent's (see SpanStore). */
  add(document: number, start: number, end: number, number: number, parent: number, file: string, line: number, rereadable: boolean): void {
    if (!rereadable) {
      let held = this.#held.get(document);
      if (!held) this.#held.set(document, (held = new SpanStore()));
      held.add(start, end, number, parent, file, line);
      return;
    }
    if (document === this.#current) {
      this.#open!.add(start, end, number, parent, file, line);
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
    this.#open.add(start, end, number, parent, file, line);
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
      const rows = new RowStore(7, this.#rowOptions);
      const files: string[] = [];
      reread(this.#reopened, (document, start, end, number, parent, file, line) => {
        const f = fileNumber(files, file);
        // Offsets past 2^31 are out of every document's bounds; SpanStore keeps them as the largest int32.
        rows.add(document, Math.min(start, 0x7fffffff), Math.min(end, 0x7fffffff), f, line, number, parent);
      });
      for (const document of this.#reopened) this.#early.delete(document);
      // A document's spans read back follow those held for it (given in memory), as they are added.
      let current = -1;
      let store: SpanStore | undefined;
      rows.drain((row, at) => {
        if (row[at] !== current) {
          if (store) this.#sweep(current, store);
          current = row[at]!;
          store = this.#held.get(current) ?? new SpanStore();
          this.#held.delete(current);
        }
        store!.add(row[at + 1]!, row[at + 2]!, row[at + 5]!, row[at + 6]!, files[row[at + 3]!]!, row[at + 4]!);
      });
      if (store) this.#sweep(current, store);
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
    // Its held spans make it incomplete here, and a text not known yet leaves its bounds unknown:
    // it is swept whole at the end.
    if (this.#lengthOf(document) === undefined) this.#reopened.add(document);
    else if (!this.#held.has(document)) this.#sweep(document, this.#open);
    this.#open = null;
    this.#current = -1;
  }

  #sweep(document: number, store: SpanStore): void {
    const reference = this.#reference.get(document);
    if (reference) {
      const given = store.numbers();
      for (let i = 0; i < reference.length; i += 4) {
        if (!given.has(reference[i + 2]!)) store.add(reference[i]!, reference[i + 1]!, reference[i + 2]!, reference[i + 3]!, REFERENCE_FILE, 0);
      }
    }
    store.sweep((problem, at, other, parent) => {
      let found = this.#early.get(document);
      if (!found) this.#early.set(document, (found = []));
      found.push({ problem, document, at, other, ...(parent === undefined ? {} : { parent }) });
    }, this.#lengthOf(document));
  }
}
