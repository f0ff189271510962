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
      this.#starts = grow(this.#starts);
      this.#ends = grow(this.#ends);
      this.#lines = grow(this.#lines);
      if (this.#fileIndex) this.#fileIndex = grow(this.#fileIndex);
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
    const order = Array.from({ length: this.size }, (_, i) => i);
    // Mentions usually come in text order already; sort only when they do not.
    let sorted = true;
    for (let i = 1; i < this.size && sorted; i++) sorted = starts[i - 1]! < starts[i]! || (starts[i - 1] === starts[i] && ends[i - 1]! >= ends[i]!);
    if (!sorted) order.sort((a, b) => starts[a]! - starts[b]! || ends[b]! - ends[a]!);
    const stack: number[] = [];
    // depth[i]: how many distinct mentions enclose mention i (an identical span is a duplicate,
    // not an enclosing mention).
    const depth = new Int32Array(this.size);
    const at = (i: number): SpanAt => ({ file: this.#files[this.#fileIndex?.[i] ?? 0]!, line: this.#lines[i]!, start: starts[i]!, end: ends[i]! });
    for (const i of order) {
      while (stack.length > 0 && ends[stack[stack.length - 1]!]! <= starts[i]!) stack.pop();
      const top = stack[stack.length - 1];
      if (top !== undefined && ends[i]! > ends[top]!) {
        report("crossing", at(i), { start: starts[top]!, end: ends[top]! });
        continue;
      }
      if (top !== undefined) {
        const same = starts[top] === starts[i] && ends[top] === ends[i];
        depth[i] = same ? depth[top]! : depth[top]! + 1;
        if (depth[i]! > 1) report("depth", at(i), { start: starts[top]!, end: ends[top]! });
      }
      stack.push(i);
    }
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
