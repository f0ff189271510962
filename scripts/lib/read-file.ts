import { readFileSync } from "node:fs";
import { BuildError } from "./build-error.js";

/** Reads a file's bytes; a missing or unreadable file is a BuildError saying what was expected. */
export function readBytes(path: string, expected: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BuildError(path, undefined, code === "ENOENT" ? `expected ${expected}, found none` : `cannot read the file (${code})`);
  }
}

/** Decodes strict UTF-8; bad bytes are a BuildError naming the offset of the first one. */
export function decodeUtf8(path: string, bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BuildError(path, `byte ${firstInvalidByte(bytes)}`, "expected UTF-8 text, found an invalid byte sequence");
  }
}

/**
 * Offset of the first byte that does not start or continue a valid UTF-8 sequence: the length of
 * the longest prefix a fresh streaming decoder accepts (a prefix may end inside a character).
 */
function firstInvalidByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
