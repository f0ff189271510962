import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import * as validators from "../src/generated/validators.js";
import type { RecordValidator } from "../src/generated/validators.js";
import { createAjv } from "../scripts/lib/create-ajv.js";
import { loadSchemas } from "../scripts/lib/schemas.js";
import { SCHEMA_VERSION } from "../scripts/build-corpus.js";
import * as shipped from "../src/generated/corpus-data.js";
import { publishedKinds } from "../src/record-kinds.js";
import { Validator } from "../src/validate/validator.js";
import { published, repairsOf } from "./helpers/published.js";

const schemas = loadSchemas();

/** Every subschema that declares `properties`, with its JSON pointer. */
function objectSchemas(node: unknown, pointer = ""): Array<{ pointer: string; schema: Record<string, unknown> }> {
  if (!node || typeof node !== "object") return [];
  const found: Array<{ pointer: string; schema: Record<string, unknown> }> = [];
  const schema = node as Record<string, unknown>;
  if (schema.properties && typeof schema.properties === "object") found.push({ pointer, schema });
  for (const [key, value] of Object.entries(schema)) {
    if (key === "examples" || key === "const" || key === "enum") continue;
    found.push(...objectSchemas(value, `${pointer}/${key}`));
  }
  return found;
}

describe("schemas", () => {
  it("should compile every schema in ajv strict mode", () => {
    const ajv = createAjv();
    for (const { schema } of schemas) expect(() => ajv.getSchema(schema.$id), schema.$id).not.toThrow();
    for (const { schema } of schemas) expect(ajv.getSchema(schema.$id), schema.$id).toBeTypeOf("function");
  });

  it("should give every schema an $id with the schema's major version, a title and a description", () => {
    const major = SCHEMA_VERSION.split(".")[0];
    for (const { file, schema } of schemas) {
      expect(schema.$id, file).toBe(`https://unpkg.com/arabic-news-corpus/schema/v${major}/${file}`);
      expect(schema.title, file).toBeTruthy();
      expect(schema.description, file).toBeTruthy();
      expect(schema.$schema, file).toBe("https://json-schema.org/draft/2020-12/schema");
    }
  });

  it("should close every object and describe every property with an example", () => {
    for (const { file, schema } of schemas) {
      for (const { pointer, schema: object } of objectSchemas(schema)) {
        expect(object.additionalProperties === false || object.unevaluatedProperties === false, `${file}#${pointer} is open`).toBe(true);
        for (const [name, property] of Object.entries(object.properties as Record<string, Record<string, unknown>>)) {
          const where = `${file}#${pointer}/properties/${name}`;
          const described = property.description ?? (property.$ref ? "via $ref" : undefined);
          expect(described, `${where} has no description`).toBeTruthy();
          const hasExample = property.examples !== undefined || property.$ref !== undefined || property.const !== undefined;
          expect(hasExample, `${where} has no example`).toBe(true);
        }
      }
    }
  });

  it("should accept each schema's own examples with both the runtime and the precompiled validator", () => {
    const ajv = createAjv();
    const precompiled = validators as unknown as Record<string, RecordValidator<unknown>>;
    for (const { schema } of schemas.filter((s) => s.name !== "defs")) {
      const runtime = ajv.getSchema(schema.$id)!;
      const compiled = precompiled[schema.title]!;
      for (const example of (schema.examples as unknown[]) ?? []) {
        expect(runtime(example), `${schema.title} runtime: ${JSON.stringify(runtime.errors)}`).toBe(true);
        expect(compiled(example), `${schema.title} precompiled: ${JSON.stringify(compiled.errors)}`).toBe(true);
      }
    }
  });

  // ajv sees only the shape: an example can satisfy its schema and still quote text that is not
  // at its offsets, or refer to records that do not exist. Readers copy examples, so they must be
  // true of the corpus.
  it("should accept each published record type's examples with the full validator, against the shipped corpus", () => {
    const found: string[] = [];
    for (const kind of publishedKinds) {
      const schema = schemas.find((s) => s.name === kind.name)!.schema;
      const records = shipped[kind.exportName as keyof typeof shipped] as Array<{ id: string }>;
      for (const [index, example] of ((schema.examples as Array<{ id: string }>) ?? []).entries()) {
        // In place of the shipped record of its id, so that checks over a whole document (one label
        // per sentence × target) see it among the others, as a real record would be.
        const others = records.filter((r) => r.id !== example.id);
        // An offset map's example is cut short (its first segments), which the next test holds
        // to the shipped map: it cannot tile the text.
        const validator = new Validator({ reference: shipped, ...(kind.name === "offset-map" ? { exclude: ["offset-map"] } : {}) });
        [example, ...others].forEach((r, i) => validator.record(`${kind.file}.jsonl`, i + 1, r, "", kind));
        validator.finish();
        for (const i of validator.incidents) found.push(`${kind.name}.schema.json examples[${index}]${i.pointer ?? ""}: [${i.check}] ${i.message}`);
      }
    }
    expect(found).toEqual([]);
  });

  // The validator cannot tell an example document's hash, an offset map's lengths or a repair's
  // reason from made-up ones: where such an example names the shipped document, it must say what
  // the shipped records say, cut short only (the first items of a long list, a text ending "…").
  it("should state in the document, paragraph, offset-map and repairs examples what the shipped records hold", () => {
    const example = (name: string) => (schemas.find((s) => s.name === name)!.schema.examples as Array<Record<string, unknown>>)[0]!;
    const [document, paragraph, offsets] = [published.documents[0]!, published.paragraphs[0]!, published.offsetMaps[0]!];
    const { text, ...docFields } = example("document") as { text: string };
    const { text: _, ...shippedFields } = document;
    expect(docFields).toEqual(shippedFields);
    expect(text.endsWith("…") && document.text.startsWith(text.slice(0, -1))).toBe(true);
    expect(example("paragraph")).toEqual(paragraph);
    const map = example("offset-map") as unknown as typeof offsets;
    expect({ ...map, segments: [], removed: [] }).toEqual({ ...offsets, segments: [], removed: [] });
    expect(map.segments).toEqual(offsets.segments.slice(0, map.segments.length));
    expect(map.removed).toEqual(offsets.removed.slice(0, map.removed.length));
    const repairs = repairsOf(document.id);
    const stated = example("repairs") as unknown as typeof repairs;
    expect(stated.rawSha256).toBe(repairs.rawSha256);
    for (const rule of stated.rules) expect(repairs.rules).toContainEqual(rule);
    for (const repair of stated.repairs) expect(repairs.repairs).toContainEqual(repair);
  });

  it("should make each whole-record example of a published or authored type the record of its id that ships", () => {
    // Cut short on purpose, and checked field by field by the test above.
    const shortened = new Set(["document", "offset-map", "repairs", "manifest", "defs"]);
    const found: string[] = [];
    for (const { name, schema } of schemas.filter((s) => !shortened.has(s.name))) {
      const records = shippedRecords(name);
      for (const [index, example] of ((schema.examples as Array<Record<string, unknown>>) ?? []).entries()) {
        const twin = records.find((r) => identity(r) === identity(example));
        if (!twin) found.push(`${name}.schema.json examples[${index}]: expected a shipped record with ${identity(example)}, found none`);
        else if (!isDeepStrictEqual(example, twin)) found.push(`${name}.schema.json examples[${index}]: differs from the shipped record in ${Object.keys({ ...twin, ...example }).filter((k) => !isDeepStrictEqual(example[k], twin[k])).join(", ")}`);
      }
    }
    expect(found).toEqual([]);
  });

  // A property's examples make claims too: that a real document's offset map starts with these
  // segments, that this is a target's definition. Such an example must be a value the shipped
  // records hold (a list: its first items); only free-text notes written to show the kind of thing
  // a field holds, and the manifest's made-up digests, are illustrations.
  it("should make each property and $defs example of a record type a value its shipped records hold", () => {
    const illustrative = new Set([
      "entity/note", "entity/wikidata", "entity-mention/note", "stance/holderDescription", "stance/rationale",
      "entity-annotation/note", "stance-annotation/holderDescription", "stance-annotation/evidence", "stance-annotation/rationale",
      "repairs/rules", "repairs/repairs", "manifest/counts", "manifest/files", "manifest/schemas",
    ]);
    const found: string[] = [];
    for (const { name, schema } of schemas.filter((s) => s.name !== "defs")) {
      const records = shippedRecords(name);
      const properties = (schema.properties ?? {}) as Record<string, { examples?: unknown[] }>;
      for (const [property, { examples = [] }] of Object.entries(properties)) {
        if (illustrative.has(`${name}/${property}`)) continue;
        for (const example of examples) {
          const held = records.some((r) => isDeepStrictEqual(r[property], example) || (Array.isArray(example) && Array.isArray(r[property]) && isDeepStrictEqual((r[property] as unknown[]).slice(0, example.length), example)));
          if (!held) found.push(`${name}.schema.json properties.${property}.examples: ${JSON.stringify(example).slice(0, 80)} is in no shipped record`);
        }
      }
      for (const [def, { examples = [] }] of Object.entries((schema.$defs ?? {}) as Record<string, { examples?: unknown[] }>)) {
        for (const example of examples) if (!records.some((r) => containsValue(r, example))) found.push(`${name}.schema.json $defs.${def}.examples: ${JSON.stringify(example).slice(0, 80)} is in no shipped record`);
      }
    }
    expect(found).toEqual([]);
  });

  it("should use only standard draft 2020-12 keywords", () => {
    const standard = new Set(["$schema", "$id", "$ref", "$defs", "title", "description", "examples", "default", "type", "properties", "required", "additionalProperties", "unevaluatedProperties", "items", "prefixItems", "minItems", "maxItems", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "oneOf"]);
    const visit = (node: unknown, where: string, inData: boolean): void => {
      if (!node || typeof node !== "object" || Array.isArray(node)) {
        if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}/${i}`, inData));
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if (!inData) expect(standard.has(key), `${where}: non-standard keyword ${key}`).toBe(true);
        const childIsMap = key === "properties" || key === "$defs";
        const isData = key === "examples" || key === "const" || key === "enum" || key === "default";
        if (isData) continue;
        if (childIsMap) for (const [k, v] of Object.entries(value as object)) visit(v, `${where}/${key}/${k}`, false);
        else if (key !== "additionalProperties" || typeof value === "object") visit(value, `${where}/${key}`, false);
      }
    };
    for (const { file, schema } of schemas) visit(schema, file, false);
  });
});

/** The records that ship for a schema: published JSONL, authored annotation files, repairs or the manifest. */
function shippedRecords(name: string): Array<Record<string, unknown>> {
  const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const annotations = (suffix: string) => readdirSync("corpus/annotations").filter((f) => f.endsWith(suffix)).flatMap((f) => lines(`corpus/annotations/${f}`));
  const kind = publishedKinds.find((k) => k.name === name);
  if (kind) return lines(`corpus/data/${kind.file}.jsonl`);
  if (name === "entity-annotation") return annotations(".entities.jsonl");
  if (name === "stance-annotation") return annotations(".stances.jsonl");
  if (name === "stance-resolution") return annotations(".sentence-stance-resolutions.jsonl");
  if (name === "repairs") return readdirSync("corpus/repairs").map((f) => JSON.parse(readFileSync(`corpus/repairs/${f}`, "utf8")));
  if (name === "manifest") return [JSON.parse(readFileSync("corpus/manifest.json", "utf8"))];
  throw new Error(`expected shipped records for schema ${name}, found no source for them`);
}

/** What names a record: its id, or for a sentence-label resolution (which has none) its sentence and target. */
const identity = (r: Record<string, unknown>) => (r.id !== undefined ? `id ${JSON.stringify(r.id)}` : `sentence ${JSON.stringify(r.sentence)} and target ${JSON.stringify(r.target)}`);

/** Whether `value` occurs anywhere inside `node` (itself included). */
function containsValue(node: unknown, value: unknown): boolean {
  if (isDeepStrictEqual(node, value)) return true;
  if (!node || typeof node !== "object") return false;
  return Object.values(node).some((child) => containsValue(child, value));
}
