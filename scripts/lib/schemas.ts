import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const schemaDir = "schema/v1";

export interface SchemaFile {
  /** File name inside schemaDir, e.g. `document.schema.json`. */
  file: string;
  /** Record-type name derived from the file name, e.g. `entity-mention`. */
  name: string;
  schema: { $id: string; title: string; [key: string]: unknown };
}

/** Every schema of the package, sorted by file name so that generated output is stable. */
export function loadSchemas(root = "."): SchemaFile[] {
  const dir = join(root, schemaDir);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".schema.json"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      let schema: SchemaFile["schema"];
      try {
        schema = JSON.parse(text);
      } catch (error) {
        throw new Error(`${join(dir, file)}: expected a JSON schema, found invalid JSON (${(error as Error).message})`);
      }
      return { file, name: file.replace(/\.schema\.json$/, ""), schema };
    });
}
