import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes every file or none: each file goes to a temporary sibling first, and only when all of
 * them are written are they renamed into place. A failure before the renames leaves every
 * previous output untouched. `failAfter` lets tests inject a failure after that many temp writes.
 */
export function writeFilesAtomically(files: Record<string, string | Uint8Array>, options: { failAfter?: number } = {}): void {
  const temps: Array<[string, string]> = [];
  try {
    for (const [path, text] of Object.entries(files)) {
      if (options.failAfter !== undefined && temps.length >= options.failAfter) {
        throw new Error(`injected failure before writing ${path}`);
      }
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp-${process.pid}`;
      writeFileSync(temp, text);
      temps.push([temp, path]);
    }
  } catch (error) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw error;
  }
  for (const [temp, path] of temps) renameSync(temp, path);
}
