import { posix } from "node:path";

/**
 * Whether a path from a manifest or a record's `raw` names a file inside the package: relative,
 * with forward slashes, already normal (no "." or ".." steps), so never above the package root.
 */
export function insidePackage(path: string): boolean {
  return !path.includes("\\") && !posix.isAbsolute(path) && posix.normalize(path) === path && path !== ".." && !path.startsWith("../");
}
