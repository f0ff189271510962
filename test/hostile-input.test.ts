import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as shipped from "../src/generated/corpus-data.js";
import { codePointLength } from "../src/code-points.js";
import { checks, type Incident } from "../src/validate/checks.js";
import { validateFiles } from "../src/validate/validate-files.js";
import { Validator } from "../src/validate/validator.js";
import { published } from "./helpers/published.js";
import { runCli } from "./helpers/run-cli.js";

/**
 * Hostile input for `validate`, end to end through the CLI: every case checks the exit code, the
 * exact check ids counted, where each incident is (file, line, column or JSON pointer) and that
 * nothing crashed (no stack trace on stderr, a JSON report on stdout).
 */

const dir = "test/fixtures/hostile";
const emoji = `${dir}/emoji-document`;
const emojiBase = [`${emoji}/documents.jsonl`, `${emoji}/paragraphs.jsonl`, `${emoji}/sentences.jsonl`];
const graphemes = `${dir}/grapheme-document`;
const graphemeBase = [`${graphemes}/documents.jsonl`, `${graphemes}/paragraphs.jsonl`, `${graphemes}/sentences.jsonl`];
const STACK_TRACE = /^\s+at .+/m;
/**
 * For the small documents of our own: the token records there are spans placed around the
 * characters under test, not their text's tokenization, so the tokenization check (token-tiling,
 * tested on its own) is left out.
 */
const SPANS_ONLY = ["--no-corpus", "--exclude", "token-tiling"];


interface Report {
  valid: boolean;
  files: string[];
  records: number;
  incidentCount: number;
  counts: Record<string, number>;
  incidents: Incident[];
  truncated: boolean;
}

/** Runs `validate --format json`, and fails with what the CLI printed when it did not produce a report. */
function validate(paths: string[], options: string[] = []): { status: number | null; report: Report; stderr: string } {
  const result = runCli(["validate", "--format", "json", ...options, ...paths]);
  expect(result.stderr, `stack trace on stderr:\n${result.stderr.slice(0, 2000)}`).not.toMatch(STACK_TRACE);
  let report: Report;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`expected a JSON report on stdout, found none (exit ${result.status}); stderr: ${result.stderr.slice(0, 1000)}; stdout: ${result.stdout.slice(0, 500)}`);
  }
  return { status: result.status, report, stderr: result.stderr };
}

/** Expects invalid data (exit 1) with exactly these counts. */
function expectInvalid(run: ReturnType<typeof validate>, counts: Record<string, number>): Incident[] {
  expect(run.report.counts, JSON.stringify(run.report.incidents, null, 1).slice(0, 3000)).toEqual(counts);
  expect(run.report.valid).toBe(false);
  expect(run.report.incidentCount).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
  expect(run.status).toBe(1);
  return run.report.incidents;
}

/** The lines of a fixture file, split on LF exactly as a JSONL reader must. */
const linesOf = (path: string) => readFileSync(path, "utf8").split("\n");

/** 1-based column of the last occurrence of `needle` in a line. */
const columnOfLast = (line: string, needle: string) => {
  const at = line.lastIndexOf(needle);
  if (at === -1) throw new Error(`fixture: ${JSON.stringify(needle)} not in line`);
  return at + 1;
};

