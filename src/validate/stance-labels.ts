import { RowStore, type RowStoreOptions } from "./row-store.js";
import { fileNumber } from "./span-store.js";

/** Where a sentence label was read. */
export interface LabelAt {
  file: string;
  line: number;
}

/**
 * What the comparison of labels with the attributed stances finds, on the label (`at`):
 * - `unlisted`: a stance on the label's target with evidence in its sentence that it does not list
 *   (on the stance, or on the document's labels file, when the label lists no stance and is NONE:
 *   such labels, most of them, are not kept);
 * - `listed-elsewhere`: a stance of the document it lists that is not on its target with evidence
 *   in its sentence;
 * - `derivation`: a label other than the one its stances give (`expected`);
 * - `resolution-missing`: stances both FAVOR and AGAINST, and no `resolution`;
 * - `resolution-unneeded`: a `resolution` where the stances do not conflict.
 */
export interface LabelFinding {
  problem: "unlisted" | "listed-elsewhere" | "derivation" | "resolution-missing" | "resolution-unneeded";
  document: number;
  /** The sentence's key less its document's part (IdKeys packs `doc · 2^32 + low`). */
  sentence: number;
  target: string;
  stance?: number;
  expected?: string;
  found?: string;
  /** The label's place; for `unlisted` without a kept label, the stance's, or the labels file's (line 0) for a shipped stance. */
  at: LabelAt;
  /** Whether `at` is the stance's place, not the label's. */
  onStance?: boolean;
}

const STANCE = 0;
const LISTED = 1;
const DECLARED = 2;
/** Stance labels and sentence labels as numbers (NEUTRAL counts as NONE at the sentence level). */
const LABELS = ["FAVOR", "AGAINST", "NONE"] as const;
const labelCode = (label: string) => (label === "FAVOR" ? 0 : label === "AGAINST" ? 1 : 2);

interface ReferenceStance {
  target: number;
  label: number;
  sentences: number[];
}

/**
 * Sentence labels against the attributed stances they are derived from (the derivation rule of the
 * guidelines, as the build applies it): a label of sentence S × target T lists exactly the stances
 * on T with evidence in S, and its value is FAVOR or AGAINST when those hold only that polar
 * label, NONE when they hold neither, and, when they hold both, the one a declared resolution
 * chose. Every stance-sentence pair, listed stance and label that lists a stance or says more
 * than NONE is a row of seven numbers in a RowStore, so that memory stays bounded whatever the
 * size and order of the input; the rows are compared one document at a time at the end.
 */
export class StanceLabels {
  readonly #rows: RowStore;
  readonly #targets = new Map<string, number>();
  readonly #targetNames: string[] = [];
  readonly #files: string[] = [];
  /** Stances of the reference data (the shipped corpus) by document, then by number. */
  readonly #reference = new Map<number, Map<number, ReferenceStance>>();

  constructor(options?: RowStoreOptions) {
    this.#rows = new RowStore(7, options);
  }

  /** A stance on `target` with evidence in the given sentences (keys' low parts), read at `at`; none for the shipped corpus's. */
  stance(document: number, stance: number, target: string, label: string, sentences: number[], at?: LabelAt): void {
    const t = this.#target(target);
    if (!at) {
      let stances = this.#reference.get(document);
      if (!stances) this.#reference.set(document, (stances = new Map()));
      stances.set(stance, { target: t, label: labelCode(label), sentences });
      return;
    }
    const file = fileNumber(this.#files, at.file);
    for (const sentence of sentences) this.#rows.add(document, sentence, t, stance, STANCE * 8 + labelCode(label), file, at.line);
  }

  /**
   * Whether a label needs a row. The common label, NONE with no stance, does not: what could be
   * wrong with it is a stance it misses, which that stance's row shows. Callers ask first, so that
   * they make nothing for the millions of such labels.
   */
  static keeps(label: string, stances: number, resolution: boolean): boolean {
    return stances > 0 || label !== "NONE" || resolution;
  }

  /** A sentence label that `keeps` accepts, the numbers of the stances of its document that it lists, and where it was read. */
  label(document: number, sentence: number, target: string, label: string, stances: number[], resolution: boolean, at: LabelAt): void {
    const t = this.#target(target);
    const file = fileNumber(this.#files, at.file);
    this.#rows.add(document, sentence, t, -1, DECLARED * 8 + labelCode(label) + (resolution ? 4 : 0), file, at.line);
    for (const stance of stances) this.#rows.add(document, sentence, t, stance, LISTED * 8, file, at.line);
  }

  /** Compares, one document at a time, for the documents given labels (`labelsFile`: the file of their labels). */
  finish(labelsFile: (document: number) => string | undefined, report: (finding: LabelFinding) => void): void {
    let current = -1;
    const flush = () => {
      const file = current >= 0 ? labelsFile(current) : undefined;
      if (file !== undefined) this.#compare(current, file, report);
      this.#count = 0;
    };
    this.#rows.drain((all, at) => {
      if (all[at] !== current) {
        flush();
        current = all[at]!;
      }
      this.#push(all[at + 1]!, all[at + 2]!, all[at + 3]!, all[at + 4]!, all[at + 5]!, all[at + 6]!);
    });
    flush();
  }

  // One document's rows at a time, six numbers each (sentence, target, stance, code, file, line),
  // in buffers reused from document to document: tens of thousands of documents must not each
  // leave arrays behind for the garbage collector.
  #buffer = new Int32Array(6 * 256);
  #order = new Int32Array(256);
  #count = 0;

