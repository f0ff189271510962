import { createHash, type Hash } from "node:crypto";

/** One finished output file as the manifest lists it. */
export interface WrittenFile {
  /** Path relative to the root, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

/** An output file being written front to back; `close` returns its size and digest. */
export interface OutputFile {
  readonly path: string;
  write(chunk: string | Uint8Array): void;
  close(): WrittenFile;
}

/** Where the build writes its files: a staging folder on disk (staging.ts) or memory (memory-output.ts). */
export interface Output {
  /** Starts the file at `path` (relative to the root). Each path is opened once. */
  open(path: string): OutputFile;
}

/** Whether an output file is binary (Parquet) rather than UTF-8 text. */
export const isBinaryOutput = (path: string): boolean => path.endsWith(".parquet");

/** Writes a whole file at once. */
export function writeFile(output: Output, path: string, content: string | Uint8Array): WrittenFile {
  const file = output.open(path);
  file.write(content);
  return file.close();
}

/** How much an output file collects (characters of text, bytes) before it passes its bytes on in one block. */
const BLOCK = 1 << 18;

/**
 * The part every OutputFile shares: small writes are collected and passed on in blocks (text
 * encoded as UTF-8), and every byte is counted and hashed on its way out; `sink` receives the
 * bytes in order. Callers write whole strings, so no surrogate pair is ever split across writes.
 */
export class HashingFile implements OutputFile {
  readonly #hash: Hash = createHash("sha256");
  #bytes = 0;
  #pieces: Array<string | Uint8Array> = [];
  #pending = 0;
  #closed = false;

  constructor(
    readonly path: string,
    private readonly sink: (bytes: Uint8Array) => void,
  ) {}

  write(chunk: string | Uint8Array): void {
    if (this.#closed) throw new Error(`${this.path}: expected an open file to write to, found it closed`);
    if (typeof chunk !== "string" && chunk.length >= BLOCK) {
      this.#flush();
      this.#emit(chunk);
      return;
    }
    this.#pieces.push(chunk);
    this.#pending += chunk.length;
    if (this.#pending >= BLOCK) this.#flush();
  }

  close(): WrittenFile {
    if (this.#closed) throw new Error(`${this.path}: expected an open file to close, found it closed`);
    this.#flush();
    this.#closed = true;
    return { path: this.path, bytes: this.#bytes, sha256: this.#hash.digest("hex") };
  }

  #flush(): void {
    if (this.#pieces.length === 0) return;
    const blocks: Uint8Array[] = [];
    let text: string[] = [];
    for (const piece of this.#pieces) {
      if (typeof piece === "string") {
        text.push(piece);
        continue;
      }
      if (text.length > 0) blocks.push(Buffer.from(text.join(""), "utf8"));
      text = [];
      blocks.push(piece);
    }
    if (text.length > 0) blocks.push(Buffer.from(text.join(""), "utf8"));
    this.#pieces = [];
    this.#pending = 0;
    this.#emit(blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks));
  }

  #emit(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
    this.sink(bytes);
  }
}