const scratch = mkdtempSync(join(tmpdir(), "anc-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const scratchFile = (name: string, content: string | Buffer) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

const firstToken = published.tokens[0]!;
const tokenLine = (overrides: Record<string, unknown>) => JSON.stringify({ ...firstToken, ...overrides });

describe("validate: syntax-level hostile input", () => {
  it("should report an empty file as empty-file, exit 1 and count no record", () => {
    const file = `${dir}/empty.jsonl`;
    expect(statSync(file).size).toBe(0);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "empty-file": 1 });
    expect(incident!.file).toBe(file);
    expect(run.report.records).toBe(0);
  });

  it("should report a byte-order mark at line 1, column 1, and still validate every record after it", () => {
    const file = `${dir}/bom-before-first-record.jsonl`;
    const run = validate([file]);
    const [incident] = expectInvalid(run, { bom: 1 });
    expect(incident).toMatchObject({ file, line: 1, column: 1 });
    expect(run.report.records).toBe(linesOf(file).filter(Boolean).length);
  });

  it("should report CRLF on every line, at the column of the carriage return", () => {
    const file = `${dir}/crlf-line-endings.jsonl`;
    const lines = linesOf(file).filter(Boolean);
    const run = validate([file]);
    const incidents = expectInvalid(run, { crlf: lines.length });
    lines.forEach((line, i) => {
      expect(incidents[i]).toMatchObject({ check: "crlf", file, line: i + 1, column: line.indexOf("\r") + 1 });
    });
    expect(run.report.records).toBe(lines.length);
  });

  it("should report invalid UTF-8 on the line it occurs, and go on with the lines after it", () => {
    const file = `${dir}/invalid-utf8-on-line-2.jsonl`;
    const bytes = readFileSync(file);
    const lines = bytes.toString("latin1").split("\n").filter(Boolean);
    const bad = lines.findIndex((l) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(l, "latin1"));
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toBe(1);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { utf8: 1 });
    expect(incident).toMatchObject({ file, line: bad + 1 });
    expect(run.report.records).toBe(lines.length - 1);
  });

  it("should report a lone surrogate escape (\\ud800) in a document's text as text that is not valid Unicode (utf8), with its line and pointer", () => {
    const file = `${dir}/lone-surrogate-in-document-text.jsonl`;
    const parsed = JSON.parse(linesOf(file)[0]!) as { text: string };
    expect(parsed.text).toMatch(/\p{Cs}/u);
    const run = validate([file], ["--no-corpus"]);
    const [incident] = expectInvalid(run, { utf8: 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/text" });
  });

  it("should report a lone surrogate escape in any string of a record, not only in a text field", () => {
    const file = `${dir}/lone-surrogate-in-catalogue-note.jsonl`;
    const run = validate([file], ["--no-corpus"]);
    const [incident] = expectInvalid(run, { utf8: 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/note" });
  });

  it("should report text that is not in NFC with its line and pointer, and only that text", () => {
    const file = `${dir}/not-nfc-document-on-line-2.jsonl`;
    const texts = linesOf(file).filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
    expect(texts.map((t) => t === t.normalize("NFC"))).toEqual([true, false]);
    const run = validate([file], ["--no-corpus"]);
    const [incident] = expectInvalid(run, { "not-nfc": 1 });
    expect(incident).toMatchObject({ file, line: 2, pointer: "/text" });
  });

  it("should report a duplicate key at the column of its second occurrence, however the key is spelled and however deep its object", () => {
    const file = `${dir}/duplicate-keys.jsonl`;
    const lines = linesOf(file).filter(Boolean);
    // The third line, an offset map of a document that does not exist, is only the carrier of a nested key.
    const run = validate([file], ["--exclude", "missing-document"]);
    const incidents = expectInvalid(run, { "duplicate-key": 3 });
    expect(incidents.map((i) => [i.line, i.column])).toEqual([
      [1, columnOfLast(lines[0]!, '"kind"')],
      [2, columnOfLast(lines[1]!, '"\\u006bind"')],
      [3, columnOfLast(lines[2]!, '"start"')],
    ]);
    expect(incidents.map((i) => i.message)).toEqual([expect.stringContaining('"kind"'), expect.stringContaining('"kind"'), expect.stringContaining('"start"')]);
  });

  it("should notice a duplicate key whose colon follows a carriage return (JSON whitespace, not only spaces and tabs)", () => {
    const file = `${dir}/duplicate-key-before-carriage-return.jsonl`;
    const [line] = linesOf(file);
    expect(line).toMatch(/"kind"\r:/);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "duplicate-key": 1 });
    expect(incident).toMatchObject({ file, line: 1, column: columnOfLast(line!, '"kind"') });
  });

  it("should check a .json file for duplicate keys too, naming the line and column of the second key", () => {
    const file = `${dir}/duplicate-key-in-json-file.json`;
    const lines = linesOf(file);
    const line = lines.map((l) => l.includes('"kind"')).lastIndexOf(true);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "duplicate-key": 1 });
    expect(incident).toMatchObject({ file, line: line + 1, column: lines[line]!.indexOf('"kind"') + 1 });
  });

  it("should report every duplicate key of a line, not only the first: each at its column, a key again with how many times, a nested one with its object's pointer", () => {
    const line = tokenLine({}).replace(/}$/, ',"kind":"word","index":0,"kind":"word","extra":{"k":1,"k":2}}');
    const file = scratchFile("many-duplicate-keys.jsonl", `${line}\n`);
    const incidents = expectInvalid(validate([file], ["--only", "duplicate-key"]), { "duplicate-key": 4 });
    const at = (needle: string, nth: number) => line.split(needle, nth).join(needle).length + 1;
    expect(incidents.map((i) => [i.line, i.column, i.pointer, i.message])).toEqual([
      [1, at('"kind"', 2), undefined, 'expected each key once per object, found "kind" twice'],
      [1, at('"index"', 2), undefined, 'expected each key once per object, found "index" twice'],
      [1, at('"kind"', 3), undefined, 'expected each key once per object, found "kind" 3 times'],
      [1, at('"k"', 2), "/extra", 'expected each key once per object, found "k" twice'],
    ]);
  });

  it("should report the duplicate key of every record of a .json array file, each with its line, column and record pointer", () => {
    const records = published.tokens.slice(0, 5).map((t) => JSON.stringify(t, null, 2).replace(/\n}$/, `,\n  "kind": ${JSON.stringify(t.kind)}\n}`));
    const file = scratchFile("duplicate-key-in-every-record.json", `[\n${records.join(",\n")}\n]\n`);
    const lines = linesOf(file);
    const kindLines = lines.flatMap((l, i) => (l.includes('"kind"') ? [i + 1] : [])).filter((_, i) => i % 2 === 1);
    const incidents = expectInvalid(validate([file], ["--only", "duplicate-key"]), { "duplicate-key": 5 });
    expect(incidents.map((i) => [i.line, i.column, i.pointer])).toEqual(kindLines.map((line, i) => [line, 3, `/${i}`]));
  });

  it("should report a million duplicate keys on one line, and a million in a .json file, in seconds, keeping only the incidents asked for", async () => {
    const line = `{${Array.from({ length: 1_000_000 }, () => '"a":1').join(",")}}`;
    const started = performance.now();
    const validator = new Validator({ only: ["duplicate-key"], maxIncidents: 10 });
    validator.line("million.jsonl", 1, line);
    expect([validator.incidentCount, validator.incidents.length, validator.incidents[9]!.column, validator.incidents[9]!.message]).toEqual([999_999, 10, 6 * 10 + 2, 'expected each key once per object, found "a" 11 times']);
    // A thousand records, each repeating one key a thousand times, one per line: lines are
    // counted once through the file, not again for each repetition.
    const json = scratchFile("million-duplicates.json", `[\n${Array.from({ length: 1000 }, () => `{${Array.from({ length: 1000 }, () => '"type":1').join(",\n")}}`).join(",\n")}\n]\n`);
    const { validator: files } = await validateFiles([json], { only: ["duplicate-key"], maxIncidents: 10 });
    expect([files.incidentCount, files.incidents[0]]).toEqual([999_000, { check: "duplicate-key", level: 1, file: json, line: 3, column: 1, pointer: "/0", message: 'expected each key once per object, found "type" twice' }]);
    // About 2 s here; reporting line by line from the start of the file took hours.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("should report CRLF line endings in a .json file too, from line 1", () => {
    const file = `${dir}/crlf-in-json-file.json`;
    const run = validate([file]);
    expect(Object.keys(run.report.counts)).toEqual(["crlf"]);
    expect(run.status).toBe(1);
    expect(run.report.incidents[0]).toMatchObject({ check: "crlf", file, line: 1 });
  });

  it("should report a .json file that holds no record (an empty array) as empty-file", () => {
    const file = `${dir}/json-file-with-no-records.json`;
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "empty-file": 1 });
    expect(incident!.file).toBe(file);
  });

  it("should report each line of a binary file (a PNG) as invalid UTF-8 or invalid JSON, and count no record", () => {
    const file = `${dir}/one-pixel.png`;
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    let lineCount = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < bytes.length - 1; i = bytes.indexOf(0x0a, i + 1)) lineCount++;
    const run = validate([file]);
    expect(run.status).toBe(1);
    expect(run.report.valid).toBe(false);
    expect(run.report.records).toBe(0);
    for (const id of Object.keys(run.report.counts)) expect(["utf8", "json-syntax", "blank-line", "crlf"]).toContain(id);
    expect(run.report.incidents[0]).toMatchObject({ check: "utf8", file, line: 1 });
    const reported = new Set(run.report.incidents.map((i) => i.line));
    for (let line = 1; line <= lineCount; line++) expect(reported.has(line), `line ${line} of the PNG`).toBe(true);
  });
});

