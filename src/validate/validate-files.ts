import { isUtf8 } from "node:buffer";
import { createReadStream, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { glob, isDynamicPattern } from "tinyglobby";
import { detectKind, kindFromFileName, recordKinds, type RecordKind } from "../record-kinds.js";
import { jsonErrorOffset } from "./json-error.js";
import { firstDuplicateKey, keyTokensPerLine } from "./scan-keys.js";
import { Validator, type ValidatorOptions } from "./validator.js";

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
      const found = (await glob(pattern, { onlyFiles: true, expandDirectories: false })).sort();
      if (found.length === 0) ioErrors.push({ path: pattern, message: "expected the pattern to match files, found none" });
      files.push(...found);
      continue;
    }
    let stat;
    try {
      stat = statSync(pattern);
    } catch {
      ioErrors.push({ path: pattern, message: "expected a file, found nothing at that path" });
      continue;
    }
    if (stat.isDirectory()) ioErrors.push({ path: pattern, message: `expected a file, found a directory (give a glob such as ${pattern}/*.jsonl)` });
    else files.push(pattern);
  }
  return { files: [...new Set(files)], ioErrors };
}

const rank = (kind: RecordKind | undefined) => (kind ? recordKinds.indexOf(kind) : recordKinds.length);

/** The kind of a file's records, from its name or else its first line, for ordering files. */
async function peekKind(path: string): Promise<RecordKind | undefined> {
  const byName = kindFromFileName(path);
  if (byName) return byName;
  const stream = createReadStream(path, { start: 0, end: 65535 });
  let head = "";
  for await (const chunk of stream) head += chunk.toString("utf8");
  try {
    return detectKind(JSON.parse(head.split("\n")[0] ?? ""));
  } catch {
    return undefined;
  }
}

/**
 * Validates files in streaming fashion: JSONL is read in chunks and split into lines on the LF
 * byte, so memory does not grow with the file. Files are taken in dependency order (documents
 * before sentences before mentions) so that reference checks rarely need to wait.
 */
export async function validateFiles(patterns: string[], options: ValidatorOptions & { onProgress?: (records: number, file: string) => void } = {}): Promise<FileValidation> {
  const { files, ioErrors } = await expandInputs(patterns);
  const validator = new Validator(options);
  for (const e of ioErrors) validator.report("file-unreadable", { file: e.path }, e.message);
  const kinds = new Map<string, RecordKind | undefined>();
  for (const file of files) kinds.set(file, await peekKind(file));
  const ordered = [...files].sort((a, b) => rank(kinds.get(a)) - rank(kinds.get(b)));
  for (const file of ordered) {
    const fallback = kindFromFileName(file);
    if (file.endsWith(".json")) await validateJsonFile(validator, file, fallback);
    else await validateJsonLinesFile(validator, file, fallback, options.onProgress);
  }
  validator.finish();
  return { validator, files: ordered, unreadable: ioErrors.length > 0 };
}

async function validateJsonFile(validator: Validator, file: string, fallback: RecordKind | undefined): Promise<void> {
  const bytes = await readFile(file);
  const text = decode(validator, file, 1, bytes, true);
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
    validator.report("json-syntax", { file, ...lineColumn(offset) }, `expected one valid JSON value, found ${found} (${(error as Error).message.split(/ in JSON| is not valid/)[0]})`);
    return;
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) validator.report("duplicate-key", { file, ...lineColumn(duplicate.offset) }, `expected each key once per object, found ${JSON.stringify(duplicate.key)} twice`);
  if (Array.isArray(value)) {
    if (value.length === 0) validator.report("empty-file", { file }, "expected at least one record, found an empty array");
    value.forEach((item, i) => validator.record(file, undefined, item, `/${i}`, fallback));
  } else validator.record(file, 1, value, "", fallback);
}

/** Decodes one line's bytes as strict UTF-8; reports a BOM at the start of the file. */
function decode(validator: Validator, file: string, line: number, bytes: Uint8Array, first: boolean): string | null {
  let body = bytes;
  if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
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

async function validateJsonLinesFile(
  validator: Validator,
  file: string,
  fallback: RecordKind | undefined,
  onProgress?: (records: number, file: string) => void,
): Promise<void> {
  let line = 0;
  let sawBytes = false;
  // Complete lines are handed over a chunk at a time: one native UTF-8 check and one decode per
  // chunk; only a chunk with a bad byte is re-split line by line to name the bad line.
  const lines = (bytes: Buffer) => {
    if (line === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      validator.report("bom", { file, line: 1, column: 1 }, "expected UTF-8 without a byte-order mark, found a BOM (EF BB BF)");
      bytes = bytes.subarray(3);
    }
    if (isUtf8(bytes)) {
      const { tokens, spaced } = keyTokensPerLine(bytes);
      const texts = bytes.toString("utf8").split("\n");
      for (let i = 0; i < texts.length; i++) validator.line(file, ++line, texts[i]!, fallback, { tokens: tokens[i]!, spaced: spaced[i] === 1 });
    } else {
      let start = 0;
      for (;;) {
        const end = bytes.indexOf(0x0a, start);
        const part = bytes.subarray(start, end === -1 ? bytes.length : end);
        line++;
        if (isUtf8(part)) validator.line(file, line, part.toString("utf8"), fallback);
        else validator.report("utf8", { file, line }, "expected UTF-8 text, found an invalid byte sequence");
        if (end === -1) break;
        start = end + 1;
      }
    }
    onProgress?.(validator.records, file);
  };
  let parts: Buffer[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    sawBytes ||= chunk.length > 0;
    const last = chunk.lastIndexOf(0x0a);
    if (last === -1) {
      parts.push(chunk);
      continue;
    }
    lines(parts.length ? Buffer.concat([...parts, chunk.subarray(0, last)]) : chunk.subarray(0, last));
    parts = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
  }
  if (parts.length) lines(Buffer.concat(parts));
  if (!sawBytes) validator.report("empty-file", { file }, "expected at least one JSON record, found an empty file");
}
