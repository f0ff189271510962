import { createReadStream, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { detectKind, kindFromFileName, recordKinds, type RecordKind } from "../record-kinds.js";
import { jsonErrorOffset, syntaxReason } from "./json-error.js";
import { printable } from "./printable.js";
import { duplicateKeyMessage, forEachDuplicateKey } from "./scan-keys.js";
import { NOT_JSON, Validator, type ValidatorOptions } from "./validator.js";
import { JsonLinesReader, limitReason, MAX_LINE_BYTES } from "./json-lines-reader.js";
import { FileLines } from "./file-lines.js";
import { unstatable } from "./unstatable.js";
import { checkManifestFiles } from "./manifest-files.js";
import type { Manifest } from "../generated/types.js";

export interface FileValidation {
  validator: Validator;
  files: string[];
  /** Whether some input could not be read at all (exit code 2), as opposed to invalid data. */
  unreadable: boolean;
}

interface InputError {
  path: string;
  message: string;
}

/** Expands globs; a plain path that does not exist is reported, not silently dropped. */
export async function expandInputs(patterns: string[]): Promise<{ files: string[]; ioErrors: InputError[] }> {
  const files: string[] = [];
  const ioErrors: InputError[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      // An absolute pattern gives absolute paths, as typed; tinyglobby would make them relative to the working folder.
      const found = (await glob(pattern, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(pattern) })).sort();
      if (found.length === 0) ioErrors.push({ path: pattern, message: "expected the pattern to match files, found none" });
      files.push(...found);
      continue;
    }
    let stat;
    try {
      stat = statSync(pattern);
    } catch (error) {
      ioErrors.push({ path: pattern, message: `expected a file, found ${unstatable(pattern, error as NodeJS.ErrnoException)}` });
      continue;
    }
    if (stat.isDirectory()) ioErrors.push({ path: pattern, message: `expected a file, found a directory (give a glob such as ${pattern}/*.jsonl)` });
    else files.push(pattern);
  }
  // One path named twice (a glob and the path, "data/x" and "./data/x") is read once, as first
  // named: read twice, its every record would be a duplicate id. A link is a name of its own.
  const seen = new Set<string>();
  return { files: files.filter((file) => !seen.has(resolve(file)) && Boolean(seen.add(resolve(file)))), ioErrors };
}

const rank = (kind: RecordKind | undefined) => (kind ? recordKinds.indexOf(kind) : recordKinds.length);

/** The kind of a file's records, from its name or else its first line, for ordering files. */
async function peekKind(path: string): Promise<RecordKind | undefined> {
  const byName = kindFromFileName(path);
  if (byName) return byName;
  // A file that cannot be read is reported when it is opened; here it just has no kind.
  try {
    const stream = createReadStream(path, { start: 0, end: 65535 });
    let head = "";
    for await (const chunk of stream) head += chunk.toString("utf8");
    return detectKind(JSON.parse(head.split("\n")[0] ?? ""));
  } catch {
    return undefined;
  }
}

/** Kinds whose records belong to one document each (they have a `document` field). */
const GROUPED = new Set(["paragraph", "sentence", "token", "entity-mention", "stance", "sentence-stance"]);

/** What validateFiles takes besides the Validator's options. */
export interface FileOptions {
  onProgress?: (records: number, file: string) => void;
  /**
   * Lines (JSONL) and files (JSON) of more bytes are reported as line-too-long and not parsed.
   * Default and most: MAX_LINE_BYTES, the longest text a JavaScript string can hold.
   */
  maxLineBytes?: number;
}

/**
 * Validates files in streaming fashion: JSONL is read in chunks and split into lines on the LF
 * byte, so memory does not grow with the file. Files are taken in dependency order (documents
 * before sentences before mentions) so that reference checks rarely need to wait, and the files
 * of per-document records are read in step with the documents: after each document, the records
 * of that document that follow in each file are validated, so that the document's text is at hand
 * and records that come grouped by document (as published) are checked one document at a time.
 * Any order is valid; in other orders, records whose document or references are not at hand
 * are checked at the end from their lines read again, grouped by document. Incidents come out
 * ordered by file (in the order taken) and line.
 */
