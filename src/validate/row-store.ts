import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { grown } from "./grown.js";

export interface RowStoreOptions {
  /** Bytes of rows kept in memory; past them, rows go to a temporary file. Default 4 MiB. */
  budget?: number;
  /** Where the temporary file is made; default `os.tmpdir()`. */
  directory?: string;
}

/** Rows per page at most: 16 Ki rows of 8 numbers are 512 KiB. */
const PAGE_ROWS = 1 << 14;

/**
 * Rows of up to eight 32-bit integers, the first a document number (dense, as IdKeys gives them),
 * handed back grouped by document and, within a document, in the order added. It is how records
 * that wait for the end of input are kept when they come in no order: up to `budget` bytes of
 * rows stay in memory, and past that every full page goes to a temporary file, so that memory
 * stays bounded whatever the order and the size of the input. Draining then reads the file once
 * per group of documents whose rows fit the budget, and sorts each group in memory. Input in
 * document order waits for nothing and never fills the budget; rows that all fit in memory are
 * handed back through an order of 4 bytes a row, not copied. If the file cannot be made or
 * written, the rows stay in memory: better to use more memory than to lose them.
 */
export class RowStore {
  readonly #width: number;
  readonly #budgetRows: number;
  readonly #pageRows: number;
  readonly #directory: string;
  /** Rows per document number. */
  #counts = new Int32Array(64);
  #documents = 0;
  /** Full pages written to the file, then full pages kept in memory, then the page being filled. */
  #filePages = 0;
  #pages: Int32Array[] = [];
  #page: Int32Array;
  #fill = 0;
  size = 0;
  #fd = -1;
  /** The file's path while it still has a name (it loses it as soon as it is open, where the system allows). */
  #path: string | undefined;
  #spillFailed = false;

  constructor(width: number, { budget = 4 << 20, directory = tmpdir() }: RowStoreOptions = {}) {
    if (!(width >= 1 && width <= 8)) throw new RangeError(`expected a row width of 1 to 8 numbers, found ${width}`);
    this.#width = width;
    this.#budgetRows = Math.max(1, Math.floor(budget / (width * 4)));
    // Small budgets (tests) get small pages, so that several pages fit in the budget.
    this.#pageRows = Math.min(PAGE_ROWS, Math.max(1, this.#budgetRows >> 2));
    this.#directory = directory;
    this.#page = new Int32Array(this.#pageRows * width);
  }

  /** Rows written to the temporary file so far. */
  get rowsInFile(): number {
    return this.#filePages * this.#pageRows;
  }

