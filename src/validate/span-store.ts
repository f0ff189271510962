import { grown } from "./grown.js";

/** Where a mention came from, for the report. */
export interface SpanAt {
  file: string;
  line: number;
  start: number;
  end: number;
}

export type NestingProblem = "depth" | "crossing";

/**
 * Mention spans of one document in compact growable arrays (12 bytes a mention, plus 4 when the
 * mentions come from more than one file), so that nesting can be checked over millions of
 * mentions. Mentions of different sentences never overlap when they lie inside their sentences
 * (checked separately), so one sweep per document is enough.
 */
export class SpanStore {
  #starts: Int32Array<ArrayBuffer>;
  #ends: Int32Array<ArrayBuffer>;
  #lines: Int32Array<ArrayBuffer>;
  #files: string[] = [];
  /** Index into #files per span; null while every span comes from #files[0]. */
  #fileIndex: Int32Array<ArrayBuffer> | null = null;
  size = 0;

  constructor(capacity = 16) {
    this.#starts = new Int32Array(capacity);
    this.#ends = new Int32Array(capacity);
    this.#lines = new Int32Array(capacity);
  }

  add(start: number, end: number, file: string, line: number): void {
    if (this.size === this.#starts.length) {
      this.#starts = grown(this.#starts);
      this.#ends = grown(this.#ends);
      this.#lines = grown(this.#lines);
      if (this.#fileIndex) this.#fileIndex = grown(this.#fileIndex);
    }
    let f = this.#files.length === 0 ? -1 : this.#files[this.#files.length - 1] === file ? this.#files.length - 1 : this.#files.lastIndexOf(file);
    if (f === -1) f = this.#files.push(file) - 1;
    if (f > 0 && !this.#fileIndex) this.#fileIndex = new Int32Array(this.#starts.length);
    this.#starts[this.size] = Math.min(start, 0x7fffffff);
    this.#ends[this.size] = Math.min(end, 0x7fffffff);
    this.#lines[this.size] = line;
    if (this.#fileIndex) this.#fileIndex[this.size] = f;
    this.size++;
  }

  /**
   * Reports each mention nested two levels deep and each pair of crossing mentions. Sorted by
   * start (longer first), a stack of open spans holds the mentions enclosing the current one.
   */
  sweep(report: (problem: NestingProblem, at: SpanAt, other: { start: number; end: number }) => void): void {
    const starts = this.#starts;
    const ends = this.#ends;
    const n = this.size;
    // Mentions usually come in text order already; an order array is made only when they do not.
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = starts[i - 1]! < starts[i]! || (starts[i - 1] === starts[i] && ends[i - 1]! >= ends[i]!);
    const order = sorted ? null : Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || ends[b]! - ends[a]!);
    // The stack of open spans, and for each span how many distinct mentions enclose it (an
    // identical span is a duplicate, not an enclosing mention).
    const stack = new Int32Array(n);
    const depth = new Int32Array(n);
    let top = -1;
    for (let k = 0; k < n; k++) {
      const i = order ? order[k]! : k;
      while (top >= 0 && ends[stack[top]!]! <= starts[i]!) top--;
      if (top >= 0) {
        const outer = stack[top]!;
        if (ends[i]! > ends[outer]!) {
          report("crossing", this.#at(i), { start: starts[outer]!, end: ends[outer]! });
          continue;
        }
        depth[i] = starts[outer] === starts[i] && ends[outer] === ends[i] ? depth[outer]! : depth[outer]! + 1;
        if (depth[i]! > 1) report("depth", this.#at(i), { start: starts[outer]!, end: ends[outer]! });
      }
      stack[++top] = i;
    }
  }

  #at(i: number): SpanAt {
    return { file: this.#files[this.#fileIndex?.[i] ?? 0]!, line: this.#lines[i]!, start: this.#starts[i]!, end: this.#ends[i]! };
  }
}