export async function validateFiles(patterns: string[], options: ValidatorOptions & FileOptions = {}): Promise<FileValidation> {
  const { files, ioErrors } = await expandInputs(patterns);
  const maxLine = Math.min(options.maxLineBytes ?? MAX_LINE_BYTES, MAX_LINE_BYTES);
  const source = new FileLines(maxLine);
  const validator = new Validator({ ...options, source });
  for (const e of ioErrors) validator.report("file-unreadable", { file: e.path }, e.message);
  const kinds = new Map<string, RecordKind | undefined>();
  for (const file of files) kinds.set(file, options.kind ?? (await peekKind(file)));
  const ordered = [...files].sort((a, b) => rank(kinds.get(a)) - rank(kinds.get(b)));
  const documents: string[] = [];
  const grouped: string[] = [];
  const other: string[] = [];
  for (const file of ordered) {
    const kind = kinds.get(file)?.name ?? "";
    (file.endsWith(".json") ? other : kind === "document" ? documents : GROUPED.has(kind) ? grouped : other).push(file);
  }
  const progress = options.onProgress;
  const streams: GroupedFile[] = [];
  try {
    for (const file of other) {
      if (file.endsWith(".json")) await validateJsonFile(validator, file, kindFromFileName(file), maxLine);
      else {
        const reader = open(validator, file, maxLine);
        if (!reader) continue;
        const stream = new GroupedFile(validator, reader, progress);
        streams.push(stream);
        await stream.drain(null);
      }
    }
    const grouped0 = streams.length;
    for (const file of grouped) {
      const reader = open(validator, file, maxLine);
      if (reader) streams.push(new GroupedFile(validator, reader, progress));
    }
    const inStep = streams.slice(grouped0);
    for (const file of documents) {
      const reader = open(validator, file, maxLine);
      if (!reader) continue;
      // Listed only to be closed with the others.
      streams.push(new GroupedFile(validator, reader, progress));
      const fallback = kindFromFileName(file);
      for (;;) {
        if (!reader.next()) {
          if (await reader.fill()) continue;
          break;
        }
        const value = validator.parseLine(file, reader.line, reader.text);
        if (value === NOT_JSON) continue;
        validator.recordLine(file, reader.line, value, fallback, reader.locate);
        const id = (value as { id?: unknown } | null)?.id;
        if (typeof id === "string") for (const stream of inStep) await stream.drain(id);
        if ((reader.line & 0x3ff) === 0) progress?.(validator.records, file);
      }
      if (!reader.sawBytes && reader.readToEnd) validator.report("empty-file", { file }, "expected at least one JSON record, found an empty file");
    }
    for (const stream of inStep) await stream.drain(null);
  } finally {
    for (const stream of streams) await stream.close();
  }
  try {
    validator.finish();
  } finally {
    source.close();
  }
  const position = new Map(ordered.map((file, i) => [file, i]));
  const at = (incident: { file: string; line?: number }) => [position.get(incident.file) ?? (incident.file.startsWith("(") ? ordered.length : -1), incident.line ?? 0] as const;
  validator.incidents.sort((a, b) => {
    const [fa, la] = at(a);
    const [fb, lb] = at(b);
    return fa - fb || la - lb;
  });
  // Exit 2 for input that could not be read, found before (a path) or while reading (EIO).
  return { validator, files: ordered, unreadable: ioErrors.length > 0 || (validator.counts["file-unreadable"] ?? 0) > 0 };
}

function open(validator: Validator, file: string, maxLine: number): JsonLinesReader | null {
  try {
    return new JsonLinesReader(file, (check, place, message) => validator.report(check, place, message), maxLine);
  } catch (error) {
    unreadableFile(validator, file, error);
    return null;
  }
}

/** Reports a file that could not be read: the others are still checked. */
function unreadableFile(validator: Validator, file: string, error: unknown): void {
  validator.report("file-unreadable", { file }, `expected a readable file, found ${(error as NodeJS.ErrnoException).code ?? "an error"} (${printable((error as Error).message)})`);
}

/**
 * A JSONL file read in step with the documents: drain(id) validates its records up to the first
 * one of a document not seen yet, which waits for that document (or for the end: drain(null)).
 */
class GroupedFile {
  readonly #validator: Validator;
  readonly #reader: JsonLinesReader;
  readonly #fallback: RecordKind | undefined;
  readonly #progress: ((records: number, file: string) => void) | undefined;
  /** A record read but not validated yet: it waits for its document. */
  #heldLine = 0;
  #held: unknown = NOT_JSON;
  #done = false;

  constructor(validator: Validator, reader: JsonLinesReader, progress?: (records: number, file: string) => void) {
    this.#validator = validator;
    this.#reader = reader;
    this.#fallback = kindFromFileName(reader.file);
    this.#progress = progress;
  }