  /** Adds a row: its document number, then up to seven more 32-bit integers. */
  add(document: number, a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0): void {
    if (document >= this.#counts.length) this.#counts = grown(this.#counts, Math.max(this.#counts.length * 2, document + 1));
    this.#counts[document]!++;
    this.#documents = Math.max(this.#documents, document + 1);
    const page = this.#page;
    const w = this.#width;
    const at = this.#fill * w;
    page[at] = document;
    if (w > 1) page[at + 1] = a;
    if (w > 2) page[at + 2] = b;
    if (w > 3) page[at + 3] = c;
    if (w > 4) page[at + 4] = d;
    if (w > 5) page[at + 5] = e;
    if (w > 6) page[at + 6] = f;
    if (w > 7) page[at + 7] = g;
    this.size++;
    if (++this.#fill === this.#pageRows) {
      this.#pages.push(page);
      this.#page = new Int32Array(this.#pageRows * w);
      this.#fill = 0;
      if (this.#pages.length * this.#pageRows > this.#budgetRows) this.#spill();
    }
  }

  /**
   * Calls `each(rows, at)` for every row, grouped by document number in increasing order and in
   * the order added within a document: the row is rows[at] (its document) to rows[at + width - 1].
   * Then forgets every row and removes the file. `rows` is reused: read it before returning.
   */
  drain(each: (rows: Int32Array, at: number) => void): void {
    try {
      if (this.#filePages === 0) {
        this.#fromMemory(each);
        return;
      }
      // Groups of documents whose rows fit the budget together (a bigger document alone), found
      // first so that one buffer, as big as the largest, serves them all.
      const groups: Array<[from: number, to: number]> = [];
      let largest = 0;
      for (let from = 0; from < this.#documents; ) {
        let to = from;
        let rows = 0;
        while (to < this.#documents && (to === from || rows + this.#counts[to]! <= this.#budgetRows)) rows += this.#counts[to++]!;
        if (rows > 0) groups.push([from, to]);
        largest = Math.max(largest, rows);
        from = to;
      }
      const sorted = new Int32Array(largest * this.#width);
      const page = new Int32Array(this.#pageRows * this.#width);
      for (const [from, to] of groups) this.#group(from, to, sorted, page, each);
    } finally {
      this.#reset();
    }
  }

  /** drain() when every row is in memory: the rows are not copied, only their order is made (4 bytes a row). */
  #fromMemory(each: (rows: Int32Array, at: number) => void): void {
    const w = this.#width;
    const pages = [...this.#pages, this.#page];
    const next = new Int32Array(this.#documents);
    for (let document = 1; document < this.#documents; document++) next[document] = next[document - 1]! + this.#counts[document - 1]!;
    const order = new Int32Array(this.size);
    for (let row = 0; row < this.size; row++) {
      const document = pages[Math.floor(row / this.#pageRows)]![(row % this.#pageRows) * w]!;
      order[next[document]!++] = row;
    }
    for (const row of order) each(pages[Math.floor(row / this.#pageRows)]!, (row % this.#pageRows) * w);
  }

  /** Hands back the rows of documents from … to − 1, read from every page, sorted in `sorted`; `page` holds a page read from the file. */
  #group(from: number, to: number, sorted: Int32Array, page: Int32Array, each: (rows: Int32Array, at: number) => void): void {
    const w = this.#width;
    // Where the next row of each document goes: a counting sort.
    const next = new Int32Array(to - from + 1);
    for (let document = from; document < to; document++) next[document - from + 1] = next[document - from]! + this.#counts[document]!;
    const rows = next[to - from]!;
    const take = (source: Int32Array, n: number) => {
      for (let at = 0; at < n * w; at += w) {
        const document = source[at]!;
        if (document < from || document >= to) continue;
        const into = next[document - from]!++ * w;
        for (let k = 0; k < w; k++) sorted[into + k] = source[at + k]!;
      }
    };
    const bytes = new Uint8Array(page.buffer);
    for (let p = 0; p < this.#filePages; p++) {
      readFully(this.#fd, bytes, p * bytes.length);
      take(page, this.#pageRows);
    }
    for (const full of this.#pages) take(full, this.#pageRows);
    take(this.#page, this.#fill);
    for (let at = 0; at < rows * w; at += w) each(sorted, at);
  }

  /** Moves the full pages in memory to the file; on the first failure, keeps them (and all later ones) in memory. */
  #spill(): void {
    if (this.#spillFailed) return;
    try {
      if (this.#fd === -1) this.#open();
      const pageBytes = this.#pageRows * this.#width * 4;
      while (this.#pages.length > 0) {
        const page = this.#pages[0]!;
        writeFully(this.#fd, new Uint8Array(page.buffer, page.byteOffset, pageBytes), this.#filePages * pageBytes);
        this.#pages.shift();
        this.#filePages++;
      }
    } catch {
      this.#spillFailed = true;
    }
  }

  #open(): void {
    const directory = mkdtempSync(join(this.#directory, "arabic-news-corpus-"));
    const path = join(directory, "waiting-rows");
    try {
      this.#fd = openSync(path, "w+", 0o600);
    } catch (error) {
      rmdirSync(directory);
      throw error;
    }
    this.#path = path;
    // Unlinked at once, the file goes away with the process whatever happens; where an open file
    // cannot be unlinked (Windows), #reset removes it.
    try {
      unlinkSync(path);
      rmdirSync(directory);
      this.#path = undefined;
    } catch {
      // Kept until #reset.
    }
  }

  #reset(): void {
    if (this.#fd !== -1) {
      closeSync(this.#fd);
      this.#fd = -1;
    }
    if (this.#path !== undefined) {
      try {
        unlinkSync(this.#path);
        rmdirSync(dirname(this.#path));
      } catch {
        // Nothing more can be done about a temporary file the system will not remove.
      }
      this.#path = undefined;
    }
    this.#counts = new Int32Array(64);
    this.#documents = 0;
    this.#filePages = 0;
    this.#pages = [];
    this.#page = new Int32Array(this.#pageRows * this.#width);
    this.#fill = 0;
    this.size = 0;
    this.#spillFailed = false;
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function readFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (n === 0) throw new Error(`expected ${bytes.length} bytes of waiting rows at byte ${position} of the temporary file, found its end after ${done}`);
    done += n;
  }
}
