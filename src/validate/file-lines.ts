import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import type { LineLocation } from "./document-texts.js";
import type { LineSource } from "./validator.js";

/**
 * Reads lines of the files being validated back from disk, for the validator's LineSource: one
 * line at a given place (a document's text), or a whole file again (rare: the nesting check of
 * documents whose mentions were not grouped together). Keeps one descriptor per file until closed.
 */
export class FileLines implements LineSource {
  readonly #descriptors = new Map<string, number>();
  readonly #decoder = new TextDecoder("utf-8", { fatal: true });

  read = (location: LineLocation): Uint8Array => {
    const bytes = Buffer.allocUnsafe(location.length);
    let done = 0;
    while (done < location.length) {
      const n = readSync(this.#descriptor(location.file), bytes, done, location.length - done, location.offset + done);
      if (n === 0) throw new Error(`expected ${location.file} to be unchanged while it is validated, found it shorter than before`);
      done += n;
    }
    return bytes;
  };

  lines(file: string, each: (line: number, text: string) => void): void {
    const fd = this.#descriptor(file);
    const chunk = Buffer.allocUnsafe(1 << 20);
    let position = 0;
    let line = 0;
    let carry: Buffer = Buffer.alloc(0) as Buffer;
    const emit = (bytes: Buffer) => {
      line++;
      if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (isUtf8(bytes)) each(line, this.#decoder.decode(bytes, { stream: true }));
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) break;
      position += n;
      const bytes: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
        emit(bytes.subarray(start, end));
        start = end + 1;
      }
      // Copied: the chunk buffer is reused by the next read.
      carry = Buffer.from(bytes.subarray(start));
    }
    if (carry.length > 0) emit(carry);
  }

  close(): void {
    for (const fd of this.#descriptors.values()) closeSync(fd);
    this.#descriptors.clear();
  }

  #descriptor(file: string): number {
    let fd = this.#descriptors.get(file);
    if (fd === undefined) this.#descriptors.set(file, (fd = openSync(file, "r")));
    return fd;
  }
}
