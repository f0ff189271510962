import type { ExportInput } from "./export-input.js";
import { parquetTable } from "./parquet-table.js";
import { PUBLISHED_DATA } from "./published-data.js";
import { schemaShape } from "./schema-shape.js";

/**
 * `corpus/exports/parquet/<name>.parquet` for every published record type the input carries
 * (all but the offset maps), one row per JSONL record and one column per schema property.
 * Expects input in canonical order.
 */
export function parquetFiles(input: ExportInput): Record<string, Uint8Array> {
  const shapeOf = schemaShape(input.schemas);
  const files: Record<string, Uint8Array> = {};
  for (const { name, schema, records } of PUBLISHED_DATA) {
    if (!records) continue;
    files[`corpus/exports/parquet/${name}.parquet`] = parquetTable(name, schema, shapeOf(schema), records(input), input.version);
  }
  return files;
}
