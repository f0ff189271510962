import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { BANNER } from "./banner.js";
import { parquetSchema } from "./parquet-schema.js";
import type { ObjectShape, Shape } from "./schema-shape.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Throws unless `value` fits the column shape. The writer would otherwise coerce or drop what does
 * not fit (an unknown property simply has no column), and a Parquet file that silently lost data
 * is worse than a failed build. Returns the value's rough size (string characters, 8 for any other
 * value), which bounds the memory of a row group.
 */
function check(value: unknown, shape: Shape, required: boolean, where: string): number {
  if (value === undefined || value === null) {
    if (required) throw new Error(`${where}: expected a value (the schema requires it), found ${value === null ? "null" : "none"}`);
    return 0;
  }
  const fail = (expected: string): never => {
    throw new Error(`${where}: expected ${expected}, found ${JSON.stringify(value)}`);
  };
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string") fail("a string");
      return (value as string).length;
    case "integer":
      if (!Number.isInteger(value) || (value as number) < INT32_MIN || (value as number) > INT32_MAX) fail("an integer that fits in 32 bits");
      return 8;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) fail("a finite number");
      return 8;
    case "boolean":
      if (typeof value !== "boolean") fail("a boolean");
      return 8;
    case "array": {
      if (!Array.isArray(value)) fail("an array");
      let size = 8;
      (value as unknown[]).forEach((item, i) => (size += check(item, shape.items, true, `${where}[${i}]`)));
      return size;
    }
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) fail("an object");
      const record = value as Record<string, unknown>;
      const known = new Set(shape.properties.map((p) => p.name));
      const unknown = Object.keys(record).filter((k) => !known.has(k));
      if (unknown.length > 0) fail(`only the schema's properties (${[...known].join(", ")}), not ${unknown.join(", ")}`);
      let size = 8;
      for (const p of shape.properties) size += check(record[p.name], p.shape, p.required, `${where}.${p.name}`);
      return size;
    }
  }
}

/**
 * Rows per row group: the first group, then every later one. A row group is held in memory until
 * it is written, so the later groups are 10,000 rows where hyparquet-writer's default is 100,000:
 * that keeps the build's memory small and independent of the corpus size. Tables of up to 1,000
 * rows (all of today's) are one row group either way.
 */
const ROW_GROUP_ROWS = [1000, 10_000] as const;
/**
 * A row group is also closed once its records' rough size (see check) reaches this many
 * characters, to bound memory when records are large (whole documents).
 */
const ROW_GROUP_SIZE = 16 * 2 ** 20;
/** How many encoded bytes the writer collects before passing them on. */
const FLUSH_BYTES = 1 << 20;

/** hyparquet-writer's in-memory writer, passing its bytes on whenever a megabyte has collected. */
class PassingWriter extends ByteWriter {
  constructor(private readonly sink: (bytes: Uint8Array) => void) {
    super();
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    if (this.index === 0) return;
    this.sink(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/**
 * One Parquet file, written a row group at a time: columns and types from the record schema's
 * shape, rows in the order added. Snappy, no timestamps and a fixed `created_by`, so the bytes
 * depend only on the data.
 */
export class ParquetTable {
  readonly #writer: ParquetWriter;
  readonly #shape: ObjectShape;
  readonly #where: string;
  #rows: Array<Record<string, unknown>> = [];
  #size = 0;
  #added = 0;
  #groups = 0;

  constructor(name: string, schemaPath: string, shape: ObjectShape, version: string, sink: (bytes: Uint8Array) => void) {
    this.#shape = shape;
    this.#where = `corpus/data/${name}.jsonl`;
    this.#writer = new ParquetWriter({
      writer: new PassingWriter(sink),
      schema: parquetSchema(shape),
      createdBy: `arabic-news-corpus ${version}`,
      kvMetadata: [
        { key: "arabic-news-corpus.generated", value: BANNER },
        { key: "arabic-news-corpus.schema", value: schemaPath },
        { key: "arabic-news-corpus.source", value: this.#where },
      ],
    });
  }

  /** Adds one record (the next row). */
  add(record: object): void {
    this.#added++;
    this.#size += check(record, this.#shape, true, `${this.#where} record ${this.#added}`);
    this.#rows.push(record as Record<string, unknown>);
    const limit = ROW_GROUP_ROWS[Math.min(this.#groups, ROW_GROUP_ROWS.length - 1)]!;
    if (this.#rows.length >= limit || this.#size >= ROW_GROUP_SIZE) this.#writeGroup();
  }

  /** Writes the last row group and the footer. */
  finish(): void {
    this.#writeGroup();
    void this.#writer.finish();
  }

  #writeGroup(): void {
    const rows = this.#rows;
    if (rows.length === 0) return;
    void this.#writer.write({ columnData: this.#shape.properties.map((p) => ({ name: p.name, data: rows.map((r) => r[p.name] ?? null) })), rowGroupSize: rows.length });
    this.#rows = [];
    this.#size = 0;
    this.#groups++;
  }
}