  #push(sentence: number, target: number, stance: number, code: number, file: number, line: number): void {
    if ((this.#count + 1) * 6 > this.#buffer.length) {
      const larger = new Int32Array(this.#buffer.length * 2);
      larger.set(this.#buffer);
      this.#buffer = larger;
    }
    const at = this.#count++ * 6;
    const b = this.#buffer;
    b[at] = sentence;
    b[at + 1] = target;
    b[at + 2] = stance;
    b[at + 3] = code;
    b[at + 4] = file;
    b[at + 5] = line;
  }

  /** The current document's rows (see #push). */
  #compare(document: number, labels: string, report: (finding: LabelFinding) => void): void {
    const reference = this.#reference.get(document);
    if (reference) {
      // A stance given for validation replaces the reference stance of the same number.
      const given = this.#count;
      for (const [stance, s] of reference) {
        if (this.#find(0, given, STANCE, stance) === -1) for (const sentence of s.sentences) this.#push(sentence, s.target, stance, STANCE * 8 + s.label, -1, 0);
      }
    }
    const n = this.#count;
    if (this.#order.length < n) this.#order = new Int32Array(Math.max(n, this.#order.length * 2));
    const rows = this.#buffer;
    const order = this.#order.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = i * 6;
    order.sort((a, b) => (rows[a]! >>> 0) - (rows[b]! >>> 0) || rows[a + 1]! - rows[b + 1]! || rows[a + 2]! - rows[b + 2]! || (rows[a + 3]! >> 3) - (rows[b + 3]! >> 3));
    for (let from = 0; from < n; ) {
      let to = from;
      const first = order[from]!;
      while (to < n && rows[order[to]!] === rows[first] && rows[order[to]! + 1] === rows[first + 1]) to++;
      this.#pair(document, order, from, to, labels, report);
      from = to;
    }
  }

  /**
   * The first of the rows at order[from] … order[to − 1] (or, with `order` null, rows from … to − 1)
   * of this kind and stance, or -1. Pairs and documents have few rows: a scan is enough, and it
   * allocates nothing, which matters over millions of pairs.
   */
  #find(from: number, to: number, kind: number, stance: number, order: Int32Array | null = null): number {
    const rows = this.#buffer;
    for (let k = from; k < to; k++) {
      const r = order ? order[k]! : k * 6;
      if (rows[r + 3]! >> 3 === kind && rows[r + 2] === stance) return r;
    }
    return -1;
  }

  /** The rows order[from] … order[to − 1]: those of one sentence × target, stances first, then listed, then the label. */
  #pair(document: number, order: Int32Array, from: number, to: number, labels: string, report: (finding: LabelFinding) => void): void {
    const rows = this.#buffer;
    let declared = -1;
    let favor = false;
    let against = false;
    for (let k = from; k < to; k++) {
      const r = order[k]!;
      const kind = rows[r + 3]! >> 3;
      if (kind === DECLARED) declared = r;
      else if (kind === STANCE) {
        favor ||= (rows[r + 3]! & 7) === 0;
        against ||= (rows[r + 3]! & 7) === 1;
      }
    }
    // Findings are rare: their objects are made only when there is one.
    const finding = (problem: LabelFinding["problem"], at: number, extra: Partial<LabelFinding> = {}): LabelFinding => ({
      problem,
      document,
      sentence: rows[order[from]!]! >>> 0,
      target: this.#targetNames[rows[order[from]! + 1]!]!,
      at: rows[at + 4]! >= 0 ? { file: this.#files[rows[at + 4]!]!, line: rows[at + 5]! } : { file: labels, line: 0 },
      ...extra,
    });
    if (declared === -1) {
      // A label that lists no stance and says NONE (not kept), or none at all (sentence-label-count).
      for (let k = from; k < to; k++) {
        const r = order[k]!;
        if (rows[r + 3]! >> 3 === STANCE) report(finding("unlisted", r, { stance: rows[r + 2]!, onStance: rows[r + 4]! >= 0 }));
      }
      return;
    }
    for (let k = from; k < to; k++) {
      const r = order[k]!;
      const kind = rows[r + 3]! >> 3;
      const stance = rows[r + 2]!;
      if (kind === LISTED && this.#find(from, to, STANCE, stance, order) === -1 && this.#find(0, this.#count, STANCE, stance) !== -1) report(finding("listed-elsewhere", declared, { stance }));
      if (kind === STANCE && this.#find(from, to, LISTED, stance, order) === -1) report(finding("unlisted", declared, { stance }));
    }
    const code = rows[declared + 3]! & 7;
    const value = code & 3;
    const resolution = (code & 4) !== 0;
    if (favor && against) {
      // Any of the three: a resolution may find the sentence balanced and choose NONE (guidelines §7).
      if (!resolution) report(finding("resolution-missing", declared));
      return;
    }
    const expected = favor ? 0 : against ? 1 : 2;
    if (value !== expected) report(finding("derivation", declared, { expected: LABELS[expected], found: LABELS[value] }));
    if (resolution) report(finding("resolution-unneeded", declared));
  }

  #target(name: string): number {
    let t = this.#targets.get(name);
    if (t === undefined) {
      this.#targets.set(name, (t = this.#targetNames.length));
      this.#targetNames.push(name);
    }
    return t;
  }
}
