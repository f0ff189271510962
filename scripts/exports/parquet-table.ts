import { parquetWriteBuffer } from "hyparquet-writer";
import { BANNER } from "./banner.js";
import { parquetSchema } from "./parquet-schema.js";
import type { ObjectShape, Shape } from "./schema-shape.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Throws unless `value` fits the column shape. The writer would otherwise coerce or drop what does
 * not fit (an unknown property simply has no column), and a Parquet file that silently lost data
 * is worse than a failed build.
 */
function check(value: unknown, shape: Shape, required: boolean, where: string): void {
  if (value === undefined || value === null) {
    if (required) throw new Error(`${where}: expected a value (the schema requires it), found ${value === null ? "null" : "none"}`);
    return;
  }
  const fail = (expected: string): never => {
    throw new Error(`${where}: expected ${expected}, found ${JSON.stringify(value)}`);
  };
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string") fail("a string");
      return;
    case "integer":
      if (!Number.isInteger(value) || (value as number) < INT32_MIN || (value as number) > INT32_MAX) fail("an integer that fits in 32 bits");
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) fail("a finite number");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("a boolean");
      return;
    case "array":
      if (!Array.isArray(value)) fail("an array");
      (value as unknown[]).forEach((item, i) => check(item, shape.items, true, `${where}[${i}]`));
      return;
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) fail("an object");
      const record = value as Record<string, unknown>;
      const known = new Set(shape.properties.map((p) => p.name));
      const unknown = Object.keys(record).filter((k) => !known.has(k));
      if (unknown.length > 0) fail(`only the schema's properties (${[...known].join(", ")}), not ${unknown.join(", ")}`);
      for (const p of shape.properties) check(record[p.name], p.shape, p.required, `${where}.${p.name}`);
      return;
    }
  }
}

/**
 * One Parquet file of `records`, columns and types from the record schema's shape, rows in the
 * given order. Snappy, no timestamps and a fixed `created_by`, so the bytes depend only on the data.
 */
export function parquetTable(name: string, schemaPath: string, shape: ObjectShape, records: readonly object[], version: string): Uint8Array {
  records.forEach((r, i) => check(r, shape, true, `corpus/data/${name}.jsonl record ${i + 1}`));
  const rows = records as ReadonlyArray<Record<string, unknown>>;
  const buffer = parquetWriteBuffer({
    columnData: shape.properties.map((p) => ({ name: p.name, data: rows.map((r) => r[p.name] ?? null) })),
    schema: parquetSchema(shape),
    createdBy: `arabic-news-corpus ${version}`,
    kvMetadata: [
      { key: "arabic-news-corpus.generated", value: BANNER },
      { key: "arabic-news-corpus.schema", value: schemaPath },
      { key: "arabic-news-corpus.source", value: `corpus/data/${name}.jsonl` },
    ],
  });
  return new Uint8Array(buffer);
}
