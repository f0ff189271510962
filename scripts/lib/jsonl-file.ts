import type { RecordValidator } from "../../src/generated/validators.js";
import type { PublishedFile } from "../exports/export-input.js";
import { BuildError } from "./build-error.js";
import type { OutputFile } from "./output.js";

/** Throws unless `record` is valid; the failure names the file, the line and the JSON pointer. */
export function validateRecord(path: string, line: number, record: object, validate: RecordValidator<unknown>): void {
  if (validate(record)) return;
  const e = validate.errors![0]!;
  throw new BuildError(path, `${line}`, `${e.instancePath || "/"}: expected the record to satisfy "${e.keyword}" (${e.message}), found ${JSON.stringify(record).slice(0, 120)}`);
}

/** A published JSONL file written a record at a time: each record is validated, then written as one line. */
export class JsonlFile {
  #records = 0;

  constructor(
    private readonly file: OutputFile,
    private readonly validate: RecordValidator<unknown>,
  ) {}

  add(record: object): void {
    this.#records++;
    validateRecord(this.file.path, this.#records, record, this.validate);
    this.file.write(`${JSON.stringify(record)}\n`);
  }

  close(): PublishedFile {
    return { ...this.file.close(), records: this.#records };
  }
}
