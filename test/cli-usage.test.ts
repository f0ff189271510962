import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";

const version = JSON.parse(readFileSync("package.json", "utf8")).version as string;

describe("the CLI's usage and version", () => {
  for (const flag of ["--help", "-h"]) {
    it(`should print the whole usage on stdout and exit 0 for ${flag}`, () => {
      const run = runCli([flag]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^usage: arabic-news-corpus <command> \[options\]\n/);
      for (const command of ["validate <files…>", "stats [path]", "diff <old> <new>", "agree <a> <b>", "-h, --help", "-v, --version"]) expect(run.stdout).toContain(command);
    });

    for (const [command, synopsis] of [
      ["validate", "validate <files…>"],
      ["stats", "stats [path]"],
      ["diff", "diff <old> <new>"],
      ["agree", "agree <a> <b>"],
    ] as const) {
      it(`should print the usage of ${command} on stdout and exit 0 for ${command} ${flag}, even after an invalid --format`, () => {
        // Asking for help with arguments that would be a usage error still gets the help.
        const run = runCli([command, "--format", "yaml", flag]);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toBe("");
        expect(run.stdout).toMatch(new RegExp(`^usage: arabic-news-corpus ${synopsis.replace(/[[\]]/g, "\\$&")} \\[options\\]\\n`));
        expect(run.stdout).toContain("--format text|json");
        expect(run.stdout).toContain("-h, --help");
        expect(run.stdout).toMatch(/exit codes: 0 valid, 1 invalid data, 2 usage or I\/O error\n$/);
        for (const other of ["validate <files…>", "stats [path]", "diff <old> <new>", "agree <a> <b>"].filter((s) => s !== synopsis)) expect(run.stdout).not.toContain(other);
      });
    }
  }

  it("should list every option of validate in its usage", () => {
    const run = runCli(["validate", "--help"]);
    for (const option of ["--format", "--level", "--only", "--exclude", "--type", "--max-errors", "--max-line-bytes", "--no-corpus", "--list-checks"]) expect(run.stdout).toContain(option);
  });

  for (const flag of ["--version", "-v"]) {
    it(`should print the version from package.json and exit 0 for ${flag}`, () => {
      const run = runCli([flag]);
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.status).toBe(0);
    });
  }

  it("should still reject an unknown option of a command as a usage error (exit 2)", () => {
    const run = runCli(["stats", "--bogus"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/--bogus/);
  });

  it("should refuse a selection of checks that leaves none to run (exit 2), rather than say valid having checked nothing", () => {
    const file = "test/fixtures/checks/text-mismatch/invalid/tokens.jsonl";
    for (const args of [["--only", "text-mismatch", "--exclude", "text-mismatch"], ["--level", "2", "--only", "text-mismatch"]]) {
      const run = runCli(["validate", ...args, file]);
      expect([run.status, run.stdout]).toEqual([2, ""]);
      expect(run.stderr).toMatch(/^arabic-news-corpus: expected --level, --only and --exclude to leave at least one check to run, found none \(--level \d/);
    }
    // One check left is enough.
    expect(runCli(["validate", "--level", "4", "--only", "text-mismatch", file]).status).toBe(1);
  });

  for (const [args, hint] of [
    [["stats", "--bogus"], ["stats", "--help"]],
    [["diff", "--format", "xml", "a", "b"], ["diff", "--help"]],
    [["bogus"], ["--help"]],
  ] as const) {
    it(`should point a usage error (${args.join(" ")}) at the --help the README documents, and that must print usage`, () => {
      const run = runCli([...args]);
      expect(run.status).toBe(2);
      expect(run.stderr.split("\n").at(-2)).toBe(`run \`arabic-news-corpus ${hint.join(" ")}\` for usage`);
      const help = runCli([...hint]);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: arabic-news-corpus /);
    });
  }
});
