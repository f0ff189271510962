import { readFileSync } from "node:fs";
import { BuildError } from "./build-error.js";

/**
 * Reads a raw source file as strict UTF-8. A missing, empty or non-UTF-8 file, or one with a
 * byte-order mark, is an error that names the file and, for bad bytes, the byte offset.
 */
export function readRaw(path: string): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BuildError(path, undefined, code === "ENOENT" ? "expected a raw source file, found none" : `cannot read the file (${code})`);
  }
  if (bytes.length === 0) throw new BuildError(path, undefined, "expected UTF-8 text, found an empty file");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new BuildError(path, "1:1", "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
  }
  try {
    return { bytes, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    throw new BuildError(path, `byte ${firstInvalidByte(bytes)}`, "expected UTF-8 text, found an invalid byte sequence");
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Buffer): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection; the bad sequence starts right after it.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
    new TextDecoder("utf-8", { fatal: true });
  }
  return lo;
}
