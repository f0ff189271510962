import { lstatSync, readlinkSync } from "node:fs";
import { printable } from "./printable.js";

/** What is at a path that stat could not follow: "nothing" only when nothing is there, not even a link. */
export function unstatable(path: string, error: NodeJS.ErrnoException): string {
  if (error.code === "ELOOP") return "a symbolic link loop (ELOOP: too many levels of symbolic links)";
  if (error.code === "ENOENT" || error.code === "ENOTDIR") {
    try {
      if (lstatSync(path).isSymbolicLink()) return `a symbolic link to nothing (it points to ${JSON.stringify(readlinkSync(path))})`;
    } catch {
      // Not even a link: nothing there.
    }
    return "nothing at that path";
  }
  return `${error.code ?? "an error"} (${printable(error.message)})`;
}
