import { parse as parseTolerant, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { RecordValidator } from "../../src/generated/validators.js";
import { BuildError } from "./build-error.js";
import { decodeUtf8, readBytes } from "./read-file.js";

function readText(path: string): string {
  return decodeUtf8(path, readBytes(path, "the file to exist"));
}

/** "line:column" (1-based) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

/**
 * Parses JSON, turning a syntax error into file:line:column with what was expected and found.
 * JSON.parse does the parsing; on failure jsonc-parser (in strict settings) locates the error,
 * since V8's messages do not always give a position.
 */
export function parseJson(path: string, text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first ? first.offset : text.length;
    const [line, column] = lineColumn(text, offset).split(":").map(Number);
    const found = offset < text.length ? JSON.stringify(text.slice(offset, offset + 12)) : "the end of the input";
    const expected = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : (error as Error).message;
    throw new BuildError(path, `${line! + lineOffset}:${column}`, `expected valid JSON (${expected}), found ${found}`);
  }
}

/** Every schema error of the last validation, one per line, each with its JSON pointer. */
function schemaErrors(validate: RecordValidator<unknown>, path: string, line?: number): BuildError {
  const problems = (validate.errors ?? []).map((e) => {
    const detail =
      e.keyword === "additionalProperties" ? `, found property ${JSON.stringify(e.params.additionalProperty)}`
      : e.keyword === "enum" ? ` ${JSON.stringify(e.params.allowedValues)}`
      : "";
    return `${e.instancePath || "/"}: expected the value to satisfy the schema rule "${e.keyword}" (${e.message}${detail})`;
  });
  const place = line === undefined ? undefined : `${line}`;
  return new BuildError(path, place, problems.join(`\n${path}${place ? `:${place}` : ""}: `));
}

/** Reads and validates a JSON file; errors name the file and the JSON pointer. */
export function readJsonFile<T>(path: string, validate: RecordValidator<T>): T {
  const text = readText(path);
  const data = parseJson(path, text);
  if (!validate(data)) throw schemaErrors(validate as RecordValidator<unknown>, path);
  return data;
}

/**
 * Reads and validates a JSONL file; each record comes with its 1-based line number. The last line
 * may end without an LF, as JSON Lines allows and as `validate` accepts: a contributor whose file
 * passes `validate` must not then see the build refuse it.
 */
export function readJsonLines<T>(path: string, validate: RecordValidator<T>): Array<{ line: number; record: T }> {
  const text = readText(path);
  const out: Array<{ line: number; record: T }> = [];
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    if (index === lines.length - 1 && raw === "") return;
    const line = index + 1;
    if (raw.trim() === "") throw new BuildError(path, `${line}:1`, "expected one JSON value per line, found an empty line");
    const data = parseJson(path, raw, index);
    if (!validate(data)) throw schemaErrors(validate as RecordValidator<unknown>, path, line);
    out.push({ line, record: data });
  });
  return out;
}
