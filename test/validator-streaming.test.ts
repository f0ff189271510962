import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CodePointText } from "../src/code-points.js";
import type { Incident } from "../src/validate/checks.js";
import { DocumentTexts } from "../src/validate/document-texts.js";
import { IdKeys } from "../src/validate/id-keys.js";
import { JsonLinesReader } from "../src/validate/json-lines-reader.js";
import { MentionNesting, type NestingFinding, type RereadSpan } from "../src/validate/mention-nesting.js";
import { NumberTable } from "../src/validate/number-table.js";
import { SENTENCE_SHAPE, SpanTable } from "../src/validate/span-table.js";
import { RunIndex } from "../src/validate/run-index.js";
import { validateFiles } from "../src/validate/validate-files.js";
import { Validator } from "../src/validate/validator.js";
import { detectKind, kindFromFileName, recordKinds } from "../src/record-kinds.js";
import { DeferredLines } from "../src/validate/deferred-lines.js";
import { RowStore } from "../src/validate/row-store.js";
import { Rng, writeJsonlCorpus, type JsonlKind } from "../scripts/bench/synthetic.js";

/**
 * The streaming validator keeps little in memory: ids as numbers, spans in typed arrays, document
 * texts as places to read them back, mention spans swept per document. These tests hold it to
 * the same answers as if it kept everything: whatever the order of the records.
 */

