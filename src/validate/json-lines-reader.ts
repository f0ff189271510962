import { constants, isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, read, readSync } from "node:fs";
import type { LineLocation } from "./document-texts.js";
import { printable } from "./printable.js";
import type { CheckId, Incident } from "./checks.js";

type Report = (check: CheckId, place: Omit<Incident, "check" | "level" | "message">, message: string) => void;

/** Bytes read at a time, and at most the bytes of whole lines decoded at a time (see the class). */
const BLOCK = 1 << 20;
const CHUNK = 1 << 16;

/**
 * The longest line decoded: V8 cannot hold a string of more than 2^29 - 24 UTF-16 units, and a
 * line of more bytes may decode to more, which throws. Such a line is reported, not decoded.
 */
export const MAX_LINE_BYTES: number = constants.MAX_STRING_LENGTH;

/** Why lines are limited to `max` bytes, for messages. */
export const limitReason = (max: number): string => (max === MAX_LINE_BYTES ? "the longest text a JavaScript string can hold" : "the limit set with --max-line-bytes");

/**
 * Pulls the lines of a JSONL file one at a time, so that several files can be read in step:
 * next() gives the next line of the current chunk, and when it has none, `await fill()` loads the
 * next chunk. The file is read 1 MiB at a time, the next MiB ahead, off the main thread; lines are
 * decoded in chunks of at most 64 KiB cut at an LF (a decoded chunk then stays out of V8's
 * large-object space, which only a full garbage collection frees); each chunk of whole lines gets
 * one native UTF-8 check and one decode. Only a chunk with a bad byte is decoded line by line, to
 * name the bad line. A line that runs past a block is measured on disk first (see #lineEnd), so
 * that a line too long to decode is counted and skipped, never held. A BOM, lines that are not
 * UTF-8 and lines too long are reported here.
 */
export class JsonLinesReader {
  readonly file: string;
  /** The line last returned by next() (1-based). */
  line = 0;
  /** Its text, without the LF. */
  text = "";
  /** Whether the file had any byte at all. */
  sawBytes = false;
  readonly #report: Report;
  readonly #fd: number;
  /** The size of a regular file when opened (else Infinity), so that a small file gets small buffers. */
  readonly #fileSize: number;
  /** File offset of the first byte not yet read (every read starts there, after the last one ended). */
  #consumed = 0;
  #eof = false;
  /** Whether a read failed: the file ends there (see #fail). */
  #failed = false;

  /** Whether the file was read to its end (no read failed). */
  get readToEnd(): boolean {
    return !this.#failed;
  }
  /** The block being read ahead (see #readAhead), and buffers free for it. */
  #ahead: Promise<[buffer: Buffer, bytes: Buffer]> | null = null;
  readonly #free: Buffer[] = [];
  /** The buffer that holds #block. */
  #blockBuffer: Buffer | null = null;
  /** The bytes read last (BLOCK of them, or a long line), their file offset, and how far lines were taken. */
  #block: Buffer = Buffer.alloc(0) as Buffer;
  #blockStart = 0;
  #blockPos = 0;
  // Streaming mode: Node decodes with ICU then, about twice as fast on Arabic text as its one-shot
  // path. Each chunk holds whole lines checked by isUtf8 first, so nothing is carried over.
  readonly #decoder = new TextDecoder("utf-8", { fatal: true });
  /** The current chunk: its bytes, their file offset, its first line, and its lines. */
  #bytes: Buffer = Buffer.alloc(0) as Buffer;
  #base = 0;
  #firstLine = 1;
  /** Per line: its text, or null for bytes that are not UTF-8, or the byte length of a line too long. */
  #texts: Array<string | number | null> = [];
  #index = 0;
  #ends: number[] | null = null;
  readonly #maxLine: number;
  /** A line still without its LF after this many bytes is measured before it is read further. */
  readonly #measureFrom: number;
  /** Bytes the next buffer must hold: a line measured (see #lineEnd) and its LF. */
  #want = 0;
  #scratch: Buffer | null = null;