  /** Validates records while they belong to `document` or to a document already seen (all: null). */
  async drain(document: string | null): Promise<void> {
    while (!this.#done) {
      if (this.#held === NOT_JSON && !this.#read()) {
        if (await this.#reader.fill()) continue;
        this.#finish();
        return;
      }
      if (this.#held === NOT_JSON) continue;
      const of = (this.#held as { document?: unknown } | null)?.document;
      if (document !== null && typeof of === "string" && of !== document && !this.#validator.hasDocument(of)) return;
      this.#validator.recordLine(this.#reader.file, this.#heldLine, this.#held, this.#fallback, this.#reader.locate);
      this.#held = NOT_JSON;
    }
  }

  /** Reads the next line of the current chunk into #held; false when the chunk has no more. */
  #read(): boolean {
    const reader = this.#reader;
    if (!reader.next()) return false;
    this.#held = this.#validator.parseLine(reader.file, reader.line, reader.text);
    this.#heldLine = reader.line;
    if ((reader.line & 0x3fff) === 0) this.#progress?.(this.#validator.records, reader.file);
    return true;
  }

  async close(): Promise<void> {
    await this.#reader.close();
    this.#done = true;
  }

  #finish(): void {
    this.#done = true;
    if (!this.#reader.sawBytes && this.#reader.readToEnd) this.#validator.report("empty-file", { file: this.#reader.file }, "expected at least one JSON record, found an empty file");
    this.#progress?.(this.#validator.records, this.#reader.file);
  }
}

async function validateJsonFile(validator: Validator, file: string, fallback: RecordKind | undefined, maxLine: number): Promise<void> {
  // A file too long to decode is not read at all (3 bytes more for a BOM, not decoded).
  let size: number;
  let bytes: Buffer | null;
  try {
    size = statSync(file).size;
    bytes = size > maxLine + 3 ? null : await readFile(file);
  } catch (error) {
    // As for a JSONL file that cannot be opened: reported, and the other files are still checked.
    unreadableFile(validator, file, error);
    return;
  }
  const length = bytes ? bytes.length - (hasBom(bytes) ? 3 : 0) : size;
  if (length > maxLine) {
    validator.report("line-too-long", { file }, `expected a JSON file of at most ${maxLine} bytes (${limitReason(maxLine)}), found a file of ${length} bytes`);
    return;
  }
  const text = decode(validator, file, 1, bytes!, true);
  if (text === null) return;
  if (text.trim() === "") {
    validator.report("empty-file", { file }, "expected a JSON value, found an empty file");
    return;
  }
  const lineColumn = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  };
  const crlf = text.indexOf("\r\n");
  if (crlf !== -1) validator.report("crlf", { file, ...lineColumn(crlf) }, "expected LF line endings, found CRLF");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const offset = position ? Number(position[1]) : jsonErrorOffset(text);
    const found = offset >= text.length ? "the end of the file" : JSON.stringify(text.slice(offset, offset + 12));
    validator.report("json-syntax", { file, ...lineColumn(offset) }, `expected one valid JSON value, found ${found} (${syntaxReason(error as Error)})`);
    return;
  }
  // Repetitions come in text order: lines are counted on from the last one, not from the start.
  let line = 1;
  let lineStart = 0;
  forEachDuplicateKey(text, (d) => {
    for (let lf = text.indexOf("\n", lineStart); lf !== -1 && lf < d.offset; lf = text.indexOf("\n", lineStart)) {
      line++;
      lineStart = lf + 1;
    }
    validator.report("duplicate-key", { file, line, column: d.offset - lineStart + 1, ...(d.pointer ? { pointer: d.pointer } : {}) }, duplicateKeyMessage(d));
  });
  if (Array.isArray(value)) {
    if (value.length === 0) validator.report("empty-file", { file }, "expected at least one record, found an empty array");
    value.forEach((item, i) => validator.record(file, undefined, item, `/${i}`, fallback));
  } else {
    validator.record(file, 1, value, "", fallback);
    const kind = fallback ?? detectKind(value);
    if (kind?.name === "manifest" && validator.runs("manifest-files") && kind.validate(value)) {
      await checkManifestFiles(file, value as Manifest, (pointer, message) => validator.report("manifest-files", { file, pointer }, message));
    }
  }
}

/** Decodes one line's bytes as strict UTF-8; reports a BOM at the start of the file. */
function decode(validator: Validator, file: string, line: number, bytes: Uint8Array, first: boolean): string | null {
  let body = bytes;
  if (first && hasBom(bytes)) {
    validator.report("bom", { file, line: 1, column: 1 }, "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
    body = bytes.subarray(3);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    validator.report("utf8", { file, line }, "expected UTF-8 text, found an invalid byte sequence");
    return null;
  }
}

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
