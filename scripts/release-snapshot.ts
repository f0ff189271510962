/**
 * `npm run release-snapshot`: records, at release time, the id and a digest of every published
 * record in corpus/releases/<version>.json. The versioning test diffs the data against the latest
 * snapshot to find the smallest version bump the changes since that release require.
 */
import { existsSync, readFileSync } from "node:fs";
import { recordSnapshot } from "./lib/snapshot.js";
import { runMain } from "./lib/run-main.js";
import { writeFilesAtomically } from "./lib/write-atomic.js";

runMain(() => {
  const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  const snapshot = recordSnapshot(".", version);
  const path = `corpus/releases/${version}.json`;
  // A published release's snapshot is what later versions are compared against; rewriting it would
  // let changed data pass without a version bump. --force is only for a version not yet published.
  if (existsSync(path) && !process.argv.includes("--force")) {
    throw new Error(`${path}: expected no snapshot for ${version} yet, found one; bump the version (see VERSIONING.md), or pass --force if ${version} was never published`);
  }
  writeFilesAtomically({ [path]: `${JSON.stringify(snapshot, null, 1)}\n` });
  console.log(`wrote ${path}`);
});
