/**
 * `npm run build`: rebuilds the corpus from corpus/raw, validates every record and writes the
 * published files atomically (all or nothing), then prints a short summary.
 * `--check` writes nothing and fails when a committed output differs from a fresh build.
 */
import { readFileSync } from "node:fs";
import { buildCorpus, summary } from "./build-corpus.js";
import { runMain } from "./lib/run-main.js";
import { writeFilesAtomically } from "./lib/write-atomic.js";

async function main(): Promise<void> {
  const { files, manifest } = await buildCorpus(".");
  if (process.argv.includes("--check")) {
    const stale = Object.keys(files).filter((path) => {
      try {
        return !readFileSync(path).equals(Buffer.from(files[path]!));
      } catch {
        return true;
      }
    });
    if (stale.length > 0) throw new Error(`committed outputs differ from a fresh build: ${stale.join(", ")}; run \`npm run build\``);
    console.log(summary(manifest).replace("wrote", "checked"));
    return;
  }
  // ANC_FAIL_AFTER_WRITES lets the tests interrupt the build after that many file writes.
  const failAfter = process.env.ANC_FAIL_AFTER_WRITES;
  writeFilesAtomically(files, failAfter === undefined ? {} : { failAfter: Number(failAfter) });
  console.log(summary(manifest));
}

runMain(main);
