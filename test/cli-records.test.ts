import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
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

describe("diff on records without an id", () => {
  it("should name the file and line of the first record with no string id, and exit 2, rather than pair all such records as one", () => {
    const mention = JSON.parse(firstMention) as Record<string, unknown>;
    const { id: _, ...noId } = mention;
    for (const [line, found] of [[JSON.stringify(noId), "nothing"], [JSON.stringify({ ...mention, id: 7 }), "7"]] as const) {
      const dir = folderWith(line);
      const run = runCli(["diff", good, dir]);
      expect(run.stderr).toBe(`arabic-news-corpus: ${join(dir, "entities.jsonl")}:3 /id: expected a string id (records are compared by id), found ${found}; run \`validate\` for details\n`);
      expect(run.stdout).toBe("");
      expect(run.status).toBe(2);
    }
  });
});

describe("agree on records that are objects but not of their schema", () => {
  const firstStance = readFileSync(join(good, "stances.jsonl"), "utf8").split("\n")[0]!;

  for (const [name, line, expected] of [
    // The whole record has the empty pointer (RFC 6901), shown as nothing.
    ["stances.jsonl", "{}", `: expected Stance to satisfy "required" (must have required property 'id'), found {}`],
    ["entities.jsonl", "{}", `: expected EntityMention to satisfy "required" (must have required property 'id'), found {}`],
    ["sentence-stances.jsonl", "{}", `: expected SentenceStance to satisfy "required" (must have required property 'id'), found {}`],
    ["stances.jsonl", JSON.stringify({ ...JSON.parse(firstStance), evidence: "p1/s1" }), ` /evidence: expected Stance to satisfy "type" (must be array), found "p1/s1"`],
  ] as const) {
    it(`should name the file, line and pointer of ${line.length > 20 ? "a stance whose evidence is a string" : line} in ${name}, and exit 2`, () => {
      const dir = scratchDir("anc-cli-records-");
      const file = join(dir, name);
      writeFileSync(file, `${line}\n`);
      const run = runCli(["agree", good, dir]);
      expect(run.stderr).toBe(`arabic-news-corpus: ${file}:1${expected}; run \`validate\` for details\n`);
      expect(run.stdout).toBe("");
      expect(run.status).toBe(2);
    });
  }
});

describe("stats, diff and agree on paths that cannot be read", () => {
  it("should report a symbolic link loop given as the path as such, not as nothing at that path, and exit 2", () => {
    const loop = join(scratchDir("anc-cli-records-"), "entities.jsonl");
    symlinkSync(loop, loop);
    const run = runCli(["stats", loop]);
    expect(run.stderr).toBe(`arabic-news-corpus: ${loop}: expected a file or folder, found a symbolic link loop (ELOOP: too many levels of symbolic links)\n`);
    expect(run.status).toBe(2);
  });

  it("should name a JSONL file in the folder that is a symbolic link loop, with what was expected, and exit 2", () => {
    const dir = scratchDir("anc-cli-records-");
    const loop = join(dir, "entities.jsonl");
    symlinkSync(loop, loop);
    const run = runCli(["diff", good, dir]);
    expect(run.stderr).toBe(`arabic-news-corpus: ${loop}: expected a readable file, found a symbolic link loop (ELOOP: too many levels of symbolic links)\n`);
    expect(run.status).toBe(2);
  });

  it("should still report a path with nothing at it as nothing at that path", () => {
    const missing = join(scratchDir("anc-cli-records-"), "none");
    const run = runCli(["agree", good, missing]);
    expect(run.stderr).toBe(`arabic-news-corpus: ${missing}: expected a file or folder, found nothing at that path\n`);
    expect(run.status).toBe(2);
  });
});
