import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { scratchDir } from "./helpers/temp-root.js";

const good = "test/fixtures/diff/old";
const firstMention = readFileSync(join(good, "entities.jsonl"), "utf8").split("\n")[0]!;

/** A folder whose entities.jsonl holds a real mention, a blank line, then `line` (line 3). */
function folderWith(line: string): string {
  const dir = scratchDir("anc-cli-records-");
  writeFileSync(join(dir, "entities.jsonl"), `${firstMention}\n\n${line}\n`);
  return dir;
}

describe("stats, diff and agree on JSONL lines that are valid JSON but not records", () => {
  for (const [line, found] of [
    ["null", "null"],
    ["[1,2]", "an array, [1,2]"],
    ["42", "a number, 42"],
    ['"us-iran-iraq-2014/e1"', 'a string, "us-iran-iraq-2014/e1"'],
    ["true", "a boolean, true"],
  ] as const) {
    for (const command of ["stats", "diff", "agree"] as const) {
      it(`${command}: should name the file and line of ${line} and what was expected, and exit 2 like other bad records`, () => {
        const dir = folderWith(line);
        const run = runCli(command === "stats" ? [command, dir] : [command, good, dir]);
        expect(run.stderr).toBe(`arabic-news-corpus: ${join(dir, "entities.jsonl")}:3: expected a JSON object (a record), found ${found}\n`);
        expect(run.stdout).toBe("");
        expect(run.status).toBe(2);
      });
    }
  }
});
