import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checks } from "../src/validate/checks.js";
import { runCli } from "./helpers/run-cli.js";

const root = "test/fixtures/checks";

describe("validate: one invalid fixture and one valid twin per check id, end to end", () => {
  it("should have a fixture pair for every check id and no fixture for an unknown id", () => {
    expect(readdirSync(root).sort()).toEqual(Object.keys(checks).sort());
  });

  for (const id of Object.keys(checks)) {
    it(`${id}: should fire on the invalid fixture only, with the right exit code`, () => {
      const files = (kind: string) => readdirSync(join(root, id, kind)).map((f) => join(root, id, kind, f));
      const valid = runCli(["validate", "--format", "json", ...files("valid")]);
      expect(valid.status, valid.stdout + valid.stderr).toBe(0);
      expect(JSON.parse(valid.stdout).valid).toBe(true);

      const invalid = runCli(["validate", "--format", "json", ...files("invalid")]);
      expect(invalid.status, invalid.stdout + invalid.stderr).toBe(id === "file-unreadable" ? 2 : 1);
      const report = JSON.parse(invalid.stdout);
      expect(report.valid).toBe(false);
      expect(Object.keys(report.counts)).toEqual([id]);
      for (const incident of report.incidents) {
        expect(incident.check).toBe(id);
        expect(incident.file).toBeTruthy();
        expect(incident.message).toMatch(/expected .*found/);
      }
      expect(invalid.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