  /** Opens the file; throws what openSync throws. A line longer than `maxLineBytes` is reported, not decoded. */
  constructor(file: string, report: Report, maxLineBytes: number = MAX_LINE_BYTES) {
    this.file = file;
    this.#report = report;
    this.#maxLine = maxLineBytes;
    this.#measureFrom = Math.min(BLOCK, maxLineBytes);
    this.#fd = openSync(file, "r");
    const stat = fstatSync(this.#fd);
    this.#fileSize = stat.isFile() ? stat.size : Number.POSITIVE_INFINITY;
  }

  /** Moves to the next line of the current chunk; false when it has no more (then fill()). */
  next(): boolean {
    while (this.#index < this.#texts.length) {
      const i = this.#index++;
      this.line = this.#firstLine + i;
      const text = this.#texts[i]!;
      if (typeof text !== "string") {
        if (text === null) this.#report("utf8", { file: this.file, line: this.line }, "expected UTF-8 text, found an invalid byte sequence");
        else this.#report("line-too-long", { file: this.file, line: this.line }, `expected a line of at most ${this.#maxLine} bytes (${limitReason(this.#maxLine)}), found a line of ${text} bytes`);
        continue;
      }
      this.text = text;
      return true;
    }
    return false;
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

  /** Closes the file (after the read ahead, if one is under way). */
  async close(): Promise<void> {
    await this.#ahead?.catch(() => undefined);
    closeSync(this.#fd);
  }

  /** Closes the file of a reader filled with fillSync (which never reads ahead). */
  closeSync(): void {
    closeSync(this.#fd);
  }

  /**
   * Starts reading the next block off the main thread: `rest` (the end of the current block after
   * its last LF, the start of a line that goes on) is copied in front, and the file's next bytes
   * are read after it, into a buffer no longer in use, so that reading allocates nothing after the
   * first two blocks (allocated buffers make V8 collect garbage more often).
   */
  #readAhead(rest: Buffer): void {
    const buffer = this.#target(rest);
    const position = this.#consumed;
    this.#ahead = new Promise((resolve, reject) => {
      read(this.#fd, buffer, rest.length, buffer.length - rest.length, position, (error, n) => {
        if (error) reject(error);
        else resolve(this.#landed(buffer, rest.length, n));
      });
    });
  }

  /** A free buffer big enough for `rest` and a block after it, with `rest` copied in front. */
  #target(rest: Buffer): Buffer {
    // Two blocks per file add up when nine files are read in step; a file smaller than a block
    // (the catalogue, the targets) needs only its size, and at least 64 KiB in case it grows.
    // A line that goes on past a block was measured: #want holds it whole.
    const size = Math.max(Math.min(BLOCK, this.#fileSize - this.#consumed + rest.length + 1), 1 << 16, Math.min(rest.length * 2, rest.length + BLOCK), this.#want);
    this.#want = 0;
    const index = this.#free.findIndex((b) => b.length >= size);
    const buffer = index === -1 ? Buffer.allocUnsafe(size) : this.#free.splice(index, 1)[0]!;
    rest.copy(buffer, 0);
    return buffer;
  }

  /** Accounts for `n` bytes read after `rest` bytes; returns the buffer and the bytes it holds. */
  #landed(buffer: Buffer, rest: number, n: number): [buffer: Buffer, bytes: Buffer] {
    this.#consumed += n;
    if (n === 0) this.#eof = true;
    else this.sawBytes = true;
    return [buffer, buffer.subarray(0, rest + n)];
  }

  /** Reads the next chunk of whole lines; false when the file is done. */
  async fill(): Promise<boolean> {
    for (;;) {
      if (this.#failed) return false;
      const took = this.#window();
      if (took !== null) return took;
      if (this.#ahead === null) this.#readAhead(this.#block.subarray(this.#blockPos));
      let read: [buffer: Buffer, bytes: Buffer];
      try {
        read = await this.#ahead!;
      } catch (error) {
        this.#fail(error);
        return false;
      } finally {
        this.#ahead = null;
      }
      const [buffer, next] = read;
      this.#use(buffer, next);
      // The next read starts now, from the end of this block's last whole line.
      const last = next.lastIndexOf(0x0a);
      // A longer rest is a line to measure first (see #window).
      if (!this.#eof && last !== -1 && next.length - last - 1 <= this.#measureFrom) this.#readAhead(next.subarray(last + 1));
    }
  }

  /**
   * fill() without reading ahead, for a caller that cannot wait (the validator reading mentions
   * again at its end). Do not mix the two on one reader.
   */
  fillSync(): boolean {
    for (;;) {
      if (this.#failed) return false;
      const took = this.#window();
      if (took !== null) return took;
      const rest = this.#block.subarray(this.#blockPos);
      const buffer = this.#target(rest);
      let n: number;
      try {
        n = readSync(this.#fd, buffer, rest.length, buffer.length - rest.length, this.#consumed);
      } catch (error) {
        this.#fail(error);
        return false;
      }
      const [, next] = this.#landed(buffer, rest.length, n);
      this.#use(buffer, next);
    }
  }

  /**
   * A read that failed (EIO, a file gone from a network drive): reported at the next line, and the
   * file ends there, so that the other files are still checked and nothing is reported twice.
   */
  #fail(error: unknown): void {
    this.#failed = true;
    const { code, message } = error as NodeJS.ErrnoException;
    this.#report("file-unreadable", { file: this.file, line: this.#firstLine + this.#texts.length }, `expected ${this.file} to be readable to its end, found ${code ?? "an error"} (${printable(message)}) at byte ${this.#consumed}`);
  }

  /** Takes the next chunk of the current block: true, or false at the end of the file, or null when the block is used up. */
  #window(): boolean | null {
    const block = this.#block;
    const from = this.#blockPos;
    if (from < block.length) {
      // Whole lines of at most CHUNK bytes, or one longer line.
      let last = block.lastIndexOf(0x0a, Math.min(block.length, from + CHUNK) - 1);
      if (last < from) last = block.indexOf(0x0a, from + CHUNK);
      if (last !== -1) {
        this.#blockPos = last + 1;
        this.#take(block.subarray(from, last), this.#blockStart + from);
        return true;
      }
      // fill() reads nothing ahead after a rest this long: #consumed may move past the line here.
      if (!this.#eof && block.length - from > this.#measureFrom) {
        const start = this.#blockStart + from;
        const bom = start === 0 && startsWithBom(block) ? 3 : 0;
        const [end, after] = this.#lineEnd();
        const length = end - start - bom;
        if (length <= this.#maxLine) this.#want = end - start + 1;
        else {
          // Skipped: reading goes on after its LF.
          this.#bomAt(block, start);
          this.#consumed = after;
          this.#blockPos = block.length;
          this.#chunk([length], Buffer.alloc(0), this.#blockStart + from);
          return true;
        }
      }
    }
    if (this.#eof && this.#ahead === null) {
      // The last line, without a final LF.
      this.#blockPos = block.length;
      if (from >= block.length) return false;
      this.#take(block.subarray(from), this.#blockStart + from);
      return true;
    }
    return null;
  }

  /**
   * Where the line that goes on past the current block ends: the file offsets of its LF (or of the
   * end of the file) and of the byte after it, found by reading on in blocks without keeping what
   * is read. Reads synchronously, which only lines longer than a block pay for.
   */
  #lineEnd(): [end: number, after: number] {
    const scratch = (this.#scratch ??= Buffer.allocUnsafe(BLOCK));
    for (let position = this.#blockStart + this.#block.length; ; ) {
      const n = readSync(this.#fd, scratch, 0, scratch.length, position);
      if (n === 0) return [position, position];
      const lf = scratch.subarray(0, n).indexOf(0x0a);
      if (lf !== -1) return [position + lf, position + lf + 1];
      position += n;
    }
  }

  /** Reports a BOM at the start of the file; true when there is one. */
  #bomAt(bytes: Buffer, base: number): boolean {
    if (base !== 0 || !startsWithBom(bytes)) return false;
    this.#report("bom", { file: this.file, line: 1, column: 1 }, "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
    return true;
  }

  /** Makes a block read the current one; the block before it frees its buffer. */
  #use(buffer: Buffer, next: Buffer): void {
    // A buffer made to hold a long line whole is not kept for blocks.
    if (this.#blockBuffer && this.#blockBuffer.length <= 2 * BLOCK) this.#free.push(this.#blockBuffer);
    this.#blockBuffer = buffer;
    this.#block = next;
    this.#blockStart = this.#consumed - next.length;
    this.#blockPos = 0;
  }

  /** Makes the lines of `bytes` (whole lines, without the last LF) the current chunk. */
  #take(bytes: Buffer, base: number): void {
    let lines = bytes;
    if (this.#bomAt(lines, base)) {
      lines = lines.subarray(3);
      base += 3;
    }
    // A chunk no longer than the longest line has no line too long; any other is taken line by line.
    if (lines.length <= this.#maxLine && isUtf8(lines)) {
      this.#chunk(this.#decoder.decode(lines, { stream: true }).split("\n"), lines, base);
    } else {
      const texts: Array<string | number | null> = [];
      let start = 0;
      for (;;) {
        const end = lines.indexOf(0x0a, start);
        const part = lines.subarray(start, end === -1 ? lines.length : end);
        texts.push(part.length > this.#maxLine ? part.length : isUtf8(part) ? this.#decoder.decode(part, { stream: true }) : null);
        if (end === -1) break;
        start = end + 1;
      }
      this.#chunk(texts, lines, base);
    }
  }

  /** Makes `texts`, the lines of `bytes` from file offset `base`, the current chunk. */
  #chunk(texts: Array<string | number | null>, bytes: Buffer, base: number): void {
    this.#firstLine += this.#texts.length;
    this.#texts = texts;
    this.#bytes = bytes;
    this.#base = base;
    this.#index = 0;
    this.#ends = null;
  }
}

const startsWithBom = (bytes: Buffer) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
