import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
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

describe("agree on sides it cannot compare", () => {
  it("should refuse folders of authored quote-selector files with exit 2, naming what it found and where published records come from", () => {
    const run = runCli(["agree", "corpus/agreement/pass-a", "corpus/agreement/pass-b"]);
    const found = "entity-annotation (99), stance-resolution (1), stance-annotation (32)";
    expect(run.stderr).toBe(
      `arabic-news-corpus: expected entity mentions, stances or sentence-stances (published-format records, as in corpus/data) to compare, ` +
        `found ${found} in corpus/agreement/pass-a and ${found} in corpus/agreement/pass-b; ` +
        "authored annotation files (quote selectors, as in corpus/annotations and corpus/agreement/pass-*) are not read: `npm run build` resolves them against the text, " +
        "and writes the agreement of the corpus's own two passes to corpus/agreement/report.json (arabic-news-corpus/agreement/report.json in the package)\n",
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });

  it("should refuse two sides holding different kinds with exit 2, naming both paths and their kinds", () => {
    const run = runCli(["agree", join(good, "stances.jsonl"), join(good, "entities.jsonl")]);
    expect(run.stderr).toBe(
      `arabic-news-corpus: expected the same kinds of records on both sides, found stance (6) in ${join(good, "stances.jsonl")} and entity-mention (11) in ${join(good, "entities.jsonl")}\n`,
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });

  it("should refuse a duplicate id on one side with exit 2, naming the file, the line and the first copy, rather than count it twice", () => {
    const dir = folderWith(firstMention);
    const file = join(dir, "entities.jsonl");
    const id = JSON.parse(firstMention).id as string;
    const run = runCli(["agree", join(good, "entities.jsonl"), dir]);
    expect(run.stderr).toBe(`arabic-news-corpus: ${file}:3 /id: expected ids unique among the entity-mention records, found ${JSON.stringify(id)} again (first at ${file}:1)\n`);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });
});

describe("agree on stances without sentence labels", () => {
  it("should say there is no κ for the labels, rather than print κ 0.000 for nothing compared", () => {
    const run = runCli(["agree", join(good, "stances.jsonl"), "test/fixtures/diff/new/stances.jsonl"]);
    expect(run.stdout).toContain("sentence × target labels: n=0, no κ (nothing labelled by both passes)\n");
    expect(run.stdout).toContain("attributed records: A 6, B 6, found by both 6, same label 5 (83.3%), κ 0.700\n");
    expect(run.status).toBe(0);
  });
});

describe("diff on a duplicate id", () => {
  it("should name the file, the line and the id of the second copy, and exit 2, rather than keep the last copy", () => {
    const dir = folderWith(firstMention);
    const file = join(dir, "entities.jsonl");
    const id = JSON.parse(firstMention).id as string;
    for (const args of [["diff", good, dir], ["diff", dir, good]]) {
      const run = runCli(args);
      expect(run.stderr).toBe(`arabic-news-corpus: ${file}:3 /id: expected ids unique among the entity-mention records, found ${JSON.stringify(id)} again (first at ${file}:1)\n`);
      expect(run.stdout).toBe("");
      expect(run.status).toBe(2);
    }
  });
});

describe("diff's required version", () => {
  /** A package root at `version` whose corpus/data holds the fixture folder `data`'s files. */
  function packageRoot(version: string, data: string): string {
    const root = scratchDir("anc-cli-records-");
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "arabic-news-corpus", version }));
    cpSync(data, join(root, "corpus/data"), { recursive: true });
    return root;
  }
  const lastLine = (run: { stdout: string }) => run.stdout.trimEnd().split("\n").pop();

  it("should give the next version from the old package root's version, a major change at 0.x bumping the minor number", () => {
    // old → new adds a mention (minor); new → old removes it (major).
    expect(lastLine(runCli(["diff", packageRoot("0.1.0", good), "test/fixtures/diff/new"]))).toBe("required version bump: minor (0.1.0 → 0.1.1, at 0.x: bump the patch number)");
    expect(lastLine(runCli(["diff", packageRoot("0.1.0", "test/fixtures/diff/new"), good]))).toBe("required version bump: major (0.1.0 → 0.2.0, at 0.x: bump the minor number)");
    expect(lastLine(runCli(["diff", packageRoot("1.4.2", "test/fixtures/diff/new"), good]))).toBe("required version bump: major (1.4.2 → 2.0.0)");
  });

  it("should state the 0.x rule when the old side has no package version", () => {
    expect(lastLine(runCli(["diff", "test/fixtures/diff/new", good]))).toBe("required version bump: major (at 0.x: bump the minor number)");
  });

  it("should give both versions in the JSON output when the old side is a package root", () => {
    const d = JSON.parse(runCli(["diff", "--format", "json", packageRoot("0.1.0", "test/fixtures/diff/new"), good]).stdout);
    expect([d.requiredBump, d.previousVersion, d.requiredVersion]).toEqual(["major", "0.1.0", "0.2.0"]);
  });

  it("should refuse a package root whose package.json has no version, with exit 2", () => {
    const root = packageRoot("0.1.0", good);
    writeFileSync(join(root, "package.json"), "{}");
    const run = runCli(["diff", root, good]);
    expect(run.stderr).toBe(`arabic-news-corpus: ${join(root, "package.json")}: expected a "version" such as 0.1.0, found nothing\n`);
    expect(run.status).toBe(2);
  });
});

describe("stats on records that are objects but not of their schema", () => {
  it("should name the file, line and rule of a mention without a type, and exit 2, rather than count it under undefined", () => {
    const { type: _, ...untyped } = JSON.parse(firstMention) as Record<string, unknown>;
    const dir = folderWith(JSON.stringify(untyped));
    const run = runCli(["stats", dir]);
    expect(run.stderr).toBe(
      `arabic-news-corpus: ${join(dir, "entities.jsonl")}:3: expected EntityMention to satisfy "required" (must have required property 'type'), found ${JSON.stringify(untyped).slice(0, 80)}…; run \`validate\` for details\n`,
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });
});
