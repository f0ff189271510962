import { posix } from "node:path";
import type { CorpusCounts, ExportContext, PublishedFile } from "./export-input.js";
import { PUBLISHED_DATA } from "./published-data.js";
import { schemaShape, type Shape } from "./schema-shape.js";

/** The Croissant 1.1 JSON-LD context (spec, Appendix 1). */
const CONTEXT = {
  "@language": "en",
  "@vocab": "http://schema.org/",
  sc: "http://schema.org/",
  cr: "http://mlcommons.org/croissant/",
  rai: "http://mlcommons.org/croissant/RAI/",
  dct: "http://purl.org/dc/terms/",
  annotation: "cr:annotation",
  arrayShape: "cr:arrayShape",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  containedIn: "cr:containedIn",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  equivalentProperty: "cr:equivalentProperty",
  examples: { "@id": "cr:examples", "@type": "@json" },
  excludes: "cr:excludes",
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isArray: "cr:isArray",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  readLines: "cr:readLines",
  sdVersion: "cr:sdVersion",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform",
  unArchive: "cr:unArchive",
  value: "cr:value",
};

/** Where the build writes this file; contentUrls are relative to its folder. */
export const CROISSANT_PATH = "corpus/exports/croissant.json";

/**
 * The MIME type of the JSONL files. jsonlines.org suggests application/jsonl, but mlcroissant, the
 * reference loader, recognises only application/jsonlines, and a type it does not know makes the
 * record sets unreadable.
 */
const JSON_LINES = "application/jsonlines";

const DATA_TYPES = { string: "sc:Text", integer: "sc:Integer", number: "sc:Float", boolean: "sc:Boolean" } as const;

/** A JSONPath step for a property name. */
const step = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `['${name}']`);

/**
 * The Croissant typing of a value of `shape` at `jsonPath`: a scalar its dataType; an array of
 * scalars `isArray` with the items' dataType; an array of objects `isArray` with a `subField` per
 * property (a Field with subFields has no dataType of its own: mlcroissant reads it from them).
 */
function typing(shape: Shape, id: string, jsonPath: string, fileId: string): Record<string, unknown> {
  const source = (path: string) => ({ source: { fileObject: { "@id": fileId }, extract: { jsonPath: path } } });
  if (shape.kind === "array") {
    const items = shape.items;
    if (items.kind === "array") throw new Error(`croissant: expected no array of arrays, found one at ${id}`);
    if (items.kind !== "object") return { dataType: DATA_TYPES[items.kind], isArray: true, ...source(jsonPath) };
    return {
      isArray: true,
      subField: items.properties.map((p) => {
        if (p.shape.kind === "array" || p.shape.kind === "object") throw new Error(`croissant: expected scalar properties in the objects of ${id}, found ${p.shape.kind} ${p.name}`);
        return { "@type": "cr:Field", "@id": `${id}/${p.name}`, name: p.name, ...(p.shape.description ? { description: p.shape.description } : {}), ...typing(p.shape, `${id}/${p.name}`, `${jsonPath}[*]${step(p.name)}`, fileId) };
      }),
    };
  }
  if (shape.kind === "object") throw new Error(`croissant: expected no object-valued property, found one at ${id}`);
  return { dataType: DATA_TYPES[shape.kind], ...source(jsonPath) };
}

/**
 * `corpus/exports/croissant.json`: Croissant 1.1 metadata generated from the schemas and the
 * published file list, never written by hand. One FileObject per published JSONL file (digest from
 * the manifest's list) and one RecordSet per file whose fields are the schema's properties.
 * Expects the data files sorted by path.
 */
