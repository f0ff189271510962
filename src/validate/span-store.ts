import { grown } from "./grown.js";

/** Where a mention came from, for the report. */
export interface SpanAt {
  file: string;
  line: number;
  start: number;
  end: number;
}

/** The other span of a finding: the enclosing, crossing or same span (with its place), or the parent's. */
export type Other = { start: number; end: number; file?: string; line?: number; number?: number };

/**
 * What the sweep finds: a mention two levels deep, two mentions crossing, a second mention of the
 * same span, or a mention whose `parent` is wrong: naming no mention of its document, naming one
 * that does not enclose it, or missing although another mention encloses it.
 */
export type NestingProblem = "depth" | "crossing" | "same-span" | "parent-missing" | "parent-outside" | "parent-absent";

/**
 * Mention spans of one document in compact growable arrays (20 bytes a mention with its number and
 * its parent's, plus 4 when the mentions come from more than one file), so that nesting can be checked over millions of
 * mentions. Mentions of different sentences never overlap when they lie inside their sentences
 * (checked separately), so one sweep per document is enough.
 */
export class SpanStore {
  #starts: Int32Array<ArrayBuffer>;
  #ends: Int32Array<ArrayBuffer>;
  #lines: Int32Array<ArrayBuffer>;
  /** The mention's number (`e<n>`; -1 when its id has none) and its parent's (0: none; -1: not to be checked). */
  #numbers: Int32Array<ArrayBuffer>;
  #parents: Int32Array<ArrayBuffer>;
  #files: string[] = [];
  /** Index into #files per span; null while every span comes from #files[0]. */
  #fileIndex: Int32Array<ArrayBuffer> | null = null;
  size = 0;

  constructor(capacity = 16) {
    this.#starts = new Int32Array(capacity);
    this.#ends = new Int32Array(capacity);
    this.#lines = new Int32Array(capacity);
    this.#numbers = new Int32Array(capacity);
    this.#parents = new Int32Array(capacity);
  }

