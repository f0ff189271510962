import type { SchemaElement } from "hyparquet-writer";
import type { ObjectShape, Shape } from "./schema-shape.js";

/** The schema elements of one value: a leaf, or a group followed by its children (Parquet's flat pre-order). */
function elements(name: string, shape: Shape, required: boolean): SchemaElement[] {
  const repetition_type = required ? "REQUIRED" : "OPTIONAL";
  switch (shape.kind) {
    case "string":
      return [{ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type }];
    case "integer":
      // Offsets and indices; parquet-table.ts checks every value fits.
      return [{ name, type: "INT32", repetition_type }];
    case "number":
      return [{ name, type: "DOUBLE", repetition_type }];
    case "boolean":
      return [{ name, type: "BOOLEAN", repetition_type }];
    case "array":
      // The standard three-level LIST, which DuckDB, Arrow and Spark all read as a list column.
      return [
        { name, repetition_type, converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        ...elements("element", shape.items, true),
      ];
    case "object":
      return [{ name, repetition_type, num_children: shape.properties.length }, ...shape.properties.flatMap((p) => elements(p.name, p.shape, p.required))];
  }
}

/**
 * The Parquet schema of a record type, derived from its JSON Schema: one column per property in
 * schema order, optional properties nullable, arrays as lists, objects as structs (so stance
 * evidence is a list of {sentence, start, end, text} structs, not a JSON string).
 */
export function parquetSchema(shape: ObjectShape): SchemaElement[] {
  return [{ name: "root", num_children: shape.properties.length }, ...shape.properties.flatMap((p) => elements(p.name, p.shape, p.required))];
}