const temp = mkdtempSync(join(tmpdir(), "anc-streaming-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const ALL_KINDS: JsonlKind[] = ["documents", "paragraphs", "sentences", "tokens", "entities", "entity-catalogue", "stance-targets", "stances", "sentence-stances"];

/** What an incident says, without where (line numbers change when lines move). */
const said = (incidents: Incident[]) => incidents.map((i) => `${i.check} ${i.file.split("/").pop()} ${i.pointer ?? ""} ${i.message}`).sort();

/** A synthetic corpus of `documents` documents with some invalid records, two crossing mentions and a dangling parent. */
function corpus(name: string, documents: number): string {
  const dir = join(temp, name);
  writeJsonlCorpus({ dir, seed: name, documents, kinds: ALL_KINDS, invalidFraction: 0.03 });
  // Two mentions that cross each other in the third document (the nesting check's business).
  const entities = join(dir, "entities.jsonl");
  const lines = readFileSync(entities, "utf8").trimEnd().split("\n");
  const third = lines.findIndex((l) => l.includes('"document":"synth-000003"'));
  const m = JSON.parse(lines[third]!) as { id: string; start: number; end: number };
  lines.push(JSON.stringify({ ...JSON.parse(lines[third]!), id: `synth-000003/e9001`, start: m.start + 1, end: m.end + 1 }));
  // A mention of the fifth document whose parent does not exist (the parent check's business).
  const fifth = lines.find((l) => l.includes('"document":"synth-000005"') && !l.includes('"parent"'))!;
  lines.push(JSON.stringify({ ...JSON.parse(fifth), id: "synth-000005/e9002", parent: "synth-000005/e9999" }));
  writeFileSync(entities, `${lines.join("\n")}\n`);
  return dir;
}

/**
 * The same files with every file's lines in a shuffled order (a seeded permutation); with `crlf`,
 * also with CRLF line endings and a BOM, so that lines read again must come back without them.
 */
function shuffled(from: string, seed: string, crlf = false): string {
  const dir = join(temp, `${from.split("/").pop()}-shuffled-${seed}${crlf ? "-crlf" : ""}`);
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(seed);
  for (const file of readdirSync(from)) {
    const lines = readFileSync(join(from, file), "utf8").trimEnd().split("\n");
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    writeFileSync(join(dir, file), crlf ? `\ufeff${lines.join("\r\n")}\r\n` : `${lines.join("\n")}\n`);
  }
  return dir;
}

const files = (dir: string) => readdirSync(dir).map((f) => join(dir, f));

describe("validateFiles in any order", () => {
  // 30 documents of about 5,000 code points: more text than the read-back cache holds.
  const dir = corpus("order", 30);
  let inOrder: Incident[] = [];
  // Every test below compares with this, so that each can also run alone (vitest -t).
  beforeAll(async () => {
    inOrder = (await validateFiles(files(dir), {})).validator.incidents;
  });

  it("should find the planted problems in the published order", () => {
    const checks = new Set(inOrder.map((i) => i.check));
    for (const check of ["schema", "text-mismatch", "nesting-depth", "missing-sentence", "mention-parent"]) expect(checks, check).toContain(check);
    expect(inOrder.filter((i) => i.check === "nesting-depth").map((i) => i.message)).toContainEqual(expect.stringContaining("synth-000003"));
  });

  it("should report exactly the same incidents when every file's lines are shuffled", async () => {
    for (const seed of ["a", "b", "c"]) {
      const { validator } = await validateFiles(files(shuffled(dir, seed)), {});
      expect(said(validator.incidents), seed).toEqual(said(inOrder));
    }
  });

  it("should check records read again the same way whatever their line endings, and report a BOM and CRLF on their lines", async () => {
    const { validator } = await validateFiles(files(shuffled(dir, "a", true)), {});
    const other = said(validator.incidents).filter((i) => !/^(crlf|bom) /.test(i));
    expect(other).toEqual(said(inOrder));
    const lines = files(dir).reduce((n, f) => n + readFileSync(f, "utf8").trimEnd().split("\n").length, 0);
    expect([validator.counts.crlf, validator.counts.bom]).toEqual([lines, files(dir).length]);
  });

  it("should report the same incidents when the records are given in memory, in any order", () => {
    const records = files(dir).flatMap((file) =>
      readFileSync(file, "utf8")
        .trimEnd()
        .split("\n")
        .map((line, i) => ({ file, line: i + 1, value: JSON.parse(line) as unknown })),
    );
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: records.length, maxLength: records.length }), (weights) => {
        const order = records.map((r, i) => ({ r, w: weights[i]! })).sort((a, b) => a.w - b.w);
        const validator = new Validator();
        for (const { r } of order) validator.record(r.file, r.line, r.value);
        validator.finish();
        expect(said(validator.incidents)).toEqual(said(inOrder));
      }),
      // Each run validates the whole corpus: shrinking a failure would take many minutes, so it stops at the first.
      { numRuns: 3, seed: 8, endOnFailure: true },
    );
  });

  it("should report the same incidents when what waits goes to a temporary file", async () => {
    // Which RowStores wrote to their file: the waiting lines, the mention spans read back, and the
    // rows that compare sentence labels with their stances.
    const inFile: number[] = [];
    const drain = RowStore.prototype.drain;
    const spy = vi.spyOn(RowStore.prototype, "drain").mockImplementation(function (this: RowStore, each) {
      inFile.push(this.rowsInFile);
      drain.call(this, each);
    });
    try {
      const { validator } = await validateFiles(files(shuffled(dir, "b")), { waitingMemory: 2048 });
      expect(said(validator.incidents)).toEqual(said(inOrder));
      expect(inFile.length).toBe(3);
      expect(inFile.every((rows) => rows > 0), String(inFile)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it("should list incidents by file, in the order files are taken, then by line", async () => {
    const { validator, files: taken } = await validateFiles(files(shuffled(dir, "d")), {});
    const position = (i: Incident) => [taken.indexOf(i.file) === -1 ? taken.length : taken.indexOf(i.file), i.line ?? 0];
    const positions = validator.incidents.map(position);
    const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(positions).toEqual(sorted);
  });
});

/** Every line as [number, first characters] and every report, read with fill() and again with fillSync(), which must agree. */
async function readAll(file: string, maxLineBytes?: number): Promise<{ seen: Array<[number, string]>; reports: string[] }> {
  const bytes = readFileSync(file);
  const reports: string[] = [];
  const reader = new JsonLinesReader(file, (check, place, message) => reports.push(`${check}@${place.line} ${message}`), maxLineBytes);
  const seen: Array<[number, string]> = [];
  for (;;) {
    if (!reader.next()) {
      if (await reader.fill()) continue;
      break;
    }
    const at = reader.locate(reader.line);
    expect(bytes.subarray(at.offset, at.offset + at.length).toString("utf8")).toBe(reader.text);
    seen.push([reader.line, reader.text.slice(0, 12)]);
  }
  await reader.close();
  const again = new JsonLinesReader(file, () => undefined, maxLineBytes);
  const seenAgain: Array<[number, string]> = [];
  for (;;) {
    if (!again.next()) {
      if (again.fillSync()) continue;
      break;
    }
    seenAgain.push([again.line, again.text.slice(0, 12)]);
  }
  again.closeSync();
  expect(seenAgain).toEqual(seen);
  return { seen, reports };
}

describe("JsonLinesReader", () => {
  it("should give every line with its number and byte place, across chunks, long lines, a BOM and a bad byte", async () => {
    const file = join(temp, "reader.jsonl");
    const long = `{"id":"${"ب".repeat(150_000)}"}`;
    const parts = [Buffer.from("\ufeff{\"a\":1}\n"), Buffer.from(`${long}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), Buffer.from('{"b" :2}\n'), Buffer.from("{}")];
    const bytes = Buffer.concat(parts);
    writeFileSync(file, bytes);
    const { seen, reports } = await readAll(file);
    expect(reports.map((r) => r.split(" ")[0])).toEqual(["bom@1", "utf8@3"]);
    expect(seen).toEqual([
      [1, '{"a":1}'],
      [2, long.slice(0, 12)],
      [4, '{"b" :2}'],
      [5, "{}"],
    ]);
  });
});

describe("JsonLinesReader and lines too long to decode", () => {

  it("should report a line longer than the limit with its number and length, and go on with the next lines, wherever the line falls", async () => {
    const file = join(temp, "too-long.jsonl");
    // Lines over the limit of 1,000 bytes: one among short lines (inside a chunk), one longer
    // than a read block (measured on disk), one of 3 MiB (measured over several blocks), and the
    // last, without a final LF. Lines up to the limit, even multi-byte ones, are read whole.
    const fits = `{"n":"${"ب".repeat(496)}"}`;
    const lines = ['{"a":1}', "x".repeat(1001), fits, "y".repeat(1.5 * 2 ** 20), '{"b":2}', `{"c":"${"z".repeat(3 * 2 ** 20)}"}`, "{}", "w".repeat(5000)];
    writeFileSync(file, lines.join("\n"));
    expect(Buffer.byteLength(fits)).toBe(1000);
    const { seen, reports } = await readAll(file, 1000);
    expect(seen).toEqual([
      [1, '{"a":1}'],
      [3, fits.slice(0, 12)],
      [5, '{"b":2}'],
      [7, "{}"],
    ]);
    const tooLong = (line: number, bytes: number) => `line-too-long@${line} expected a line of at most 1000 bytes (the limit set with --max-line-bytes), found a line of ${bytes} bytes`;
    expect(reports).toEqual([tooLong(2, 1001), tooLong(4, 1.5 * 2 ** 20), tooLong(6, 3 * 2 ** 20 + 8), tooLong(8, 5000)]);
  });

  it("should read a line longer than a block but within the limit whole, and report a BOM before a line too long", async () => {
    const file = join(temp, "long-but-fits.jsonl");
    const long = `{"t":"${"ب".repeat(2 ** 20)}"}`;
    writeFileSync(file, `\ufeff${long}\n{}\n`);
    const { seen, reports } = await readAll(file, 2 ** 21 + 8);
    expect(seen).toEqual([
      [1, long.slice(0, 12)],
      [2, "{}"],
    ]);
    expect(reports).toEqual(["bom@1 expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)"]);
    const bom = join(temp, "bom-too-long.jsonl");
    writeFileSync(bom, `\ufeff${"a".repeat(2 ** 21)}\n{}`);
    const read = await readAll(bom, 2 ** 20);
    expect(read.seen).toEqual([[2, "{}"]]);
    expect(read.reports).toEqual([
      "bom@1 expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)",
      `line-too-long@1 expected a line of at most ${2 ** 20} bytes (the limit set with --max-line-bytes), found a line of ${2 ** 21} bytes`,
    ]);
  });

  it("should count a line too long in blocks, never holding it whole", async () => {
    const file = join(temp, "too-long-held.jsonl");
    writeFileSync(file, `{}\n${"a".repeat(16 * 2 ** 20)}\n{}\n`);
    const allocations = vi.spyOn(Buffer, "allocUnsafe");
    try {
      const reports: string[] = [];
      const reader = new JsonLinesReader(file, (check, place) => reports.push(`${check}@${place.line}`), 2 ** 20);
      const seen: Array<[number, string]> = [];
      for (;;) {
        if (!reader.next()) {
          if (await reader.fill()) continue;
          break;
        }
        seen.push([reader.line, reader.text]);
      }
      await reader.close();
      expect([seen, reports]).toEqual([
        [
          [1, "{}"],
          [3, "{}"],
        ],
        ["line-too-long@2"],
      ]);
      // Blocks of 1 MiB and a rest copied in front of one: nothing the size of the line.
      expect(Math.max(...allocations.mock.calls.map(([size]) => size))).toBeLessThanOrEqual(2 * 2 ** 20);
    } finally {
      allocations.mockRestore();
    }
  });

  it("should read any mix of line lengths around the limit as splitting the bytes at each LF would (property)", async () => {
    const file = join(temp, "too-long-property.jsonl");
    // Lengths near the limit, near a 64 KiB chunk and past one or two 1 MiB blocks.
    const length = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 900, max: 1100 }), fc.integer({ min: 65_000, max: 66_000 }), fc.integer({ min: 1_000_000, max: 2_200_000 }));
    const line = fc.tuple(length, fc.constantFrom("a", "ب", "😀")).map(([n, c]) => c.repeat(Math.ceil(n / Buffer.byteLength(c))));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.constantFrom(1000, 65_536, 1_500_000), async (lines, finalLf, limit) => {
        const content = lines.join("\n") + (finalLf ? "\n" : "");
        writeFileSync(file, content);
        const { seen, reports } = await readAll(file, limit);
        // A file's last LF ends its last line; no empty line follows it.
        const parts = content.split("\n");
        if (parts.at(-1) === "") parts.pop();
        const expected = parts.map((text, i) => [i + 1, text] as const);
        const fits = expected.filter(([, text]) => Buffer.byteLength(text) <= limit);
        expect(seen).toEqual(fits.map(([n, text]) => [n, text.slice(0, 12)]));
        expect(reports.map((r) => r.split(" ")[0])).toEqual(expected.filter(([, text]) => Buffer.byteLength(text) > limit).map(([n]) => `line-too-long@${n}`));
      }),
      { seed: 5, numRuns: 40 },
    );
  });

  it("should go on with the other files after a line or a .json file too long, and report both with the new check", async () => {
    const dir = join(temp, "too-long-files");
    mkdirSync(dir, { recursive: true });
    const entities = join(dir, "entities.jsonl");
    writeFileSync(entities, `${JSON.stringify({ note: "a".repeat(5000) })}\n{"x":\n`);
    const json = join(dir, "catalogue.json");
    writeFileSync(json, `[${" ".repeat(5000)}]`);
    const { validator } = await validateFiles([entities, json], { maxLineBytes: 4096 });
    expect(validator.incidents.map((i) => [i.check, i.file, i.line])).toEqual([
      ["line-too-long", entities, 1],
      ["json-syntax", entities, 2],
      ["line-too-long", json, undefined],
    ]);
    expect(validator.incidents[2]!.message).toBe("expected a JSON file of at most 4096 bytes (the limit set with --max-line-bytes), found a file of 5002 bytes");
  });
});

describe("records whose checks wait for the end", () => {
  it.each([
    ["in memory", undefined],
    ["from a temporary file", 4096],
  ])("should hand deferred lines back grouped by document, in the order added within each, across pages (%s)", (_, budget) => {
    const deferred = new DeferredLines(budget === undefined ? undefined : { budget });
    const kind = kindFromFileName("entities.jsonl");
    const added: Array<[document: number, line: number]> = [];
    const rng = new Rng("deferred");
    for (let line = 1; line <= 40_000; line++) {
      const document = Math.floor(rng.next() * 50);
      added.push([document, line]);
      // Offsets past 2^32 (files over 4 GiB) come back whole.
      deferred.add(document, line, { file: line % 2 ? "a.jsonl" : "b.jsonl", offset: line * 1_000_003, length: line % 7 }, kind);
    }
    const got: Array<[number, number]> = [];
    deferred.drain((location, line, fallback) => {
      expect([location.file, location.offset, location.length, fallback]).toEqual([line % 2 ? "a.jsonl" : "b.jsonl", line * 1_000_003, line % 7, kind]);
      got.push([added[line - 1]![0], line]);
    });
    expect(got).toEqual([...added].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    expect(deferred.size).toBe(0);
  });

  const small = writeJsonlCorpus({ dir: join(temp, "changed"), seed: "changed", documents: 1, kinds: ["documents", "paragraphs"] });
  const documentLine = readFileSync(small.files.documents!, "utf8").split("\n")[0]!;
  const paragraphLine = readFileSync(small.files.paragraphs!, "utf8").split("\n")[0]!;

  /** A paragraph read before its document, so that its checks wait, then read again as `reread` says. */
  const settle = (reread: () => Uint8Array) => {
    // One paragraph of a longer document: the others are left out on purpose (segment-tiling).
    const validator = new Validator({ exclude: ["segment-tiling"], source: { read: (at) => (at.file === "d.jsonl" ? Buffer.from(documentLine) : reread()), lines: () => undefined } });
    validator.line("paragraphs.jsonl", 4, paragraphLine, kindFromFileName("paragraphs.jsonl"), () => ({ file: "paragraphs.jsonl", offset: 0, length: Buffer.byteLength(paragraphLine) }));
    validator.line("d.jsonl", 1, documentLine, kindFromFileName("documents.jsonl"), () => ({ file: "d.jsonl", offset: 0, length: Buffer.byteLength(documentLine) }));
    validator.finish();
    return validator.incidents.map((i) => [i.check, i.file, i.line, i.message]);
  };

  it("should check a waiting record from its line read again, as if it had been kept", () => {
    expect(settle(() => Buffer.from(paragraphLine))).toEqual([]);
    const wrong = JSON.stringify({ ...JSON.parse(paragraphLine), text: "not the text" });
    expect(settle(() => Buffer.from(wrong)).map(([check]) => check)).toEqual(["text-mismatch"]);
  });

  it("should say so, not crash, when a waiting record's line changed or vanished under it", () => {
    expect(settle(() => Buffer.from('{"id":"x"}'))).toEqual([["file-unreadable", "paragraphs.jsonl", 4, "expected paragraphs.jsonl to be unchanged while it is validated, found another record at line 4"]]);
    expect(settle(() => Buffer.from("{"))).toEqual([["file-unreadable", "paragraphs.jsonl", 4, "expected paragraphs.jsonl to be unchanged while it is validated, found a line that is no longer the same JSON"]]);
    const shorter = "expected paragraphs.jsonl to be unchanged while it is validated, found it shorter than before";
    expect(
      settle(() => {
        throw new Error(shorter);
      }),
    ).toEqual([["file-unreadable", "paragraphs.jsonl", 4, shorter]]);
    expect(
      settle(() => {
        throw new Error("ENOENT: no such file or directory");
      }),
    ).toEqual([["file-unreadable", "paragraphs.jsonl", 4, "expected paragraphs.jsonl to be readable again, found ENOENT: no such file or directory"]]);
  });
});

describe("DocumentTexts", () => {
  it("should read a text back from its line when the cache no longer holds it", () => {
    const lines = ["x".repeat(100), "y".repeat(100)].map((t, i) => Buffer.from(JSON.stringify({ id: `d${i}`, text: t })));
    let reads = 0;
    const texts = new DocumentTexts((at) => {
      reads++;
      return lines[at.offset]!;
    }, 150);
    texts.add(0, new CodePointText("x".repeat(100)), true, { file: "f", offset: 0, length: lines[0]!.length });
    texts.add(1, new CodePointText("y".repeat(100)), true, { file: "f", offset: 1, length: lines[1]!.length });
    expect(texts.text(1).text).toBe("y".repeat(100));
    expect(reads).toBe(0);
    expect(texts.text(0).text).toBe("x".repeat(100));
    expect(reads).toBe(1);
  });

  it("should grow its cache for texts read back twice, not for texts read back once", () => {
    const lines = ["x".repeat(100), "y".repeat(100)].map((t, i) => Buffer.from(JSON.stringify({ id: `d${i}`, text: t })));
    const read: number[] = [];
    const texts = new DocumentTexts((at) => {
      read.push(at.offset);
      return lines[at.offset]!;
    }, 150);
    texts.add(0, new CodePointText("x".repeat(100)), true, { file: "f", offset: 0, length: lines[0]!.length });
    texts.add(1, new CodePointText("y".repeat(100)), true, { file: "f", offset: 1, length: lines[1]!.length });
    // Room for one text: each read back evicts the other, until a text comes back a second time.
    for (const document of [0, 1, 0, 1, 0, 1]) expect(texts.text(document).text).toBe(document ? "y".repeat(100) : "x".repeat(100));
    expect(read).toEqual([0, 1, 0]);
  });

  it("should say so, not crash, when the file changed under it", () => {
    const texts = new DocumentTexts(() => Buffer.from('{"text":"shorter"}'), 1);
    texts.add(0, new CodePointText("a longer text"), true, { file: "docs.jsonl", offset: 0, length: 20 });
    texts.add(1, new CodePointText("another"), true, { file: "docs.jsonl", offset: 20, length: 20 });
    expect(() => texts.text(0)).toThrow(/expected docs\.jsonl to be unchanged while it is validated/);
  });
});

describe("NumberTable and IdKeys (property)", () => {
  it("should answer as a Map does, for any keys", () => {
    const key = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.integer({ min: 0, max: 2 ** 21 }).map((d) => d * 2 ** 32 + 7));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat(1000)), { maxLength: 1000, size: "max" }), (ops) => {
        const table = new NumberTable(16);
        const map = new Map<number, number>();
        for (const [k, row] of ops) {
          expect(table.add(k, row)).toBe(map.get(k) ?? -1);
          if (!map.has(k)) map.set(k, row);
        }
        for (const [k] of ops) expect(table.get(k)).toBe(map.get(k));
        expect(table.get(-99999)).toBe(map.get(-99999) ?? -1);
        expect(table.size).toBe(map.size);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it("should keep spans as a Map would, whether ids come in runs, out of order or twice", () => {
    const doc = fc.integer({ min: 0, max: 4 });
    const key = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(doc, fc.integer({ min: 0, max: 40 })).map(([d, low]) => d * 2 ** 32 + low) },
      { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
      { weight: 1, arbitrary: fc.constantFrom(2 ** 53 - 1, 2 ** 21 * 2 ** 32, 4 * 2 ** 32 + 2 ** 32 - 1) },
    );
    const op = fc.record({ key, start: fc.nat(100), end: fc.nat(100), document: doc, parent: fc.nat(3), reference: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300, size: "max" }), fc.constantFrom("as drawn", "sorted", "sorted, then reversed halves"), (drawn, order) => {
        let ops = drawn;
        if (order !== "as drawn") ops = [...drawn].sort((a, b) => a.key - b.key);
        if (order === "sorted, then reversed halves") ops = [...ops.slice(ops.length >> 1), ...ops.slice(0, ops.length >> 1)];
        const table = new SpanTable(SENTENCE_SHAPE);
        const model = new Map<number, { row: number; start: number; end: number; document: number; parent: number; reference: boolean }>();
        const keys: number[] = [];
        for (const o of ops) {
          const had = model.get(o.key);
          const replaces = had !== undefined && !o.reference && had.reference;
          expect(table.add(o.key, o.start, o.end, o.document, o.parent, o.reference)).toBe(had === undefined || replaces);
          if (had === undefined) {
            model.set(o.key, { ...o, row: keys.length });
            keys.push(o.key);
          } else if (replaces) model.set(o.key, { ...o, row: had.row, reference: false });
          // Looked up in between, as the validator does: a cached answer must stay right.
          const probe = ops[(o.start * 7) % ops.length]!.key;
          expect(table.find(probe)).toBe(model.get(probe)?.row ?? -1);
        }
        expect(table.size).toBe(model.size);
        for (const [k, m] of model) {
          const row = table.find(k);
          expect(row).toBe(m.row);
          expect([table.start(row), table.end(row), table.document(row, k), table.parent(row, k)]).toEqual([m.start, m.end, m.document, m.parent]);
        }
        expect(table.find(3 * 2 ** 32 + 41)).toBe(-1);
        const seen: number[] = [];
        table.forEach((row, k) => {
          expect(row).toBe(seen.length);
          seen.push(k);
        });
        expect(seen).toEqual(keys);
      }),
      { numRuns: 100, seed: 8 },
    );
  });

  it("should find rows as a Map would, when the caller skips rows between keys of one run", () => {
    const key = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })).map(([h, low]) => h * 2 ** 32 + low) },
      { weight: 1, arbitrary: fc.constantFrom(-3, 2 ** 53 - 1, 2 ** 21 * 2 ** 32) },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat(2)), { minLength: 1, maxLength: 300, size: "max" }), fc.boolean(), (drawn, sorted) => {
        const ops = sorted ? [...drawn].sort((a, b) => a[0] - b[0]) : drawn;
        const index = new RunIndex();
        const model = new Map<number, number>();
        let rows = 0;
        for (const [k, skip] of ops) {
          expect(index.find(k)).toBe(model.get(k) ?? -1);
          if (model.has(k)) continue;
          // Rows the caller uses for something else (IdSet: prefixes kept as strings).
          rows += skip;
          model.set(k, rows);
          index.add(k, rows++);
        }
        for (const [k, row] of model) expect(index.find(k)).toBe(row);
        expect(index.find(3 * 2 ** 32 + 41)).toBe(-1);
        const keys = index.keys(rows);
        for (let row = 0; row < rows; row++) expect(Number.isNaN(keys[row]!) ? undefined : model.get(keys[row]!), `row ${row}`).toBe(Number.isNaN(keys[row]!) ? undefined : row);
        expect(keys.filter((k) => !Number.isNaN(k)).length).toBe(model.size);
      }),
      { numRuns: 100, seed: 9 },
    );
  });

  it("should find rows as a Map would when thousands of keys come out of order, past several growths of its hash", () => {
    // Spans of shuffled files: nearly every key starts or misses its run. Lows up to 2^32 - 1 and
    // highs up to 2^21 - 1 check that both parts are kept whole.
    const key = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(2 ** 21 - 1)), fc.oneof(fc.nat(5000), fc.constant(2 ** 32 - 1))).map(([h, low]) => h * 2 ** 32 + low);
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 3000, maxLength: 6000 }), fc.nat(), (keys, skipSeed) => {
        const index = new RunIndex();
        const model = new Map<number, number>();
        let rows = 0;
        keys.forEach((k, i) => {
          rows += (skipSeed + i) % 7 === 0 ? 1 : 0;
          model.set(k, rows);
          index.add(k, rows++);
          // Found while they are added, as the validator looks them up.
          const probe = keys[(i * 31) % (i + 1)]!;
          expect(index.find(probe)).toBe(model.get(probe));
        });
        for (const [k, row] of model) expect(index.find(k)).toBe(row);
        // Same high part and another low, or the other way round: not there.
        for (const k of keys.slice(0, 200)) {
          for (const other of [k + 5001, k + 2 ** 32 * 302]) expect(index.find(other)).toBe(model.get(other) ?? -1);
        }
        const found = index.keys(rows);
        for (const [k, row] of model) expect(found[row]).toBe(k);
        expect(found.filter((k) => !Number.isNaN(k)).length).toBe(model.size);
      }),
      { numRuns: 8, seed: 10, endOnFailure: true },
    );
  });

  it("should give two ids the same number exactly when they are the same id, and name a paragraph or sentence back", () => {
    const part = fc.constantFrom("d", "doc-1", "a/b", "", "p1", "x-0");
    const num = fc.oneof(fc.constantFrom("1", "2", "10", "65535", "65536", "0", "01", "4294967295", "4294967296", "12a", ""), fc.nat(70000).map(String));
    const id = fc.oneof(
      fc.tuple(part, num).map(([d, n]) => `${d}/p${n}`),
      fc.tuple(part, num, num).map(([d, n, m]) => `${d}/p${n}/s${m}`),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 60, size: "max" }), (ids) => {
        const keys = new IdKeys();
        const paragraphs = new Map<number, string>();
        const sentences = new Map<number, string>();
        for (const s of ids) {
          const p = keys.paragraph(s);
          const t = keys.sentence(s);
          expect(paragraphs.get(p) ?? s).toBe(s);
          expect(sentences.get(t) ?? s).toBe(s);
          paragraphs.set(p, s);
          sentences.set(t, s);
          expect(keys.sentenceId(t)).toBe(s);
          expect(keys.paragraphId(p)).toBe(s);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe.each([
  ["in memory", undefined],
  ["from a temporary file", 20],
])("MentionNesting (spans read back %s)", (_, budget) => {
  // A span's mention number is its line; its parent's number is given, or -1 (not checked).
  const run = (spans: Array<[doc: number, start: number, end: number, line: number, rereadable: boolean, parent?: number]>) => {
    const nesting = new MentionNesting(budget === undefined ? undefined : { budget });
    for (const [doc, start, end, line, rereadable, parent = -1] of spans) nesting.add(doc, start, end, line, parent, "m.jsonl", line, rereadable);
    const findings: NestingFinding[] = [];
    nesting.finish(
      (documents, add: RereadSpan) => {
        for (const [doc, start, end, line, rereadable, parent = -1] of spans) if (rereadable && documents.has(doc)) add(doc, start, end, line, parent, "m.jsonl", line);
      },
      (f) => findings.push(f),
    );
    return findings.map((f) => `${f.problem} ${f.document} ${f.at.line}${f.parent === undefined ? "" : ` e${f.parent}`}`);
  };

  it("should check each mention's parent against the mentions of its document, reopened or not", () => {
    // Document 1: e2 inside e1 with e1 as parent (right); e3 inside e1 with no parent; e4 names
    // e2, which does not enclose it; e5 names e9, which does not exist. Document 2 comes between
    // e1–e2 and the rest, so that document 1 is reopened, and e9 in document 2 is not e9 of 1.
    const found = run([
      [1, 0, 20, 1, true, 0],
      [1, 2, 6, 2, true, 1],
      [2, 0, 5, 9, true, 0],
      [1, 8, 12, 3, true, 0],
      [1, 14, 18, 4, true, 2],
      [1, 30, 40, 5, true, 9],
    ]);
    expect(found).toEqual(["parent-absent 1 3 e1", "parent-outside 1 4 e2", "parent-missing 1 5 e9"]);
  });

  it("should find a crossing whose two mentions are far apart in the file (the document reopened)", () => {
    expect(run([[1, 0, 10, 1, true], [2, 0, 5, 2, true], [1, 5, 15, 3, true]])).toEqual(["crossing 1 3"]);
  });

  it("should not report a document twice when it is swept early and again at the end", () => {
    expect(run([[1, 0, 10, 1, true], [1, 5, 15, 2, true], [2, 0, 5, 3, true], [1, 20, 30, 4, true]])).toEqual(["crossing 1 2"]);
  });

  it("should combine spans given in memory with spans read back from the file", () => {
    expect(run([[1, 0, 10, 1, true], [2, 0, 5, 2, true], [1, 1, 9, 3, false], [1, 2, 8, 4, false]])).toEqual(["depth 1 4"]);
  });

  it("should find what each of many reopened documents holds, one document at a time", () => {
    // Documents 0–29, each with a crossing pair and a mention two levels deep, every mention of
    // them in its own place in the file: each document is reopened, and read back at the end.
    const spans: Array<[number, number, number, number, boolean]> = [];
    for (const [start, end] of [[0, 10], [5, 15], [20, 40], [22, 38], [24, 36]]) for (let doc = 0; doc < 30; doc++) spans.push([doc, start!, end!, spans.length + 1, true]);
    const expected = Array.from({ length: 30 }, (_, doc) => [`crossing ${doc} ${31 + doc}`, `depth ${doc} ${121 + doc}`]).flat();
    expect(run(spans)).toEqual(expected);
  });
});

describe("kind detection shortcut", () => {
  // The validator skips detectKind for a record valid against the kind its file name suggests;
  // that is sound only if such a record is always detected as that kind.
  it("should detect every record valid against a kind as that kind (published data and fixtures)", () => {
    const values: unknown[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".jsonl")) for (const line of readFileSync(path, "utf8").split("\n")) values.push(parseOrNull(line));
        else if (path.endsWith(".json")) {
          const value = parseOrNull(readFileSync(path, "utf8"));
          values.push(...(Array.isArray(value) ? value : [value]));
        }
      }
    };
    walk("corpus");
    walk("test/fixtures");
    let valid = 0;
    for (const value of values) {
      for (const kind of recordKinds) {
        if (!kind.validate(value)) continue;
        valid++;
        expect(detectKind(value, kind)?.name, JSON.stringify(value).slice(0, 120)).toBe(kind.name);
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

describe("validateFiles given one file under several names", () => {
  it("should read it once, as first named, whether named by an absolute glob, its path or ./path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anc-twice-"));
    try {
      const file = join(dir, "sentences.jsonl");
      writeFileSync(file, readFileSync("corpus/data/sentences.jsonl"));
      const { validator, files } = await validateFiles([join(dir, "sent*.jsonl"), file, `${dir}/./sentences.jsonl`], { only: ["duplicate-id"] });
      expect(files).toEqual([file]);
      expect(validator.incidents).toEqual([]);
      expect(validator.records).toBe(17);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("validateFiles against the raw files a package carries (raw-source)", () => {
  /** A copy of corpus/data and corpus/raw under a scratch root; `edit` changes it before validation. */
  async function check(edit: (root: string) => void): Promise<Array<[string | undefined, string]>> {
    const root = mkdtempSync(join(tmpdir(), "anc-raw-"));
    try {
      for (const dir of ["corpus/data", "corpus/raw"]) cpSync(dir, join(root, dir), { recursive: true });
      edit(root);
      const data = (name: string) => join(root, "corpus/data", `${name}.jsonl`);
      const { validator } = await validateFiles([data("documents"), data("offset-maps")], { only: ["raw-source"] });
      return validator.incidents.map((i) => [i.pointer, i.message]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const rewrite = (file: string, change: (record: Record<string, any>) => void) => {
    const record = JSON.parse(readFileSync(file, "utf8"));
    change(record);
    writeFileSync(file, `${JSON.stringify(record)}\n`);
  };

  it("should find the shipped offset map and document true to the raw file (control)", async () => {
    expect(await check(() => undefined)).toEqual([]);
  });

  it("should refuse segments without a rule or repair that do not copy their raw text, and a wrong rawSha256", async () => {
    const found = await check((root) => {
      rewrite(join(root, "corpus/data/offset-maps.jsonl"), (o) => {
        // Two segments copied unchanged, of one length, trade sources: the raw text is still taken once.
        const plain = o.segments.filter((s: { by?: string; rawStart?: number; start: number; end: number }) => s.by === undefined && s.rawStart !== undefined && s.end - s.start === 90);
        [plain[0].rawStart, plain[1].rawStart] = [plain[1].rawStart, plain[0].rawStart];
      });
      rewrite(join(root, "corpus/data/documents.jsonl"), (d) => {
        d.rawSha256 = "0".repeat(64);
      });
    });
    expect(found.map(([pointer]) => pointer)).toEqual(["/rawSha256", "/segments/0", "/segments/271"]);
    expect(found[1]![1]).toMatch(/^expected segment 0, which names no rule or repair, to copy \S*us-iran-iraq-2014\.txt at \[\d+, \d+\) unchanged, found the published text "التقى/);
  });

  it("should refuse a raw file changed since its offset map and document were made", async () => {
    const found = await check((root) => writeFileSync(join(root, "corpus/raw/us-iran-iraq-2014.txt"), `${readFileSync("corpus/raw/us-iran-iraq-2014.txt", "utf8")}x`));
    expect(found.map(([pointer]) => pointer)).toEqual(["/rawSha256", "/rawLength"]);
  });

  it("should check nothing when the raw file is not there: a corpus need not carry it", async () => {
    expect(await check((root) => rmSync(join(root, "corpus/raw"), { recursive: true }))).toEqual([]);
  });
});
