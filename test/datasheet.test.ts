import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAjv } from "../scripts/lib/create-ajv.js";
import { published } from "./helpers/published.js";

const datasheet = readFileSync("DATASHEET.md", "utf8");

/** The rows of the Markdown table inside a generated section, as arrays of cells. */
function section(name: string): string[][] {
  const body = datasheet.split(`<!-- generated:${name}:start -->`)[1]!.split(`<!-- generated:${name}:end -->`)[0]!;
  return body
    .split("\n")
    .filter((l) => l.startsWith("|") && !l.startsWith("| ---"))
    .slice(1)
    .map((l) => l.slice(1, -1).split(" | ").map((c) => c.trim()));
}

describe("DATASHEET.md", () => {
  it("should have the Datasheets for Datasets sections and a Language Variety section", () => {
    for (const heading of ["Motivation", "Composition", "Collection Process", "Preprocessing, cleaning and labeling", "Uses", "Distribution", "Maintenance", "Language variety"]) {
      expect(datasheet).toMatch(new RegExp(`^## ${heading}$`, "m"));
    }
  });

  it("should state the entity counts per type that the data has", () => {
    const rows = section("entity-types").filter((r) => r[0] !== "total");
    expect(rows.length).toBeGreaterThan(0);
    for (const [type, mentions, nested] of rows) {
      const ofType = published.mentions.filter((m) => m.type === type);
      expect(Number(mentions), type).toBe(ofType.length);
      expect(Number(nested), type).toBe(ofType.filter((m) => m.parent).length);
    }
  });

  it("should state the stance label distribution per target that the data has", () => {
    for (const [target, favor, against, neutral, none, sFavor, sAgainst, sNone] of section("stance-labels")) {
      const id = /`([^`]+)`/.exec(target!)![1]!;
      const of = (label: string) => published.stances.filter((s) => s.target === id && s.label === label).length;
      expect([favor, against, neutral, none].map(Number), id).toEqual([of("FAVOR"), of("AGAINST"), of("NEUTRAL"), of("NONE")]);
      const sentence = (label: string) => published.sentenceStances.filter((s) => s.target === id && s.label === label).length;
      expect([sFavor, sAgainst, sNone].map(Number), id).toEqual([sentence("FAVOR"), sentence("AGAINST"), sentence("NONE")]);
    }
  });

  it("should count the records of every published file", () => {
    for (const [file, , records] of section("records")) {
      const name = /corpus\/data\/([a-z-]+)\.jsonl/.exec(file!)![1]!;
      const lines = readFileSync(`corpus/data/${name}.jsonl`, "utf8").split("\n").filter(Boolean).length;
      expect(Number(records), name).toBe(lines);
    }
  });

  it("should pair every published file with the schema all its records satisfy, and no other", () => {
    const rows = section("records");
    expect(rows.map(([file]) => file).sort()).toEqual(readdirSync("corpus/data").filter((f) => f.endsWith(".jsonl")).map((f) => `\`corpus/data/${f}\``).sort());
    const ajv = createAjv();
    const idOf = (path: string) => JSON.parse(readFileSync(path, "utf8")).$id as string;
    for (const [file, schema] of rows) {
      const [path, schemaPath] = [file!.slice(1, -1), schema!.slice(1, -1)];
      const validate = ajv.getSchema(idOf(schemaPath))!;
      for (const line of readFileSync(path, "utf8").split("\n").filter(Boolean)) expect(validate(JSON.parse(line)), `${path} against ${schemaPath}`).toBe(true);
    }
  });

  it("should put under each licence in its Distribution table the same paths as LICENSE.md", () => {
    const paths = (text: string) => [...text.matchAll(/`([^`]+\/)`/g)].map((m) => m[1]!).sort();
    const license = readFileSync("LICENSE.md", "utf8");
    // LICENSE.md: "## 1. Code: MIT" and so on, each opening with the paths it applies to.
    const sections = license.split(/^## \d\. /m).slice(1).map((s) => s.split("\n\n").slice(0, 2).join(" "));
    const distribution = datasheet.split("## Distribution")[1]!.split("\n## ")[0]!;
    const rows = distribution.split("\n").filter((l) => l.startsWith("|") && !l.startsWith("| ---")).slice(1);
    expect(rows).toHaveLength(sections.length);
    rows.forEach((row, i) => expect(paths(row.split(" | ")[1]!), row).toEqual(paths(sections[i]!)));
  });

  it("should never claim human annotators or reviews", () => {
    expect(datasheet).not.toMatch(/expert annotators|human annotators (made|annotated)|reviewed by (a )?linguist/i);
    expect(datasheet).toMatch(/AI agents/);
  });
});
