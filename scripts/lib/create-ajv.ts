import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadSchemas } from "./schemas.js";

/**
 * The one ajv factory used by code generation, the build and the tests, so that every schema is
 * compiled with the same options: strict mode (unknown keywords and ambiguous schemas are errors),
 * every error reported, and ESM source kept for standalone code.
 */
export function createAjv(root = "."): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, code: { source: true, esm: true } });
  addFormats.default(ajv);
  for (const { schema } of loadSchemas(root)) ajv.addSchema(schema);
  return ajv;
}
