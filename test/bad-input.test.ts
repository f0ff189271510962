import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCorpus } from "../scripts/build-corpus.js";
import { readIn, runBuild, tempRoot, writeIn } from "./helpers/temp-root.js";

const DOC = "us-iran-iraq-2014";
const RAW = `corpus/raw/${DOC}.txt`;
const REPAIRS = `corpus/repairs/${DOC}.json`;
const ENTITIES = `corpus/annotations/${DOC}.entities.jsonl`;

/** Builds a root with one input changed, and expects a clean failure that writes nothing. */
function expectFailure(change: (root: string) => void, message: RegExp): void {
  const root = tempRoot();
  change(root);
  const result = runBuild(root);
  expect(result.status, result.stdout).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(root, "corpus/data")), "a failed build wrote data").toBe(false);
  expect(existsSync(join(root, "corpus/manifest.json")), "a failed build wrote a manifest").toBe(false);
  expect(stagingLeft(root), "a failed build left its staging folder").toEqual([]);
}

/** Staging folders (scripts/lib/staging.ts) left in a root; a finished build, failed or not, leaves none. */
const stagingLeft = (root: string) => readdirSync(root).filter((f) => f.startsWith(".build-"));

/** Replaces the first occurrence of `from`, failing loudly when it is absent so no test passes vacuously. */
function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

function editRepairs(root: string, edit: (repairs: { repairs: Array<Record<string, unknown>> }) => void): void {
  const repairs = JSON.parse(readIn(root, REPAIRS));
  edit(repairs);
  writeIn(root, REPAIRS, JSON.stringify(repairs, null, 2));
}

const repairIndex = (repairs: { repairs: Array<Record<string, unknown>> }, op: string, line: number) =>
  repairs.repairs.findIndex((r) => r.op === op && r.line === line);

