import { posix } from "node:path";

/** The part of a JSON Schema the exports need: a value's type, structure and description. */
export type Shape =
  | { kind: "string" | "integer" | "number" | "boolean"; description?: string }
  | { kind: "array"; description?: string; items: Shape }
  | { kind: "object"; description?: string; properties: Property[] };

export type ObjectShape = Extract<Shape, { kind: "object" }>;

export interface Property {
  name: string;
  required: boolean;
  shape: Shape;
}

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A function giving the Shape of the record schema at `path` (`schema/v1/<name>.schema.json`),
 * with every `$ref` followed: file-relative (`defs.schema.json#/$defs/x`) and local
 * (`#/$defs/x`). A property's own description wins over its target's. Only what the data uses is
 * understood (a single `type`, `const`, `enum`, `items`, `properties`); anything else throws,
 * so that a new schema construct is noticed rather than exported wrongly.
 */
export function schemaShape(schemas: ReadonlyArray<{ path: string; schema: unknown }>): (path: string) => ObjectShape {
  const byPath = new Map(schemas.map((s) => [s.path, s.schema]));

  const resolve = (ref: string, base: string): { node: Node; base: string } => {
    const [file, pointer = ""] = ref.split("#");
    const path = file ? posix.join(posix.dirname(base), file) : base;
    let node: unknown = byPath.get(path);
    if (node === undefined) throw new Error(`${base}: expected $ref ${ref} to name a given schema, found no ${path} among ${[...byPath.keys()].join(", ")}`);
    for (const part of pointer.split("/").filter(Boolean)) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      node = isNode(node) ? node[key] : undefined;
      if (node === undefined) throw new Error(`${base}: expected $ref ${ref} to point at a schema, found nothing at ${key}`);
    }
    if (!isNode(node)) throw new Error(`${base}: expected $ref ${ref} to point at a schema object, found ${JSON.stringify(node)}`);
    return { node, base: path };
  };

  const shapeOf = (node: Node, base: string, where: string): Shape => {
    const description = typeof node.description === "string" ? node.description : undefined;
    const withDescription = (shape: Shape): Shape => (description === undefined ? shape : { ...shape, description });
    if (typeof node.$ref === "string") {
      const target = resolve(node.$ref, base);
      return withDescription(shapeOf(target.node, target.base, where));
    }
    let type = node.type;
    if (type === undefined && node.const !== undefined) type = typeof node.const;
    if (type === undefined && Array.isArray(node.enum)) {
      const types = new Set(node.enum.map((v) => typeof v));
      if (types.size === 1) type = [...types][0];
    }
    switch (type) {
      case "string":
      case "integer":
      case "number":
      case "boolean":
        return withDescription({ kind: type });
      case "array":
        if (!isNode(node.items)) throw new Error(`${where}: expected an array schema with one "items" schema, found ${JSON.stringify(node.items)}`);
        return withDescription({ kind: "array", items: shapeOf(node.items, base, `${where}[]`) });
      case "object": {
        if (!isNode(node.properties)) throw new Error(`${where}: expected an object schema with "properties", found none`);
        const required = new Set(Array.isArray(node.required) ? node.required : []);
        const properties = Object.entries(node.properties).map(([name, value]) => {
          if (!isNode(value)) throw new Error(`${where}.${name}: expected a schema object, found ${JSON.stringify(value)}`);
          return { name, required: required.has(name), shape: shapeOf(value, base, `${where}.${name}`) };
        });
        return withDescription({ kind: "object", properties });
      }
      default:
        throw new Error(`${where}: expected one "type" (string, integer, number, boolean, array, object), a "$ref", a "const" or a one-type "enum", found ${JSON.stringify(type ?? Object.keys(node))}`);
    }
  };

  return (path: string): ObjectShape => {
    const schema = byPath.get(path);
    if (!isNode(schema)) throw new Error(`${path}: expected a record schema among the given schemas, found none`);
    const shape = shapeOf(schema, path, path);
    if (shape.kind !== "object") throw new Error(`${path}: expected an object schema for a record type, found a ${shape.kind} schema`);
    return shape;
  };
}
