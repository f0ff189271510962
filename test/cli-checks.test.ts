import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checks } from "../src/validate/checks.js";
import { runCli } from "./helpers/run-cli.js";
import { scratchDir } from "./helpers/temp-root.js";

const root = "test/fixtures/checks";
/** Options a fixture pair needs: a line too long for a JavaScript string would be 512 MiB of fixture. */
const fixtureOptions: Record<string, string[]> = { "line-too-long": ["--max-line-bytes", "256"] };

describe("validate: one invalid fixture and one valid twin per check id, end to end", () => {
  it("should have a fixture pair for every check id and no fixture for an unknown id", () => {
    expect(readdirSync(root).sort()).toEqual(Object.keys(checks).sort());
  });

  for (const id of Object.keys(checks)) {
    it(`${id}: should fire on the invalid fixture only, with the right exit code`, () => {
      const files = (kind: string) => readdirSync(join(root, id, kind)).map((f) => join(root, id, kind, f));
      const options = fixtureOptions[id] ?? [];
      const valid = runCli(["validate", "--format", "json", ...options, ...files("valid")]);
      expect(valid.status, valid.stdout + valid.stderr).toBe(0);
      expect(JSON.parse(valid.stdout).valid).toBe(true);

      const invalid = runCli(["validate", "--format", "json", ...options, ...files("invalid")]);
      expect(invalid.status, invalid.stdout + invalid.stderr).toBe(id === "file-unreadable" ? 2 : 1);
      const report = JSON.parse(invalid.stdout);
      expect(report.valid).toBe(false);
      expect(Object.keys(report.counts)).toEqual([id]);
      for (const incident of report.incidents) {
        expect(incident.check).toBe(id);
        expect(incident.file).toBeTruthy();
        expect(incident.message).toMatch(/expected .*found/);
        expect(incident.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }
      expect(invalid.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe("validate with the schema check left out", () => {
  it("should say how many records it could not check past their schema, not only that it found nothing", () => {
    const file = join(scratchDir("anc-unchecked-"), "entities.jsonl");
    const mention = readFileSync("corpus/data/entities.jsonl", "utf8").split("\n")[0]!;
    // The second record's end is a string: text-mismatch cannot look at it.
    writeFileSync(file, `${mention}\n${JSON.stringify({ ...JSON.parse(mention), end: "61" })}\n`);
    const text = runCli(["validate", "--only", "text-mismatch", file]);
    expect(text.stdout.trim()).toBe("valid: 2 records in 1 file; 1 record not checked past the schema, which it fails (the schema check was not run)");
    const json = JSON.parse(runCli(["validate", "--only", "text-mismatch", "--format", "json", file]).stdout);
    expect([json.valid, json.unchecked]).toEqual([true, 1]);
    // With the schema check run, nothing is left unchecked: the record is reported.
    const full = JSON.parse(runCli(["validate", "--format", "json", file]).stdout);
    expect([full.unchecked, full.counts]).toEqual([0, { schema: 1 }]);
  });

  it("should say what a check left out found when a check that was run depends on it", () => {
    const file = join(scratchDir("anc-not-run-"), "entities.jsonl");
    const mention = JSON.parse(readFileSync("corpus/data/entities.jsonl", "utf8").split("\n")[0]!);
    // start after end: offset-bounds fails, and text-mismatch cannot compare a slice that does not exist.
    writeFileSync(file, `${JSON.stringify({ ...mention, start: mention.end + 95 })}\n`);
    for (const args of [["--only", "text-mismatch"], ["--exclude", "offset-bounds"]]) {
      const text = runCli(["validate", ...args, file]);
      expect(text.stdout.trim()).toBe("valid: 1 record in 1 file; checks that were not run found 1 problem (offset-bounds 1), and checks that depend on them skip such records");
      const json = JSON.parse(runCli(["validate", ...args, "--format", "json", file]).stdout);
      expect([json.valid, json.notRun]).toEqual([true, { "offset-bounds": 1 }]);
    }
    const full = JSON.parse(runCli(["validate", "--format", "json", file]).stdout);
    expect([full.valid, full.notRun, Object.keys(full.counts)]).toEqual([false, {}, ["offset-bounds"]]);
  });
});