export function croissant(context: ExportContext, counts: CorpusCounts, dataFiles: readonly PublishedFile[]): string {
  const shapeOf = schemaShape(context.schemas);
  const published = new Map(PUBLISHED_DATA.map((d) => [`corpus/data/${d.name}.jsonl`, d]));
  const files = dataFiles.filter((f) => /^corpus\/data\/[^/]+\.jsonl$/.test(f.path));
  for (const path of published.keys()) {
    if (!files.some((f) => f.path === path)) throw new Error(`croissant: expected ${path} among the data files, found it missing`);
  }
  const distribution = files.map((f) => ({
    "@type": "cr:FileObject",
    "@id": f.path,
    name: posix.basename(f.path),
    ...(f.records === undefined ? {} : { description: `${f.records} record${f.records === 1 ? "" : "s"}, one JSON object per line.` }),
    // Loaders resolve a relative contentUrl against the folder croissant.json sits in (mlcroissant:
    // the JSON-LD file's folder joined with the URL), not against the package root.
    contentUrl: posix.relative(posix.dirname(CROISSANT_PATH), f.path),
    contentSize: `${f.bytes} B`,
    encodingFormat: JSON_LINES,
    sha256: f.sha256,
  }));
  const recordSet = files.map((f) => {
    const data = published.get(f.path);
    if (!data) throw new Error(`croissant: expected a declared schema for ${f.path} (scripts/exports/published-data.ts), found none`);
    const shape = shapeOf(data.schema);
    const schema = context.schemas.find((s) => s.path === data.schema)!.schema as { description?: unknown };
    const fields = shape.properties.map((p) => {
      const notes = [p.shape.description, p.required ? undefined : "Optional: absent from records it does not apply to."].filter((n): n is string => n !== undefined);
      const id = `${data.name}/${p.name}`;
      return {
        "@type": "cr:Field",
        "@id": id,
        name: p.name,
        ...(notes.length > 0 ? { description: notes.join(" ") } : {}),
        ...typing(p.shape, id, `$${step(p.name)}`, f.path),
      };
    });
    return {
      "@type": "cr:RecordSet",
      "@id": data.name,
      name: data.name,
      ...(typeof schema.description === "string" ? { description: schema.description } : {}),
      ...(shape.properties.some((p) => p.name === "id") ? { key: { "@id": `${data.name}/id` } } : {}),
      field: fields,
    };
  });

  const documents = counts.documents;
  const metadata = {
    "@context": CONTEXT,
    "@type": "sc:Dataset",
    "dct:conformsTo": "http://mlcommons.org/croissant/1.1",
    name: "arabic-news-corpus",
    description:
      `A Modern Standard Arabic news corpus (${documents} document${documents === 1 ? "" : "s"}, ${counts.sentences} sentences, ${counts.tokens} tokens) ` +
      `with entity mentions (${counts.mentions}, linked to a catalogue of ${counts.catalogue} entities) and attributed stances (${counts.stances}, ` +
      `with ${counts.sentenceStances} derived sentence × target labels), published as validated JSONL with JSON Schemas. All offsets count Unicode code points.`,
    version: context.version,
    url: "https://www.npmjs.com/package/arabic-news-corpus",
    // Croissant's license is a URL or CreativeWork, many of them: the two licences that apply, each
    // named for its part. The article text has none from this dataset (LICENSE.md).
    license: [
      { "@type": "sc:CreativeWork", name: "MIT, for the code", url: "https://opensource.org/licenses/MIT" },
      { "@type": "sc:CreativeWork", name: "CC BY 4.0, for the annotations; the article text is not licensed by this dataset, its rights belong to its publisher (LICENSE.md)", url: "https://creativecommons.org/licenses/by/4.0/" },
    ],
    creator: { "@type": "sc:Organization", name: "arabic-news-corpus contributors" },
    inLanguage: "ar",
    keywords: ["Arabic", "Modern Standard Arabic", "news", "named entity recognition", "stance detection"],
    "rai:dataLimitations":
      `Very small and single-domain: ${documents === 1 ? "one news article" : `${documents} news articles`} (political news), for evaluation, error analysis and tooling, not for training. ` +
      "The text was repaired from a damaged PDF extraction; not every repair is certain (see corpus/repairs). The annotations are machine-generated.",
    "rai:dataAnnotationProtocol":
      "Entity mentions and attributed stances were annotated by AI agents, not human experts, following the written guidelines in docs/. " +
      "Annotations are quote selectors that the build resolves to code-point offsets and validates against the JSON Schemas; sentence-level stance labels are derived from the attributed records by a fixed rule (SemEval-2016 Task 6 convention). " +
      "A second annotation pass and its agreement with the first are kept in corpus/agreement/.",
    distribution,
    recordSet,
  };
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
