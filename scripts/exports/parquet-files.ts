import type { Output, OutputFile } from "../lib/output.js";
import type { DocumentExport, ExportContext } from "./export-input.js";
import { ParquetTable } from "./parquet-table.js";
import { PUBLISHED_DATA } from "./published-data.js";
import { schemaShape } from "./schema-shape.js";

/**
 * `corpus/exports/parquet/<name>.parquet` for every published record type the exports carry (all
 * but the offset maps), one row per JSONL record and one column per schema property. The
 * corpus-wide tables (catalogue, targets) are written whole; the others grow a document at a time,
 * in canonical order.
 */
export class ParquetFiles {
  readonly #tables: Array<{ pick: (records: DocumentExport) => object[]; table: ParquetTable; file: OutputFile }> = [];

  constructor(output: Output, context: ExportContext) {
    const shapeOf = schemaShape(context.schemas);
    for (const { name, schema, records } of PUBLISHED_DATA) {
      if (!records) continue;
      const file = output.open(`corpus/exports/parquet/${name}.parquet`);
      const table = new ParquetTable(name, schema, shapeOf(schema), context.version, (bytes) => file.write(bytes));
      if (records.corpus) {
        for (const record of records.corpus(context)) table.add(record);
        table.finish();
        file.close();
      } else {
        this.#tables.push({ pick: records.document, table, file });
      }
    }
  }

  /** Adds one document's records, in canonical order. */
  add(records: DocumentExport): void {
    for (const { pick, table } of this.#tables) for (const record of pick(records)) table.add(record);
  }

  finish(): void {
    for (const { table, file } of this.#tables) {
      table.finish();
      file.close();
    }
  }
}
