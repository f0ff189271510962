import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { CodePointText } from "../code-points.js";
import { insidePackage } from "./package-path.js";

/** A raw source file as read: its bytes' SHA-256, and its text (null when it is not UTF-8). */
export interface RawSource {
  path: string;
  /** The path as messages show it: from the working folder, as the files given are. */
  shown: string;
  sha256: string;
  text: CodePointText | null;
}

/** How many folders up from a data file the package root may be (`corpus/data/x.jsonl`: three). */
const LEVELS = 4;

/**
 * The raw source files that documents and offset maps name (`raw`, a path inside the package such
 * as `corpus/raw/y.txt`), found from the package root: the nearest folder above a data file that
 * holds the raw path's folder (for `corpus/data/x.jsonl` in a package, three up). A file that is
 * not there is not an error: a user's corpus need not carry its raw files, and then there is
 * nothing to compare.
 */
export class RawSources {
  /** The last file read: a document and its offset map name the same one, usually one after the other. */
  #last: RawSource | null = null;
  /** The raw folder found per data folder and raw folder (null: none), so that a corpus without raw files costs a few stats, not some per document. */
  readonly #folders = new Map<string, string | null>();

  /** The raw file `raw` names for records of `dataFile`, or null when it is not there. */
  find(dataFile: string, raw: string): RawSource | null {
    // Only paths inside the package: the same rule as the manifest's.
    if (!insidePackage(raw)) return null;
    const dataFolder = dirname(resolve(dataFile));
    const key = `${dataFolder}\0${posix.dirname(raw)}`;
    let folder = this.#folders.get(key);
    if (folder === undefined) {
      folder = null;
      for (let up = 0, at = dataFolder; up < LEVELS && folder === null; up++, at = dirname(at)) {
        if (isFolder(join(at, posix.dirname(raw)))) folder = join(at, posix.dirname(raw));
      }
      this.#folders.set(key, folder);
    }
    if (folder === null) return null;
    const path = join(folder, posix.basename(raw));
    if (this.#last?.path === path) return this.#last;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return null;
    }
    let text: CodePointText | null = null;
    try {
      text = new CodePointText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      // Not UTF-8: its digest can still be compared, its text cannot.
    }
    this.#last = { path, shown: relative(process.cwd(), path), sha256: createHash("sha256").update(bytes).digest("hex"), text };
    return this.#last;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
