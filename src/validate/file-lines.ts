import { closeSync, openSync, readSync } from "node:fs";
import type { LineLocation } from "./document-texts.js";
import { JsonLinesReader } from "./json-lines-reader.js";
import type { LineSource } from "./validator.js";

/**
 * Reads lines of the files being validated back from disk, for the validator's LineSource: one
 * line at a given place (a document's text), or a whole file again (rare: the nesting check of
 * documents whose mentions were not grouped together), with the reader that read it first.
 * Keeps one descriptor per file for single lines until closed.
 */
export class FileLines implements LineSource {
  readonly #descriptors = new Map<string, number>();
  readonly #maxLine: number | undefined;

  /** `maxLineBytes`: as the first reading had it, so that lines too long are skipped alike. */
  constructor(maxLineBytes?: number) {
    this.#maxLine = maxLineBytes;
  }

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
    // What the first reading reported (a BOM, bad bytes) is not reported again.
    const reader = new JsonLinesReader(file, () => undefined, this.#maxLine);
    try {
      for (;;) {
        if (!reader.next()) {
          if (reader.fillSync()) continue;
          break;
        }
        each(reader.line, reader.text);
      }
    } finally {
      reader.closeSync();
    }
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
