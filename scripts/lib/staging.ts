import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { HashingFile, type Output, type OutputFile, type WrittenFile } from "./output.js";

export interface StagingOptions {
  /** The staging folder's parent; the root by default, so that files can be renamed into place. */
  parent?: string;
  /** Tests: throw before opening a file when this many files are already staged. */
  failAfter?: number;
}

/**
 * A build's outputs, written one file at a time into a private folder (`.build-XXXXXX` in the
 * root) and moved into place only by `commit`, once every file is complete: a build that fails
 * part-way leaves every previous output untouched and creates no output folder. Files are streamed
 * to disk as they are written, so no output has to fit in memory.
 */
export class Staging implements Output {
  readonly dir: string;
  readonly #root: string;
  readonly #failAfter: number | undefined;
  /** The files being written, by path, with their descriptors. */
  readonly #open = new Map<string, number>();
  readonly #written: WrittenFile[] = [];
  readonly #paths = new Set<string>();

  constructor(root: string, options: StagingOptions = {}) {
    this.#root = root;
    this.#failAfter = options.failAfter;
    this.dir = mkdtempSync(join(options.parent ?? root, ".build-"));
  }

  open(path: string): OutputFile {
    if (this.#paths.has(path)) throw new Error(`${path}: expected each output to be written once, found it written twice`);
    if (this.#failAfter !== undefined && this.#paths.size >= this.#failAfter) throw new Error(`injected failure before writing ${path}`);
    this.#paths.add(path);
    const staged = this.staged(path);
    mkdirSync(dirname(staged), { recursive: true });
    const fd = openSync(staged, "w");
    this.#open.set(path, fd);
    const file = new HashingFile(path, (bytes) => {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    });
    return {
      path,
      write: (chunk) => file.write(chunk),
      close: () => {
        const written = file.close();
        closeSync(fd);
        this.#open.delete(path);
        this.#written.push(written);
        return written;
      },
    };
  }

  /** Every file written so far, in the order they were closed. */
  get written(): readonly WrittenFile[] {
    return this.#written;
  }

  /** Where the file at `path` (relative to the root) is staged. */
  staged(path: string): string {
    return join(this.dir, path);
  }

  /** The bytes of a staged, closed file, a block at a time; each block stays valid after the next is read. */
  *blocks(path: string): Generator<Uint8Array> {
    if (this.#open.has(path) || !this.#paths.has(path)) throw new Error(`${path}: expected a staged, closed file to read, found ${this.#open.has(path) ? "it still open" : "none"}`);
    const fd = openSync(this.staged(path), "r");
    try {
      for (;;) {
        const block = Buffer.allocUnsafe(1 << 20);
        const n = readSync(fd, block, 0, block.length, null);
        if (n === 0) return;
        yield block.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The size in bytes of a staged, closed file. */
  size(path: string): number {
    const file = this.#written.find((f) => f.path === path);
    if (!file) throw new Error(`${path}: expected a staged, closed file, found none`);
    return file.bytes;
  }

  /** Moves every staged file to its place in the root, replacing what was there. */
  commit(): void {
    if (this.#open.size > 0) throw new Error(`expected every output to be complete before the build commits, found ${[...this.#open.keys()].join(", ")} still open`);
    for (const { path } of this.#written) {
      const target = join(this.#root, path);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(this.staged(path), target);
    }
  }

  /** Closes what is still open and removes the staging folder with whatever is left in it. */
  discard(): void {
    for (const fd of this.#open.values()) closeSync(fd);
    this.#open.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether two files hold the same bytes, compared a block at a time. */
export function sameContents(a: string, b: string): boolean {
  let fa: number | undefined;
  let fb: number | undefined;
  try {
    if (statSync(a).size !== statSync(b).size) return false;
    fa = openSync(a, "r");
    fb = openSync(b, "r");
    const ba = Buffer.alloc(1 << 20);
    const bb = Buffer.alloc(1 << 20);
    for (;;) {
      const na = readSync(fa, ba, 0, ba.length, null);
      const nb = readSync(fb, bb, 0, bb.length, null);
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
    }
  } catch {
    return false;
  } finally {
    if (fa !== undefined) closeSync(fa);
    if (fb !== undefined) closeSync(fb);
  }
}
