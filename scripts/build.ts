/**
 * `npm run build`: rebuilds the corpus from corpus/raw, validates every record and writes the
 * published files atomically (all or nothing), then prints a short summary. The outputs are
 * streamed into a staging folder and moved into place only when every one is complete.
 * `--check` writes nothing and fails when a committed output differs from a fresh build.
 * `--compile` (which `npm run build` passes) then compiles the library and CLI into dist/: the CLI
 * of a checkout (`npx arabic-news-corpus`) runs from there and checks against the corpus in
 * dist/generated, which would otherwise be the corpus of whenever dist/ was made last.
 */
import { stageCorpus, summary } from "./build-corpus.js";
import { compileDist } from "./lib/compile-dist.js";
import { runMain } from "./lib/run-main.js";
import { sameContents, Staging } from "./lib/staging.js";

async function main(): Promise<void> {
  // ANC_FAIL_AFTER_WRITES lets the tests interrupt the build after that many file writes.
  const failAfter = process.env.ANC_FAIL_AFTER_WRITES;
  const staging = new Staging(".", failAfter === undefined ? {} : { failAfter: Number(failAfter) });
  try {
    const manifest = await stageCorpus(".", staging);
    if (process.argv.includes("--check")) {
      const stale = staging.written.filter(({ path }) => !sameContents(staging.staged(path), path)).map(({ path }) => path);
      if (stale.length > 0) throw new Error(`committed outputs differ from a fresh build: ${stale.join(", ")}; run \`npm run build\``);
      console.log(summary(manifest).replace("wrote", "checked"));
      return;
    }
    staging.commit();
    console.log(summary(manifest));
    if (process.argv.includes("--compile")) {
      compileDist();
      console.log("  compiled the library and the CLI into dist/");
    }
  } finally {
    staging.discard();
  }
}

runMain(main);
