import { BuildError } from "./build-error.js";
import { decodeUtf8, readBytes } from "./read-file.js";

/**
 * Reads a raw source file as strict UTF-8. A missing, empty or non-UTF-8 file, or one with a
 * byte-order mark, is an error that names the file and, for bad bytes, the byte offset.
 */
export function readRaw(path: string): { bytes: Buffer; text: string } {
  const bytes = readBytes(path, "a raw source file");
  if (bytes.length === 0) throw new BuildError(path, undefined, "expected UTF-8 text, found an empty file");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new BuildError(path, "1:1", "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
  }
  return { bytes, text: decodeUtf8(path, bytes) };
}