describe("validate: files that cannot be read", () => {
  it("should exit 2 and report file-unreadable for a path that does not exist", () => {
    const file = `${dir}/does-not-exist.jsonl`;
    const run = validate([file]);
    expect(run.status).toBe(2);
    expect(run.report.counts).toEqual({ "file-unreadable": 1 });
    expect(run.report.incidents[0]).toMatchObject({ check: "file-unreadable", file });
    expect(run.report.valid).toBe(false);
  });

  it("should exit 2 and report file-unreadable for a directory given as a file", () => {
    const run = validate([emoji]);
    expect(run.status).toBe(2);
    expect(run.report.counts).toEqual({ "file-unreadable": 1 });
    expect(run.report.incidents[0]).toMatchObject({ check: "file-unreadable", file: emoji });
    expect(run.report.incidents[0]!.message).toMatch(/directory/);
  });

  it("should exit 2 and report a symbolic link loop as such, not as nothing at that path", () => {
    const loop = join(scratch, "loop.jsonl");
    symlinkSync(loop, loop);
    const run = validate([loop]);
    expect(run.status).toBe(2);
    expect(run.report.counts).toEqual({ "file-unreadable": 1 });
    expect(run.report.incidents[0]).toMatchObject({ check: "file-unreadable", file: loop, message: "expected a file, found a symbolic link loop (ELOOP: too many levels of symbolic links)" });
  });

  it("should exit 2 and report a symbolic link to nothing as such, naming where it points", () => {
    const link = join(scratch, "dangling.jsonl");
    symlinkSync(join(scratch, "gone.jsonl"), link);
    const run = validate([link]);
    expect(run.status).toBe(2);
    expect(run.report.incidents[0]).toMatchObject({ check: "file-unreadable", file: link, message: `expected a file, found a symbolic link to nothing (it points to ${JSON.stringify(join(scratch, "gone.jsonl"))})` });
  });

  it("should exit 2 naming a file whose reading fails (EIO), JSONL or JSON, and still validate the others", () => {
    // Linux's /proc/self/mem opens and stats as an empty file, and every read of it fails with EIO.
    const [jsonl, json] = [join(scratch, "eio.jsonl"), join(scratch, "eio.json")];
    symlinkSync("/proc/self/mem", jsonl);
    symlinkSync("/proc/self/mem", json);
    const other = "test/fixtures/checks/schema/invalid/entities.jsonl";
    const run = validate([jsonl, json, other]);
    expect(run.status).toBe(2);
    expect(run.report.counts).toEqual({ "file-unreadable": 2, schema: 1 });
    const unreadable = run.report.incidents.filter((i) => i.check === "file-unreadable");
    expect(unreadable.map((i) => [i.file, i.message.match(/EIO/) !== null])).toEqual(expect.arrayContaining([[jsonl, true], [json, true]]));
  });

  it("should exit 2 when one path is missing, and still validate the files that exist", () => {
    const missing = `${dir}/does-not-exist.jsonl`;
    const good = `${emoji}/documents.jsonl`;
    const run = validate([missing, good], ["--no-corpus"]);
    expect(run.status).toBe(2);
    expect(run.report.counts).toEqual({ "file-unreadable": 1 });
    expect(run.report.records).toBe(linesOf(good).filter(Boolean).length);
  });
});

