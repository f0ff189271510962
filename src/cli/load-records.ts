import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { detectKind, kindFromFileName } from "../record-kinds.js";
import { unstatable } from "../validate/unstatable.js";
import { shown, valueAt } from "../validate/validator.js";

/** Records by kind name (`entity-mention`, `stance`, …). */
export type RecordsByKind = Map<string, Array<Record<string, unknown>>>;

/** The JSONL files a path stands for: a file, a folder of JSONL, or a package root with corpus/data. */
export function jsonlFilesOf(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new Error(`${path}: expected a file or folder, found ${unstatable(path, error as NodeJS.ErrnoException)}`);
  }
  if (stat.isFile()) return [path];
  const data = existsSync(join(path, "corpus/data")) ? join(path, "corpus/data") : path;
  const files = readdirSync(data).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(data, f));
  if (files.length === 0) throw new Error(`${path}: expected JSONL files (or corpus/data/*.jsonl), found none`);
  return files;
}

/**
 * The version in a package root's package.json (a folder holding corpus/data), for diff to name
 * the next version; undefined for a data folder or file, or a root without package.json.
 */
export function packageVersionOf(path: string): string | undefined {
  const manifest = join(path, "package.json");
  if (!existsSync(join(path, "corpus/data")) || !existsSync(manifest)) return undefined;
  let version: unknown;
  try {
    version = (JSON.parse(read(manifest)) as { version?: unknown } | null)?.version;
  } catch (error) {
    throw new Error(`${manifest}: expected JSON, found ${(error as Error).message}`);
  }
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+/.test(version)) throw new Error(`${manifest}: expected a "version" such as 0.1.0, found ${shown(version)}`);
  return version;
}

export interface LoadOptions {
  /**
   * Kinds whose records must satisfy their schema, for a caller that reads their fields as typed
   * (agree, stats): a record missing one would otherwise fail deep inside it, with no file or
   * line, or be counted under "undefined".
   */
  checked?: ReadonlySet<string>;
  /** Every record must have a string id (diff pairs records by id: records without one would all pair as one). */
  ids?: boolean;
  /**
   * No two records of one kind may share an id (diff would keep only the last copy, agree would
   * count both).
   */
  unique?: boolean;
}

/** Reads every record of the files a path stands for, grouped by kind. */
export function loadRecords(path: string, options: LoadOptions = {}): RecordsByKind {
  const out: RecordsByKind = new Map();
  const seen = new Map<string, string>();
  for (const file of jsonlFilesOf(path)) {
    const fallback = kindFromFileName(file);
    read(file)
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() === "") return;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          throw new Error(`${file}:${i + 1}: expected a JSON record, found invalid JSON (${(error as Error).message.split(" in JSON")[0]}); run \`validate\` for details`);
        }
        // A file's name gives its records a kind even when they are not objects, and stats, diff
        // and agree read their fields: null would fail there with no file or line.
        if (!isObject(value)) throw new Error(`${file}:${i + 1}: expected a JSON object (a record), found ${describe(value, line)}`);
        const record = value;
        const kind = detectKind(record, fallback);
        if (!kind) throw new Error(`${file}:${i + 1}: expected a record of a known type (told by its id, its fields or the file name), found ${JSON.stringify(line.slice(0, 60))}`);
        if (options.checked?.has(kind.name) && !kind.validate(record)) {
          const e = kind.validate.errors![0]!;
          throw new Error(`${file}:${i + 1}${e.instancePath ? ` ${e.instancePath}` : ""}: expected ${kind.type} to satisfy "${e.keyword}" (${e.message}), found ${shown(valueAt(record, e.instancePath))}; run \`validate\` for details`);
        }
        if (options.ids && typeof (record as { id?: unknown }).id !== "string") {
          throw new Error(`${file}:${i + 1} /id: expected a string id (records are compared by id), found ${shown((record as { id?: unknown }).id)}; run \`validate\` for details`);
        }
        const id = (record as { id?: unknown }).id;
        if (options.unique && typeof id === "string") {
          const key = `${kind.name}\u0000${id}`;
          const first = seen.get(key);
          if (first !== undefined) throw new Error(`${file}:${i + 1} /id: expected ids unique among the ${kind.name} records, found ${JSON.stringify(id)} again (first at ${first})`);
          seen.set(key, `${file}:${i + 1}`);
        }
        const list = out.get(kind.name) ?? [];
        list.push(record);
        out.set(kind.name, list);
      });
  }
  return out;
}

/** A file's text; node's own error would name neither what was expected nor, for some codes, the file. */
function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: expected a readable file, found ${unstatable(file, error as NodeJS.ErrnoException)}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON value that is not an object, named by its type and quoted from its line. */
function describe(value: unknown, line: string): string {
  if (value === null) return "null";
  const type = Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : "a boolean";
  const text = line.trim();
  return `${type}, ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}