  add(start: number, end: number, number: number, parent: number, file: string, line: number): void {
    if (this.size === this.#starts.length) {
      this.#starts = grown(this.#starts);
      this.#ends = grown(this.#ends);
      this.#lines = grown(this.#lines);
      this.#numbers = grown(this.#numbers);
      this.#parents = grown(this.#parents);
      if (this.#fileIndex) this.#fileIndex = grown(this.#fileIndex);
    }
    const f = fileNumber(this.#files, file);
    if (f > 0 && !this.#fileIndex) this.#fileIndex = new Int32Array(this.#starts.length);
    this.#starts[this.size] = Math.min(start, 0x7fffffff);
    this.#ends[this.size] = Math.min(end, 0x7fffffff);
    this.#lines[this.size] = line;
    this.#numbers[this.size] = number;
    this.#parents[this.size] = parent;
    if (this.#fileIndex) this.#fileIndex[this.size] = f;
    this.size++;
  }

  /**
   * Reports each mention nested two levels deep, each pair of crossing mentions, each mention of
   * a span already taken, and each wrong `parent`. Sorted by start (longer first), a stack of open spans holds the mentions enclosing
   * the current one. `other` is the enclosing or crossing span, or the parent's; `parent` the
   * number of the parent named or expected. Given the document's `length`, a span out of its
   * bounds takes no part: offset-bounds reports it, and here it would seem to enclose or cross
   * every mention after it.
   */
  sweep(report: (problem: NestingProblem, at: SpanAt, other: Other, parent?: number) => void, length?: number): void {
    const starts = this.#starts;
    const ends = this.#ends;
    const n = this.size;
    const inBounds = (i: number) => length === undefined || (starts[i]! < ends[i]! && ends[i]! <= length);
    // Mentions usually come in text order already; an order array is made only when they do not.
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = starts[i - 1]! < starts[i]! || (starts[i - 1] === starts[i] && ends[i - 1]! >= ends[i]!);
    const order = sorted ? null : Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || ends[b]! - ends[a]!);
    // The stack of open spans; for each span, how many distinct mentions enclose it and the
    // innermost of them (an identical span is a duplicate, not an enclosing mention).
    const stack = new Int32Array(n);
    const depth = new Int32Array(n);
    const enclosing = new Int32Array(n).fill(-1);
    const groups: number[][] = [];
    let top = -1;
    for (let k = 0; k < n; k++) {
      const i = order ? order[k]! : k;
      if (!inBounds(i)) continue;
      while (top >= 0 && ends[stack[top]!]! <= starts[i]!) top--;
      if (top >= 0) {
        const outer = stack[top]!;
        if (ends[i]! > ends[outer]!) {
          report("crossing", this.#at(i), this.#at(outer));
          continue;
        }
        const same = starts[outer] === starts[i] && ends[outer] === ends[i];
        if (same) {
          // Identical spans come one after another in this order.
          const group = groups[groups.length - 1];
          if (group && group[group.length - 1] === outer) group.push(i);
          else groups.push([outer, i]);
        }
        depth[i] = same ? depth[outer]! : depth[outer]! + 1;
        enclosing[i] = same ? enclosing[outer]! : outer;
        if (depth[i]! > 1) report("depth", this.#at(i), this.#at(outer));
      }
      stack[++top] = i;
    }
    // Each mention of a span but one is reported, with the one kept: the lowest id number (then
    // line), so that the incidents do not depend on the order the mentions were read in.
    const numbers = this.#numbers;
    const lines = this.#lines;
    for (const group of groups) {
      const kept = group.reduce((a, b) => (numbers[b]! < numbers[a]! || (numbers[b] === numbers[a] && lines[b]! < lines[a]!) ? b : a));
      for (const i of group) if (i !== kept) report("same-span", this.#at(i), { ...this.#at(kept), number: numbers[kept]! });
    }
    this.#checkParents(enclosing, inBounds, report);
  }

  /** The parent checks, in the order the mentions were added. */
  #checkParents(enclosing: Int32Array, inBounds: (i: number) => boolean, report: (problem: NestingProblem, at: SpanAt, other: Other, parent?: number) => void): void {
    const starts = this.#starts;
    const ends = this.#ends;
    let byNumber: Map<number, number> | undefined;
    for (let i = 0; i < this.size; i++) {
      if (!inBounds(i)) continue;
      const parent = this.#parents[i]!;
      if (parent > 0) {
        if (!byNumber) {
          byNumber = new Map();
          for (let j = this.size - 1; j >= 0; j--) byNumber.set(this.#numbers[j]!, j);
        }
        const j = byNumber.get(parent);
        if (j === undefined) report("parent-missing", this.#at(i), { start: 0, end: 0 }, parent);
        else if (!inBounds(j)) continue;
        else if (!(starts[j]! <= starts[i]! && ends[i]! <= ends[j]!) || (starts[j] === starts[i] && ends[j] === ends[i])) {
          report("parent-outside", this.#at(i), { start: starts[j]!, end: ends[j]! }, parent);
        }
      } else if (parent === 0 && enclosing[i]! >= 0) {
        const outer = enclosing[i]!;
        report("parent-absent", this.#at(i), { start: starts[outer]!, end: ends[outer]! }, this.#numbers[outer]!);
      }
    }
  }

  /** The mention numbers (`e<n>`) held. */
  numbers(): Set<number> {
    return new Set(this.#numbers.subarray(0, this.size));
  }

  #at(i: number): SpanAt {
    return { file: this.#files[this.#fileIndex?.[i] ?? 0]!, line: this.#lines[i]!, start: this.#starts[i]!, end: this.#ends[i]! };
  }
}

/**
 * The index of `file` in `files`, added at the end if it is not there: spans and rows keep a
 * small number for their file, and consecutive ones mostly come from the same file.
 */
export function fileNumber(files: string[], file: string): number {
  const last = files.length - 1;
  if (last >= 0 && files[last] === file) return last;
  const known = files.indexOf(file);
  return known !== -1 ? known : files.push(file) - 1;
}