describe("validate: hostile keys", () => {
  it("should reject __proto__ and constructor keys as schema violations naming the key", () => {
    const file = `${dir}/proto-and-constructor-keys.jsonl`;
    const run = validate([file]);
    const incidents = expectInvalid(run, { schema: 2 });
    expect(incidents.map((i) => i.line)).toEqual([1, 2]);
    expect(incidents[0]!.message).toContain('"__proto__"');
    expect(incidents[1]!.message).toContain('"constructor"');
    // The whole record ("", RFC 6901) or the key itself.
    expect(["", "/__proto__"]).toContain(incidents[0]!.pointer);
    expect(["", "/constructor"]).toContain(incidents[1]!.pointer);
  });

  it("should not pollute Object.prototype when the Validator class reads __proto__ and constructor keys in process", () => {
    const payloads = [
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      tokenLine({}).replace(/}$/, ',"__proto__":{"polluted":"yes","language":"ar"}}'),
      tokenLine({}).replace(/}$/, ',"constructor":{"prototype":{"polluted":"yes"}}}'),
      '{"id":"x","__proto__":{"segments":[],"polluted":"yes"}}',
      '{"id":"x","document":"x","language":"ar","text":"نص","raw":"corpus/raw/x.txt","rawSha256":"' + "0".repeat(64) + '","__proto__":{"polluted":"yes"}}',
    ];
    const validator = new Validator({ reference: shipped });
    payloads.forEach((line, i) => validator.line("in-process.jsonl", i + 1, line));
    validator.finish();
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(({} as { constructor: { prototype: Record<string, unknown> } }).constructor.prototype.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(validator.counts)).toBe(Object.prototype);
    expect(validator.valid).toBe(false);
    // every payload is refused: records of unknown kind, or schema violations
    expect(new Set(validator.incidents.map((i) => i.line))).toEqual(new Set(payloads.map((_, i) => i + 1)));
    for (const i of validator.incidents) expect(["unknown-kind", "schema"]).toContain(i.check);
  });
});