describe("the build on bad input", () => {
  it("should build a copy of the real sources cleanly (control)", () => {
    const root = tempRoot();
    const result = runBuild(root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/documents 1, paragraphs 17/);
  });

  it("should name a raw file that is missing", () => {
    expectFailure((root) => rmSync(join(root, RAW)), /corpus\/raw: expected at least one raw \.txt file, found none/);
  });

  it("should name an empty raw file", () => {
    expectFailure((root) => writeIn(root, RAW, ""), /us-iran-iraq-2014\.txt: expected UTF-8 text, found an empty file/);
  });

  it("should name a raw file that is not UTF-8, with the byte offset", () => {
    expectFailure((root) => writeIn(root, RAW, Buffer.from([0x41, 0x42, 0xff, 0x43])), /\.txt:byte 2: expected UTF-8 text, found an invalid byte sequence/);
  });

  it("should refuse a raw file changed since its repairs were written", () => {
    expectFailure((root) => writeIn(root, RAW, `${readIn(root, RAW)}x`), /repairs\/us-iran-iraq-2014\.json:\/rawSha256: expected the SHA-256 of corpus\/raw\/us-iran-iraq-2014\.txt/);
  });

  it("should give line and column for malformed JSON", () => {
    expectFailure((root) => writeIn(root, REPAIRS, '{\n  "document": "us-iran-iraq-2014",\n  "rules": [,]\n}'), /us-iran-iraq-2014\.json:3:\d+: expected valid JSON \(value expected\), found ",]/);
  });

  it("should give the JSON pointer and the rule for a repair file that breaks its schema", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void (r.repairs[0]!.confidence = "sure")),
      /us-iran-iraq-2014\.json: \/repairs\/0(\/confidence)?: expected the value to satisfy the schema rule/,
    );
  });

  it("should give file, line and pointer for an annotation line that breaks its schema", () => {
    expectFailure(
      (root) => writeIn(root, ENTITIES, replaceOnce(readIn(root, ENTITIES), '"type": "GPE"', '"type": "CITY"')),
      /entities\.jsonl:\d+: \/type: expected the value to satisfy the schema rule "enum"/,
    );
  });

  it("should read an annotation file whose last line has no LF as the same records, as validate does", () => {
    const root = tempRoot();
    const text = readIn(root, ENTITIES);
    expect(text.endsWith("}\n")).toBe(true);
    writeIn(root, ENTITIES, text.slice(0, -1));
    const result = runBuild(root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readIn(root, "corpus/data/entities.jsonl")).toBe(readFileSync("corpus/data/entities.jsonl", "utf8"));
  });

  it("should name the line of a quote that matches nothing", () => {
    expectFailure(
      (root) => writeIn(root, ENTITIES, replaceOnce(readIn(root, ENTITIES), '"quote": "فيينا"', '"quote": "فيينّا"')),
      /entities\.jsonl:1: expected "فيينّا" in p1, found no match/,
    );
  });

  it("should name the line of a quote that does not fall on word boundaries", () => {
    expectFailure(
      (root) => writeIn(root, ENTITIES, replaceOnce(replaceOnce(readIn(root, ENTITIES), '"quote": "فيينا", "occurrence": 1', '"quote": "يينا", "occurrence": 1'), '"canonical": "فيينا"', '"canonical": "يينا"')),
      /entities\.jsonl:1: expected "يينا" \(occurrence 1\) to start at a word boundary/,
    );
  });

  it("should name the line of a quote asked for more occurrences than there are", () => {
    expectFailure(
      (root) => writeIn(root, ENTITIES, replaceOnce(readIn(root, ENTITIES), '"quote": "فيينا", "occurrence": 1', '"quote": "فيينا", "occurrence": 2')),
      /entities\.jsonl:1: expected occurrence 2 of "فيينا" in p1, found only 1/,
    );
  });

  it("should reject a reorder repair whose pieces are off by a column", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void (r.repairs[repairIndex(r, "reorder-line", 2)]!.segments = [[40, 95], [0, 40]])),
      /\/repairs\/0: expected each piece of line 2 to start between words, found column 40 inside "المتاحة"/,
    );
  });

  it("should reject a reorder repair that rejoins a different word than it declares", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void (r.repairs[repairIndex(r, "reorder-line", 2)]!.joins = ["كثر"])),
      /\/repairs\/0\/joins: line 2: expected the reordered pieces to join the words \["كثر"\], found \["أكثر"\]/,
    );
  });

  it("should reject two conflicting repairs on one line", () => {
    expectFailure(
      (root) =>
        editRepairs(root, (r) => {
          const first = r.repairs[repairIndex(r, "reorder-line", 2)]!;
          r.repairs.push({ ...first, id: "r99" });
        }),
      /conflicting repairs: r1 already reorders line 2/,
    );
  });

  it("should reject pieces that do not cover the line exactly once", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void (r.repairs[repairIndex(r, "reorder-line", 2)]!.segments = [[38, 95], [0, 30]])),
      /expected the segments to cover every column of line 2 once, found column 30 covered 0 times/,
    );
  });

  it("should reject a second paragraph break on the same line", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void r.repairs.push({ ...r.repairs[repairIndex(r, "break-paragraph", 16)]!, id: "r99" })),
      /conflicting repairs: r\d+ already breaks the paragraph at line 16/,
    );
  });

  it("should reject a reorder repair on a blank line", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void r.repairs.push({ ...r.repairs[repairIndex(r, "reorder-line", 2)]!, id: "r99", line: 3 })),
      /\/repairs\/39: expected line 3 to hold text to reorder, found a blank line/,
    );
  });

  it("should reject a paragraph join that joins nothing, after the last text line", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void r.repairs.push({ id: "r99", op: "join-paragraph", line: 87, evidence: "test", confidence: "low" })),
      /\/repairs\/39: expected line 87 to be the first blank line between two text lines, found it before no further text/,
    );
  });

  it("should reject a glyph repair at a place that holds another character", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void (r.repairs[repairIndex(r, "decode-glyph", 36)]!.column = 9)),
      /expected U\+E009 at line 36 column 9, found U\+/,
    );
  });

  it("should reject one glyph decoded two ways", () => {
    expectFailure(
      (root) =>
        editRepairs(root, (r) => {
          const last = [...r.repairs].reverse().find((x) => x.op === "decode-glyph" && x.found === "U+E009")!;
          last.decoded = "3";
        }),
      /inconsistent decoding: U\+E009 is decoded as "2" by r\d+ but as "3" here/,
    );
  });

  it("should refuse a private-use glyph left without a repair, naming its raw line and column", () => {
    expectFailure(
      (root) => editRepairs(root, (r) => void r.repairs.splice(repairIndex(r, "decode-glyph", 36), 1)),
      /us-iran-iraq-2014\.txt:36:5: expected no private-use glyph, found U\+E009/,
    );
  });

  it("should refuse repaired text that Markdown would not read as a plain paragraph", () => {
    expectFailure((root) => {
      const raw = Buffer.from("# عنوان المقال\n");
      writeIn(root, "corpus/raw/md-heading.txt", raw);
      const repairs = JSON.parse(readIn(root, REPAIRS));
      writeIn(root, "corpus/repairs/md-heading.json", JSON.stringify({ document: "md-heading", rawSha256: createHash("sha256").update(raw).digest("hex"), rules: repairs.rules, repairs: [] }));
    }, /corpus\/text\/md-heading\.md:3:1: expected a plain paragraph, found Markdown heading/);
  });

  it("should leave every previous output intact when the build is interrupted at any of its writes", async () => {
    const root = tempRoot();
    expect(runBuild(root).status).toBe(0);
    // Change an input so that a completed build would change the outputs.
    writeIn(root, ENTITIES, replaceOnce(readIn(root, ENTITIES), '"type": "DATE"', '"type": "DATE", "note": "interrupted"'));
    const outputs = ["corpus/data/entities.jsonl", "corpus/manifest.json", "corpus/text/us-iran-iraq-2014.md", "corpus/exports/conll/us-iran-iraq-2014.conll", "DATASHEET.md"];
    const before = outputs.map((p) => (existsSync(join(root, p)) ? readIn(root, p) : null));
    const writes = Object.keys((await buildCorpus(root)).files).length;
    for (const failAfter of [0, 1, Math.floor(writes / 2), writes - 1]) {
      const result = runBuild(root, { ANC_FAIL_AFTER_WRITES: String(failAfter) });
      expect(result.status, `interrupted after ${failAfter} writes`).toBe(1);
      expect(result.stderr).toMatch(/injected failure/);
      expect(outputs.map((p) => (existsSync(join(root, p)) ? readIn(root, p) : null)), `after ${failAfter} writes`).toEqual(before);
      expect(stagingLeft(root), `after ${failAfter} writes`).toEqual([]);
    }
    expect(runBuild(root).status).toBe(0);
    expect(readIn(root, "corpus/data/entities.jsonl")).toContain('"note":"interrupted"');
  });

  it("should leave the previous outputs untouched when a build fails", () => {
    const root = tempRoot();
    expect(runBuild(root).status).toBe(0);
    const before = readIn(root, "corpus/data/sentences.jsonl");
    const manifest = readIn(root, "corpus/manifest.json");
    writeIn(root, ENTITIES, replaceOnce(readIn(root, ENTITIES), '"quote": "فيينا"', '"quote": "غير موجود"'));
    expect(runBuild(root).status).toBe(1);
    expect(readIn(root, "corpus/data/sentences.jsonl")).toBe(before);
    expect(readIn(root, "corpus/manifest.json")).toBe(manifest);
    expect(readFileSync(join(root, "corpus/manifest.json"), "utf8")).toBe(manifest);
  });
});
