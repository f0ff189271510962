import type { RecordKind } from "../record-kinds.js";
import type { LineLocation } from "./document-texts.js";

/** One page of rows: 24 bytes a line. */
interface Page {
  document: Int32Array;
  file: Int32Array;
  line: Int32Array;
  offset: Float64Array;
  length: Int32Array;
}

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;

/**
 * Records whose checks wait for the end of input, kept as the place of their line (24 bytes)
 * rather than as the parsed record (several hundred), and handed back grouped by document, so
 * that each document's text is read back once rather than once per record. Rows live in pages
 * of fixed size: adding never copies what is there, so memory grows with the rows and no more.
 */
export class DeferredLines {
  readonly #files: Array<{ file: string; fallback: RecordKind | undefined }> = [];
  readonly #fileNumbers = new Map<string, number>();
  readonly #pages: Page[] = [];
  #documents = 0;
  size = 0;

  /** Adds a line of `document`; `fallback` is the kind its file's name suggests. */
  add(document: number, line: number, location: LineLocation, fallback: RecordKind | undefined): void {
    let file = this.#fileNumbers.get(location.file);
    if (file === undefined) {
      this.#fileNumbers.set(location.file, (file = this.#files.length));
      this.#files.push({ file: location.file, fallback });
    }
    const i = this.size & (PAGE - 1);
    if (i === 0) this.#pages.push({ document: new Int32Array(PAGE), file: new Int32Array(PAGE), line: new Int32Array(PAGE), offset: new Float64Array(PAGE), length: new Int32Array(PAGE) });
    const page = this.#pages[this.#pages.length - 1]!;
    page.document[i] = document;
    page.file[i] = file;
    page.line[i] = line;
    page.offset[i] = location.offset;
    page.length[i] = location.length;
    this.#documents = Math.max(this.#documents, document + 1);
    this.size++;
  }

  /**
   * Calls `each` for every line, by document number, and in the order added within a document;
   * then forgets them all.
   */
  drain(each: (location: LineLocation, line: number, fallback: RecordKind | undefined) => void): void {
    // A counting sort: document numbers are dense (IdKeys), so this is two passes and no comparisons.
    const firsts = new Int32Array(this.#documents + 1);
    this.#forEachRow((page, i) => firsts[page.document[i]! + 1]!++);
    for (let d = 1; d < firsts.length; d++) firsts[d]! += firsts[d - 1]!;
    const order = new Int32Array(this.size);
    let row = 0;
    this.#forEachRow((page, i) => (order[firsts[page.document[i]!]!++] = row++));
    const pages = this.#pages.splice(0);
    this.size = 0;
    this.#documents = 0;
    for (const row of order) {
      const page = pages[row >>> PAGE_BITS]!;
      const i = row & (PAGE - 1);
      const { file, fallback } = this.#files[page.file[i]!]!;
      each({ file, offset: page.offset[i]!, length: page.length[i]! }, page.line[i]!, fallback);
    }
  }

  #forEachRow(each: (page: Page, i: number) => void): void {
    for (let p = 0; p < this.#pages.length; p++) {
      const rows = p === this.#pages.length - 1 ? this.size - p * PAGE : PAGE;
      for (let i = 0; i < rows; i++) each(this.#pages[p]!, i);
    }
  }
}