describe("validate: hostile numbers and offsets", () => {
  const oneIncident = (name: string, check: string, pointer: string) => {
    const file = `${dir}/${name}`;
    const run = validate([file]);
    const [incident] = expectInvalid(run, { [check]: 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer });
    return incident!;
  };

  it("should report an end beyond 2^53 as out of bounds", () => {
    expect(linesOf(`${dir}/end-beyond-2-pow-53.jsonl`)[0]).toContain(`"end":${2n ** 53n + 1n}`);
    oneIncident("end-beyond-2-pow-53.jsonl", "offset-bounds", "/end");
  });

  it("should report a negative offset as a schema violation at its pointer", () => {
    oneIncident("start-negative.jsonl", "schema", "/start");
  });

  it("should report a fractional offset as a schema violation at its pointer", () => {
    oneIncident("start-fractional.jsonl", "schema", "/start");
  });

  it('should report the string "NaN" as an offset as a schema violation at its pointer', () => {
    oneIncident("start-nan-string.jsonl", "schema", "/start");
  });

  it("should report a bare NaN as a JSON syntax error at its column", () => {
    const file = `${dir}/start-bare-nan.jsonl`;
    const [line] = linesOf(file);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "json-syntax": 1 });
    expect(incident).toMatchObject({ file, line: 1, column: line!.indexOf("NaN") + 1 });
  });

  describe("text that V8 quotes in a syntax error", () => {
    /** C0 and C1 controls, DEL, the Unicode line and paragraph separators. */
    const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

    it("should keep each incident of a .json file on one printable line when V8's message quotes a line break", () => {
      const file = scratchFile("syntax-error-across-lines.json", "[1,\n2,\n]\n");
      const text = runCli(["validate", file]);
      expect(text.status).toBe(1);
      const lines = text.stdout.trimEnd().split("\n");
      expect(lines).toEqual([`${file}:3:1: error [json-syntax] expected one valid JSON value, found "]\\n" (Unexpected token ']', "[1,\\n2,\\n]\\n")`, expect.stringMatching(/^invalid: 1 incident/)]);
      const [incident] = expectInvalid(validate([file]), { "json-syntax": 1 });
      expect(incident!.message).not.toMatch(CONTROL);
    });

    it("should print a NUL in a JSONL line as an escape, never as the byte itself, in text and in JSON", () => {
      const file = scratchFile("nul.jsonl", `${tokenLine({})}\n{"a":\u0000}\n`);
      const text = runCli(["validate", file]);
      expect(text.stdout).not.toMatch(/\u0000/);
      expect(text.stdout.split("\n")[0]).toBe(`${file}:2:6: error [json-syntax] expected one valid JSON value, found "\\u0000}" (Unexpected token '\\u0000', "{"a":\\u0000}")`);
      const [incident] = expectInvalid(validate([file]), { "json-syntax": 1 });
      expect(incident!.message).not.toMatch(CONTROL);
    });

    it("should keep an incident on one line when the file name holds a line break, naming the file exactly in JSON", () => {
      const file = scratchFile("two\nlines.jsonl", '{"a":\n');
      const text = runCli(["validate", file]);
      expect(text.stdout.trimEnd().split("\n")).toEqual([expect.stringContaining(`two\\nlines.jsonl:1:6: error [json-syntax]`), expect.stringMatching(/^invalid: 1 incident/)]);
      const [incident] = expectInvalid(validate([file]), { "json-syntax": 1 });
      expect(incident!.file).toBe(file);
    });
  });

  it("should report 1e400 (Infinity once parsed) as an offset as a schema violation at its pointer", () => {
    oneIncident("end-1e400.jsonl", "schema", "/end");
  });

  it("should not describe an offset of 1e400 as null in its message", () => {
    const incident = oneIncident("end-1e400.jsonl", "schema", "/end");
    expect(incident.message).not.toMatch(/found null/);
    expect(incident.message).toMatch(/1e400|Infinity/);
  });

  it("should report end < start as out of bounds", () => {
    oneIncident("end-before-start.jsonl", "offset-bounds", "/end");
  });

  it("should report an end past the end of the document as out of bounds", () => {
    oneIncident("end-past-document.jsonl", "offset-bounds", "/end");
  });

  it("should accept a span ending exactly at the end of the document and report one ending one code point past it", () => {
    const doc = published.documents[0]!;
    const length = codePointLength(doc.text);
    const last = published.sentences.filter((s) => s.document === doc.id).at(-1)!;
    const token = published.tokens.filter((t) => t.sentence === last.id).at(-1)!;
    expect(token.end).toBe(length);
    const atEnd = validate([scratchFile("span-at-end.jsonl", `${JSON.stringify(token)}\n`)]);
    expect(atEnd.report.counts).toEqual({});
    expect(atEnd.status).toBe(0);
    const pastEnd = scratchFile("span-past-end.jsonl", `${JSON.stringify({ ...token, end: length + 1 })}\n`);
    const [incident] = expectInvalid(validate([pastEnd]), { "offset-bounds": 1 });
    expect(incident).toMatchObject({ file: pastEnd, line: 1, pointer: "/end" });
  });
});

