import type { RecordKind } from "../record-kinds.js";
import type { LineLocation } from "./document-texts.js";
import { RowStore, type RowStoreOptions } from "./row-store.js";

/**
 * Records whose checks wait for the end of input, kept as the place of their line (24 bytes: its
 * document, file, line, byte offset and length) rather than as the parsed record (several
 * hundred), and handed back grouped by document, so that each document's text is read back once
 * rather than once per record. The rows are kept in a RowStore: past its budget they go to a
 * temporary file, so that input in no order costs bounded memory.
 */
export class DeferredLines {
  readonly #files: Array<{ file: string; fallback: RecordKind | undefined }> = [];
  readonly #fileNumbers = new Map<string, number>();
  readonly #rows: RowStore;

  constructor(options?: RowStoreOptions) {
    this.#rows = new RowStore(6, options);
  }

  get size(): number {
    return this.#rows.size;
  }

  /** Adds a line of `document`; `fallback` is the kind its file's name suggests. */
  add(document: number, line: number, location: LineLocation, fallback: RecordKind | undefined): void {
    let file = this.#fileNumbers.get(location.file);
    if (file === undefined) {
      this.#fileNumbers.set(location.file, (file = this.#files.length));
      this.#files.push({ file: location.file, fallback });
    }
    // A byte offset may pass 2^32 (files over 4 GiB): two 32-bit halves.
    const high = Math.floor(location.offset / 0x100000000);
    this.#rows.add(document, file, line, high, location.offset - high * 0x100000000, location.length);
  }

  /**
   * Calls `each` for every line, by document number, and in the order added within a document;
   * then forgets them all.
   */
  drain(each: (location: LineLocation, line: number, fallback: RecordKind | undefined) => void): void {
    this.#rows.drain((rows, at) => {
      const { file, fallback } = this.#files[rows[at + 1]!]!;
      const offset = rows[at + 3]! * 0x100000000 + (rows[at + 4]! >>> 0);
      each({ file, offset, length: rows[at + 5]! }, rows[at + 2]!, fallback);
    });
  }
}
