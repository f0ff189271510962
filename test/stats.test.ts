import { describe, expect, it } from "vitest";
import * as shipped from "../src/generated/corpus-data.js";
import { loadRecords, type RecordsByKind } from "../src/cli/load-records.js";
import { computeStats, formatStats } from "../src/cli/stats.js";
import { publishedKinds } from "../src/record-kinds.js";

describe("computeStats", () => {
  it("should list documents in the order of the document records, then the others as they first appear", () => {
    const records: RecordsByKind = new Map([
      ["token", [{ document: "gamma" }, { document: "alpha" }, { document: "beta" }, { document: "zeta" }]],
      ["document", [{ id: "zeta", document: "zeta" }, { id: "alpha", document: "alpha" }]],
    ]);
    expect(Object.keys(computeStats(records).byDocument)).toEqual(["zeta", "alpha", "gamma", "beta"]);
  });

  it("should list a document's record types in dependency order, whatever order the files came in", () => {
    const records: RecordsByKind = new Map([
      ["token", [{ document: "d" }]],
      ["entity-mention", [{ document: "d" }]],
      ["document", [{ id: "d", document: "d" }]],
      ["paragraph", [{ document: "d" }]],
    ]);
    expect(Object.keys(computeStats(records).byDocument.d!)).toEqual(["document", "paragraph", "token", "entity-mention"]);
  });

  it("should count a document and a target named constructor, a property of every object, as themselves", () => {
    const records: RecordsByKind = new Map([
      ["document", [{ id: "constructor", document: "constructor" }]],
      ["stance", [{ document: "constructor", target: "plain", label: "FAVOR" }, { document: "constructor", target: "constructor", label: "AGAINST" }]],
    ]);
    const stats = computeStats(records);
    expect(JSON.parse(JSON.stringify(stats.byDocument))).toEqual({ constructor: { document: 1, stance: 2 } });
    expect(JSON.parse(JSON.stringify(stats.stanceLabels))).toEqual({ constructor: { AGAINST: 1 }, plain: { FAVOR: 1 } });
    expect(Object.hasOwn(Object, "stance")).toBe(false);
  });

  it("should print the same tables for corpus/data as for the shipped corpus", () => {
    const data = shipped as unknown as Record<string, Array<Record<string, unknown>>>;
    const fromModule: RecordsByKind = new Map(publishedKinds.map((kind) => [kind.name, data[kind.exportName]!]));
    expect(formatStats(computeStats(loadRecords("corpus/data")))).toBe(formatStats(computeStats(fromModule)));
  });
});
