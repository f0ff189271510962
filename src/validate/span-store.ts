/**
 * Mention spans of one document in compact growable arrays (12 bytes a mention), so that nesting
 * can be checked over millions of mentions. Mentions of different sentences never overlap when
 * they lie inside their sentences (checked separately), so one sweep per document is enough.
 */
export class SpanStore {
  #starts = new Int32Array(1024);
  #ends = new Int32Array(1024);
  #lines = new Int32Array(1024);
  #files: string[] = [];
  #fileIndex = new Int32Array(1024);
  size = 0;

  add(start: number, end: number, file: string, line: number): void {
    if (this.size === this.#starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.#starts = grow(this.#starts);
      this.#ends = grow(this.#ends);
      this.#lines = grow(this.#lines);
      this.#fileIndex = grow(this.#fileIndex);
    }
    let f = this.#files.lastIndexOf(file);
    if (f === -1) f = this.#files.push(file) - 1;
    this.#starts[this.size] = start;
    this.#ends[this.size] = end;
    this.#lines[this.size] = line;
    this.#fileIndex[this.size] = f;
    this.size++;
  }

  /**
   * Reports each mention nested two levels deep and each pair of crossing mentions. Sorted by
   * start (longer first), a stack of open spans holds the mentions enclosing the current one.
   */
  sweep(report: (problem: "depth" | "crossing", at: { file: string; line: number; start: number; end: number }, other: { start: number; end: number }) => void): void {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.#starts[a]! - this.#starts[b]! || this.#ends[b]! - this.#ends[a]!);
    const stack: number[] = [];
    // depth[i]: how many distinct mentions enclose mention i (an identical span is a duplicate,
    // not an enclosing mention).
    const depth = new Int32Array(this.size);
    const at = (i: number) => ({ file: this.#files[this.#fileIndex[i]!]!, line: this.#lines[i]!, start: this.#starts[i]!, end: this.#ends[i]! });
    for (const i of order) {
      while (stack.length > 0 && this.#ends[stack[stack.length - 1]!]! <= this.#starts[i]!) stack.pop();
      const top = stack[stack.length - 1];
      if (top !== undefined && this.#ends[i]! > this.#ends[top]!) {
        report("crossing", at(i), { start: this.#starts[top]!, end: this.#ends[top]! });
        continue;
      }
      if (top !== undefined) {
        const same = this.#starts[top] === this.#starts[i] && this.#ends[top] === this.#ends[i];
        depth[i] = same ? depth[top]! : depth[top]! + 1;
        if (depth[i]! > 1) report("depth", at(i), { start: this.#starts[top]!, end: this.#ends[top]! });
      }
      stack.push(i);
    }
  }
}
