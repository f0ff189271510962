import { grown } from "./grown.js";

/**
 * The file that first gave records of a kind for each document, for incidents found at the end
 * that have no line of their own (a missing paragraph or sentence). A byte per document number
 * into a list of files, rather than a Map entry per document: the documents are numbered densely,
 * and inputs come in a few files. Past 255 files a document's file is not kept (undefined).
 */
export class DocumentFiles {
  #index = new Uint8Array(0);
  readonly #files: string[] = [];

  /** Records `file` for `document` unless it has one already. */
  set(document: number, file: string): void {
    if (document >= this.#index.length) this.#index = grown(this.#index, Math.max(document + 1, Math.floor(this.#index.length * 1.5), 64));
    if (this.#index[document] !== 0) return;
    let i = this.#files.length > 0 && this.#files[this.#files.length - 1] === file ? this.#files.length - 1 : this.#files.indexOf(file);
    if (i === -1 && this.#files.length < 255) i = this.#files.push(file) - 1;
    if (i !== -1) this.#index[document] = i + 1;
  }

  get(document: number): string | undefined {
    const i = document < this.#index.length ? this.#index[document]! : 0;
    return i === 0 ? undefined : this.#files[i - 1];
  }
}
