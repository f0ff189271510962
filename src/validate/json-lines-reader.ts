import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import type { LineLocation } from "./document-texts.js";
import { keyTokensPerLine } from "./scan-keys.js";
import type { CheckId, Incident } from "./checks.js";

type Report = (check: CheckId, place: Omit<Incident, "check" | "level" | "message">, message: string) => void;

const CHUNK = 1 << 16;

/**
 * Pulls the lines of a JSONL file one at a time, so that several files can be read in step. Bytes
 * are read in chunks of 1 MiB and cut at the last LF; each chunk of whole lines gets one native
 * UTF-8 check, one decode and one count of key tokens (see keyTokensPerLine). Only a chunk with a
 * bad byte is decoded line by line, to name the bad line. A BOM and bad lines are reported here.
 */
export class JsonLinesReader {
  readonly file: string;
  /** The line last returned by next() (1-based). */
  line = 0;
  /** Its text, without the LF. */
  text = "";
  /** Its count of `":` tokens, or -1 when it must be scanned for duplicate keys (see scan-keys). */
  keyTokens = -1;
  /** Whether the file had any byte at all. */
  sawBytes = false;
  readonly #report: Report;
  readonly #fd: number;
  #position = 0;
  #eof = false;
  #carry: Buffer = Buffer.alloc(0) as Buffer;
  // Streaming mode: Node decodes with ICU then, about twice as fast on Arabic text as its one-shot
  // path. Each chunk holds whole lines checked by isUtf8 first, so nothing is carried over.
  readonly #decoder = new TextDecoder("utf-8", { fatal: true });
  /** The current chunk: its bytes, their file offset, its first line, and its lines. */
  #bytes: Buffer = Buffer.alloc(0) as Buffer;
  #base = 0;
  #firstLine = 1;
  #texts: Array<string | null> = [];
  #tokens: Int32Array | null = null;
  #spaced: Uint8Array | null = null;
  #index = 0;
  #ends: number[] | null = null;

  /** Opens the file; throws what openSync throws. */
  constructor(file: string, report: Report) {
    this.file = file;
    this.#report = report;
    this.#fd = openSync(file, "r");
  }

  /** Moves to the next line; false at the end of the file. */
  next(): boolean {
    for (;;) {
      if (this.#index < this.#texts.length) {
        const i = this.#index++;
        this.line = this.#firstLine + i;
        const text = this.#texts[i]!;
        if (text === null) {
          this.#report("utf8", { file: this.file, line: this.line }, "expected UTF-8 text, found an invalid byte sequence");
          continue;
        }
        this.text = text;
        this.keyTokens = this.#tokens && this.#spaced![i] === 0 ? this.#tokens[i]! : -1;
        return true;
      }
      if (!this.#load()) return false;
    }
  }

  /** Where a line of the current chunk lies in the file (for reading it back). */
  locate = (line: number): LineLocation => {
    if (!this.#ends) {
      const ends: number[] = [];
      for (let i = this.#bytes.indexOf(0x0a); i !== -1; i = this.#bytes.indexOf(0x0a, i + 1)) ends.push(i);
      ends.push(this.#bytes.length);
      this.#ends = ends;
    }
    const i = line - this.#firstLine;
    const start = i === 0 ? 0 : this.#ends[i - 1]! + 1;
    return { file: this.file, offset: this.#base + start, length: this.#ends[i]! - start };
  };

  close(): void {
    closeSync(this.#fd);
  }

  /** Reads the next chunk of whole lines; false when the file is done. */
  #load(): boolean {
    if (this.#eof) return false;
    let bytes = this.#carry;
    let base = this.#position - bytes.length;
    let last = -1;
    // A line longer than a chunk makes the buffer grow until its LF (or the end of the file).
    while (last === -1) {
      const chunk = Buffer.allocUnsafe(Math.max(CHUNK, bytes.length));
      const n = readSync(this.#fd, chunk, 0, chunk.length, this.#position);
      this.#position += n;
      if (n > 0) this.sawBytes = true;
      const from = bytes.length;
      bytes = from > 0 ? Buffer.concat([bytes, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      if (n === 0) {
        this.#eof = true;
        if (bytes.length === 0) return false;
        last = bytes.length;
        break;
      }
      last = bytes.lastIndexOf(0x0a);
    }
    this.#carry = last + 1 < bytes.length ? Buffer.from(bytes.subarray(last + 1)) : (Buffer.alloc(0) as Buffer);
    let lines = bytes.subarray(0, last);
    if (base === 0 && lines[0] === 0xef && lines[1] === 0xbb && lines[2] === 0xbf) {
      this.#report("bom", { file: this.file, line: 1, column: 1 }, "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
      lines = lines.subarray(3);
      base += 3;
    }
    this.#firstLine = this.line + 1;
    this.#bytes = lines;
    this.#base = base;
    this.#index = 0;
    this.#ends = null;
    if (isUtf8(lines)) {
      const { tokens, spaced } = keyTokensPerLine(lines);
      this.#texts = this.#decoder.decode(lines, { stream: true }).split("\n");
      this.#tokens = tokens;
      this.#spaced = spaced;
    } else {
      const texts: Array<string | null> = [];
      let start = 0;
      for (;;) {
        const end = lines.indexOf(0x0a, start);
        const part = lines.subarray(start, end === -1 ? lines.length : end);
        texts.push(isUtf8(part) ? this.#decoder.decode(part, { stream: true }) : null);
        if (end === -1) break;
        start = end + 1;
      }
      this.#texts = texts;
      this.#tokens = null;
      this.#spaced = null;
    }
    return true;
  }
}
