import { HashingFile, isBinaryOutput, type Output, type OutputFile } from "./output.js";

/**
 * Output kept in memory, for callers that want the files' contents (the exports' tests): text
 * files come back as strings, binary ones (Parquet) as bytes.
 */
export class MemoryOutput implements Output {
  readonly #files = new Map<string, Uint8Array[]>();

  open(path: string): OutputFile {
    if (this.#files.has(path)) throw new Error(`${path}: expected each output to be written once, found it written twice`);
    const chunks: Uint8Array[] = [];
    this.#files.set(path, chunks);
    return new HashingFile(path, (bytes) => chunks.push(bytes.slice()));
  }

  /** Every file, by path, sorted by path. */
  files(): Record<string, string | Uint8Array> {
    const paths = [...this.#files.keys()].sort();
    return Object.fromEntries(
      paths.map((path) => {
        const bytes = Buffer.concat(this.#files.get(path)!);
        return [path, isBinaryOutput(path) ? new Uint8Array(bytes) : bytes.toString("utf8")];
      }),
    );
  }
}