describe("validate: offsets around astral characters and grapheme clusters (a small document of our own)", () => {
  const docText = (JSON.parse(linesOf(emojiBase[0]!)[0]!) as { text: string }).text;

  it("should hold a character outside the BMP, a two-code-point flag and a letter with shadda", () => {
    expect([...docText].some((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
    expect(docText).toContain("🇮🇶");
    expect(docText).toContain("\u0651");
  });

  it("should accept tokens at code-point offsets around them (control)", () => {
    const file = `${emoji}/tokens-at-code-point-offsets.jsonl`;
    const run = validate([...emojiBase, file], SPANS_ONLY);
    expect(run.report.counts).toEqual({});
    expect(run.status).toBe(0);
    expect(run.report.records).toBe(emojiBase.length + linesOf(file).filter(Boolean).length);
  });

  it("should report a token placed with UTF-16 offsets over an astral character (its text is not the text at those code points)", () => {
    const file = `${emoji}/token-at-utf16-offsets-over-emoji.jsonl`;
    const [incident] = expectInvalid(validate([...emojiBase, file], SPANS_ONLY), { "text-mismatch": 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/text" });
  });

  it("should report UTF-16 offsets that run past the end of the document in code points", () => {
    const file = `${emoji}/token-at-utf16-offsets-past-end.jsonl`;
    const token = JSON.parse(linesOf(file)[0]!) as { end: number };
    expect(token.end).toBe(docText.length);
    expect(token.end).toBeGreaterThan(codePointLength(docText));
    const [incident] = expectInvalid(validate([...emojiBase, file], SPANS_ONLY), { "offset-bounds": 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/end" });
  });

  it("should report a token holding half a surrogate pair: its text differs from the document and is not valid Unicode", () => {
    const file = `${emoji}/token-holding-half-a-surrogate-pair.jsonl`;
    const incidents = expectInvalid(validate([...emojiBase, file], SPANS_ONLY), { "text-mismatch": 1, utf8: 1 });
    for (const incident of incidents) expect(incident).toMatchObject({ file, line: 1, pointer: "/text" });
  });

  it("should report a span that ends between the two code points of a flag", () => {
    const file = `${emoji}/token-splitting-a-flag.jsonl`;
    const [incident] = expectInvalid(validate([...emojiBase, file], SPANS_ONLY), { "grapheme-boundary": 1 });
    // The end is at fault: it points there.
    expect(incident).toMatchObject({ file, line: 1, pointer: "/end" });
  });

  it("should report spans that separate a shadda from its letter, on either side", () => {
    const file = `${emoji}/tokens-splitting-shadda-from-its-letter.jsonl`;
    const incidents = expectInvalid(validate([...emojiBase, file], SPANS_ONLY), { "grapheme-boundary": 2 });
    expect(incidents.map((i) => [i.file, i.line])).toEqual([
      [file, 1],
      [file, 2],
    ]);
  });
});

describe("validate: grapheme clusters that are not a letter and its marks (a small document of our own)", () => {
  const docText = (JSON.parse(linesOf(graphemeBase[0]!)[0]!) as { text: string }).text;
  const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });
  /** Code-point offsets at which the whole text has a grapheme boundary. */
  const boundaries = new Set([...segmenter.segment(docText)].map((s) => codePointLength(docText.slice(0, s.index))).concat(codePointLength(docText)));

  it("should accept tokens that start and end between clusters (control)", () => {
    const file = `${graphemes}/tokens-on-cluster-boundaries.jsonl`;
    for (const line of linesOf(file).filter(Boolean)) {
      const t = JSON.parse(line) as { start: number; end: number };
      expect(boundaries.has(t.start) && boundaries.has(t.end), line).toBe(true);
    }
    const run = validate([...graphemeBase, file], SPANS_ONLY);
    expect(run.report.counts).toEqual({});
    expect(run.status).toBe(0);
  });

  it.each([
    "token-ending-between-cr-and-lf.jsonl",
    "token-ending-inside-thai-sara-am.jsonl",
    "token-ending-inside-the-second-flag-of-a-run.jsonl",
    "token-ending-inside-the-tenth-flag-of-a-run.jsonl",
    "token-ending-inside-halfwidth-katakana-with-voiced-mark.jsonl",
  ])("should report a span boundary inside a cluster: %s", (name) => {
    const file = `${graphemes}/${name}`;
    const token = JSON.parse(linesOf(file)[0]!) as { end: number };
    expect(boundaries.has(token.end), "the fixture's end lies inside a cluster").toBe(false);
    const [incident] = expectInvalid(validate([...graphemeBase, file], SPANS_ONLY), { "grapheme-boundary": 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/end" });
  });
});

describe("validate: counting every incident", () => {
  it("should report an error on each line of a file with one kind of error per line, never stopping at the first", () => {
    const file = `${dir}/one-error-per-line.jsonl`;
    const run = validate([file]);
    const incidents = expectInvalid(run, { "json-syntax": 1, "blank-line": 1, "duplicate-key": 1, schema: 1, "text-mismatch": 1, utf8: 1 });
    const byLine = Object.fromEntries(incidents.map((i) => [i.line, i.check]));
    expect(byLine).toEqual({ 1: "json-syntax", 2: "blank-line", 3: "duplicate-key", 4: "schema", 6: "text-mismatch", 7: "utf8" });
    // lines 3 to 6 parse as JSON records; lines 1, 2 and 7 do not
    expect(run.report.records).toBe(4);
  });

  describe("many errors in one file", () => {
    const count = 250;
    const lines = Array.from({ length: count }, (_, i) => tokenLine({ id: `${firstToken.sentence}/t${i + 1}`, kind: "noun" }));
    const file = scratchFile("250-schema-errors.jsonl", `${lines.join("\n")}\n`);

    it("should count all of them and print the first 100 by default", () => {
      const run = validate([file]);
      expectInvalid(run, { schema: count });
      expect(run.report.records).toBe(count);
      expect(run.report.incidents).toHaveLength(100);
      expect(run.report.truncated).toBe(true);
      expect(run.report.incidents.map((i) => i.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it("should print only --max-errors of them but still count all", () => {
      const run = validate([file], ["--max-errors", "7"]);
      expectInvalid(run, { schema: count });
      expect(run.report.incidents.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(run.report.truncated).toBe(true);
    });

    it("should stay invalid with --max-errors 0, printing none", () => {
      const run = validate([file], ["--max-errors", "0"]);
      expectInvalid(run, { schema: count });
      expect(run.report.incidents).toEqual([]);
      expect(run.report.truncated).toBe(true);
    });

    it("should not truncate when --max-errors exceeds the count", () => {
      const run = validate([file], ["--max-errors", "1000"]);
      expect(run.report.incidents).toHaveLength(count);
      expect(run.report.truncated).toBe(false);
    });

    it("should say in the text format how many incidents were not shown, and count all in the summary", () => {
      const result = runCli(["validate", "--max-errors", "7", file]);
      expect(result.status).toBe(1);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      const out = result.stdout.trim().split("\n");
      expect(out.filter((l) => l.startsWith(`${file}:`))).toHaveLength(7);
      expect(result.stdout).toContain(`${count - 7} more incidents not shown`);
      expect(out.at(-1)).toMatch(new RegExp(`^invalid: ${count} incidents in ${count} records \\(schema ${count}\\)$`));
    });
  });
});

describe("validate: huge and deep input", () => {
  const MB50 = 50 * 1024 * 1024;
  /** 50 MB of Arabic letters (two bytes each in UTF-8). */
  const huge = () => "ا".repeat(MB50 / 2);

  it("should report a JSON syntax error at its column in a 50 MB single line, without crashing", { timeout: 180_000 }, () => {
    const line = `{"id":"${firstToken.id}","text":"${huge()}" x}`;
    const file = scratchFile("50mb-syntax-error.jsonl", `${line}\n`);
    expect(statSync(file).size).toBeGreaterThan(MB50);
    const [incident] = expectInvalid(validate([file]), { "json-syntax": 1 });
    expect(incident).toMatchObject({ file, line: 1, column: line.lastIndexOf("x}") + 1 });
    rmSync(file);
  });

  it("should report a schema error in a 50 MB single line, quoting only a short piece of the huge value", { timeout: 180_000 }, () => {
    const file = scratchFile("50mb-kind.jsonl", `${tokenLine({ kind: huge() })}\n`);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { schema: 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/kind" });
    expect(incident!.message.length).toBeLessThan(1000);
    rmSync(file);
  });

  it("should report a 50 MB text that does not match the document, keeping the report short", { timeout: 180_000 }, () => {
    const file = scratchFile("50mb-text.jsonl", `${tokenLine({ text: huge() })}\n`);
    const run = validate([file]);
    const [incident] = expectInvalid(run, { "text-mismatch": 1 });
    expect(incident).toMatchObject({ file, line: 1, pointer: "/text" });
    expect(incident!.message.length, "an incident message that echoes the whole 50 MB value").toBeLessThan(1000);
    rmSync(file);
  });

  // The reader takes 1 MiB chunks: line 1 ends just before, at or after a chunk boundary, or a
  // two-byte letter of it straddles the boundary (+3).
  it.each([-1, 0, 1, 3, 4].map((delta) => [delta < 0 ? `${delta}` : `+${delta}`, delta] as const))(
    "should keep line numbers and multi-byte characters intact when line 1 is 1 MiB %s bytes long",
    (_label, delta) => {
      const entity = (note: string, type = "GPE") => JSON.stringify({ id: "chunk-boundary", type, canonical: "بغداد", english: "Baghdad", note });
      const target = (1 << 20) + delta;
      const bare = Buffer.byteLength(entity(""));
      const room = target - bare;
      const note = `${"x".repeat(room % 2)}${"ب".repeat(Math.floor(room / 2))}`;
      const first = entity(note);
      expect(Buffer.byteLength(first)).toBe(target);
      const file = scratchFile(`chunk-boundary${delta}.jsonl`, `${first}\n{\n${entity("ملاحظة", "CITY").replace("chunk-boundary", "chunk-boundary-2")}\n`);
      const run = validate([file], ["--no-corpus"]);
      const incidents = expectInvalid(run, { "json-syntax": 1, schema: 1 });
      expect(incidents.map((i) => [i.check, i.line])).toEqual([
        ["json-syntax", 2],
        ["schema", 3],
      ]);
      expect(run.report.records).toBe(2);
    },
  );

  const depth = 100_000;

  it("should report 100k nested arrays in a tokens file as one error naming line 1, without a stack overflow", () => {
    const file = scratchFile("deeply-nested-arrays.tokens.jsonl", `${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const run = validate([file]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.incidents).toHaveLength(1);
    expect(["schema", "json-syntax"]).toContain(run.report.incidents[0]!.check);
    expect(run.report.incidents[0]).toMatchObject({ file, line: 1 });
  });

  it("should report 100k nested arrays in a file of unknown type as unknown-kind on line 1", () => {
    const file = scratchFile("deeply-nested-arrays.jsonl", `${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const [incident] = expectInvalid(validate([file]), { "unknown-kind": 1 });
    expect(incident).toMatchObject({ file, line: 1 });
  });

  it("should report 100k unclosed nested arrays as a JSON syntax error at the end of the line, without a stack overflow", () => {
    const line = "[".repeat(depth);
    const file = scratchFile("deeply-nested-unclosed.jsonl", `${line}\n`);
    const [incident] = expectInvalid(validate([file]), { "json-syntax": 1 });
    expect(incident).toMatchObject({ file, line: 1, column: line.length + 1 });
  });

  it("should report 100k nested objects in a tokens file as errors on line 1 only, without a stack overflow", () => {
    const file = scratchFile("deeply-nested-objects.tokens.jsonl", `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}\n`);
    const run = validate([file]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.incidents.length).toBeGreaterThan(0);
    for (const i of run.report.incidents) {
      expect(["schema", "json-syntax"]).toContain(i.check);
      expect(i).toMatchObject({ file, line: 1 });
    }
  });

  it("should report 100k nested arrays in a .json file as an error, without a stack overflow", () => {
    const file = scratchFile("deeply-nested.tokens.json", `${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const run = validate([file]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.incidents.length).toBeGreaterThan(0);
  });
});

describe("validate: invalid data is never reported valid", () => {
  it("should report a token whose sentence belongs to another paragraph than the token's", () => {
    const file = `${dir}/token-in-a-sentence-of-another-paragraph.jsonl`;
    const token = JSON.parse(linesOf(file)[0]!) as { paragraph: string; sentence: string };
    expect(published.sentences.find((s) => s.id === token.sentence)!.paragraph).not.toBe(token.paragraph);
    // Its id names the sentence of its paragraph, which its sentence field does not: two findings.
    const incidents = expectInvalid(validate([file]), { "id-fields": 1, "missing-sentence": 1 });
    expect(incidents.find((i) => i.check === "missing-sentence")).toMatchObject({ file, line: 1, pointer: "/sentence" });
  });

  it("should find every hostile fixture invalid (in process, against the shipped corpus)", async () => {
    const controls = new Set(["documents.jsonl", "paragraphs.jsonl", "sentences.jsonl", "tokens-at-code-point-offsets.jsonl", "tokens-on-cluster-boundaries.jsonl"]);
    const fixtures = [
      ...readdirSync(dir).filter((f) => !statSync(join(dir, f)).isDirectory()).map((f) => ({ files: [join(dir, f)], name: f })),
      ...readdirSync(emoji).filter((f) => !controls.has(f)).map((f) => ({ files: [...emojiBase, join(emoji, f)], name: f })),
      ...readdirSync(graphemes).filter((f) => !controls.has(f)).map((f) => ({ files: [...graphemeBase, join(graphemes, f)], name: f })),
    ];
    expect(fixtures.length).toBeGreaterThan(20);
    const validVerdicts: string[] = [];
    for (const { files, name } of fixtures) {
      const { validator } = await validateFiles(files, { reference: shipped });
      if (validator.valid) validVerdicts.push(name);
      for (const i of validator.incidents) expect(Object.keys(checks)).toContain(i.check);
    }
    expect(validVerdicts, "hostile fixtures reported valid").toEqual([]);
  });
});
