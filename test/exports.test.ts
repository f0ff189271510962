import { DuckDBInstance } from "@duckdb/node-api";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { published, readJsonl } from "./helpers/published.js";
import { parse as parseYaml } from "yaml";
import { buildExports, type ExportInput } from "../scripts/exports/index.js";
import type { Document, Entity, EntityMention, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, Token } from "../src/generated/types.js";

/*
 * Round trips: every export is read back with the tool or format rules its users have, and compared
 * with the published JSONL records. Expectations come from corpus/data and schema/v1, never from
 * the export code.
 */


const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/** Code-point slicing, done independently of src/code-points.ts. */
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

/** Which schema each published JSONL file follows (the data contract, as in scripts/build-corpus.ts). */
const SCHEMA_OF: Record<string, string> = {
  documents: "document",
  paragraphs: "paragraph",
  sentences: "sentence",
  tokens: "token",
  entities: "entity-mention",
  "entity-catalogue": "entity",
  "stance-targets": "stance-target",
  stances: "stance",
  "sentence-stances": "sentence-stance",
  "offset-maps": "offset-map",
};

const schemas = readdirSync("schema/v1")
  .filter((f) => f.endsWith(".schema.json"))
  .sort()
  .map((f) => ({ path: `schema/v1/${f}`, schema: JSON.parse(readFileSync(`schema/v1/${f}`, "utf8")) }));
const schemaOf = (name: string) => schemas.find((s) => s.path === `schema/v1/${name}.schema.json`)!.schema;
const defs = schemaOf("defs");
const entityTypes: string[] = defs.$defs.entityType.enum;


const dataFiles = readdirSync("corpus/data")
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .map((f) => {
    const bytes = readFileSync(`corpus/data/${f}`);
    return { path: `corpus/data/${f}`, bytes: bytes.length, sha256: sha256(bytes), records: bytes.toString("utf8").split("\n").filter(Boolean).length };
  });

const input: ExportInput = {
  version: "9.8.7-test",
  ...published,
  schemas,
  // The manifest also lists non-JSONL files; the exports must ignore them.
  dataFiles: [{ path: "corpus/text/example.md", bytes: 1, sha256: "0".repeat(64) }, ...dataFiles],
};

const outermost = published.mentions.filter((m) => m.parent === undefined);
const sentenceById = new Map(published.sentences.map((s) => [s.id, s]));
const tokensOf = (sentence: string) => published.tokens.filter((t) => t.sentence === sentence).sort((a, b) => a.index - b.index);
const key = (...parts: Array<string | number>) => parts.join("|");

let files: Record<string, string | Uint8Array>;
let again: Record<string, string | Uint8Array>;
const text = (path: string): string => {
  const content = files[path];
  if (typeof content !== "string") throw new Error(`expected text file ${path} among the exports, found ${content === undefined ? "none" : "bytes"}`);
  return content;
};

beforeAll(async () => {
  files = await buildExports(input);
  again = await buildExports(input);
});

/** BIO tags back to half-open token ranges; throws on an I- tag that continues nothing. */
function decodeBio(tags: string[], where: string): Array<{ start: number; end: number; type: string }> {
  const spans: Array<{ start: number; end: number; type: string }> = [];
  let open: { start: number; type: string } | undefined;
  const close = (end: number) => {
    if (open) spans.push({ ...open, end });
    open = undefined;
  };
  tags.forEach((tag, i) => {
    if (tag === "O") return close(i);
    const match = /^([BI])-(.+)$/.exec(tag);
    if (!match) throw new Error(`${where}: token ${i} has tag ${tag}, not O, B-X or I-X`);
    const [, bio, type] = match as unknown as [string, string, string];
    if (bio === "I" && open?.type === type) return;
    if (bio === "I") throw new Error(`${where}: token ${i} has ${tag} without a preceding B-${type}`);
    close(i);
    open = { start: i, type };
  });
  close(tags.length);
  return spans;
}

/** The YAML front matter and the body of a Markdown file. */
function frontMatter(markdown: string): { yaml: Record<string, any>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);
  if (!match) throw new Error("expected the card to open with YAML front matter between --- lines");
  return { yaml: parseYaml(match[1]!) as Record<string, any>, body: match[2]! };
}

describe("exports: every file", () => {
  it("should live under corpus/exports/ and, for text, use LF and end in a newline (brat .txt excepted)", () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [path, content] of Object.entries(files)) {
      expect(path.startsWith("corpus/exports/"), path).toBe(true);
      if (typeof content !== "string") continue;
      expect(content.includes("\r"), path).toBe(false);
      if (!path.endsWith(".txt")) expect(content.endsWith("\n"), path).toBe(true);
    }
  });

  it("should be byte-identical across two calls, Parquet included", () => {
    expect(Object.keys(again)).toEqual(Object.keys(files));
    for (const [path, content] of Object.entries(files)) {
      const other = again[path]!;
      if (typeof content === "string") expect(other, path).toBe(content);
      else expect(Buffer.compare(Buffer.from(content), Buffer.from(other as Uint8Array)), path).toBe(0);
    }
  });

  it("should not depend on the order of the input records", async () => {
    const reversed = <T>(a: T[]) => [...a].reverse();
    const shuffled = await buildExports({
      ...input,
      documents: reversed(input.documents),
      paragraphs: reversed(input.paragraphs),
      sentences: reversed(input.sentences),
      tokens: reversed(input.tokens),
      mentions: reversed(input.mentions),
      catalogue: reversed(input.catalogue),
      targets: reversed(input.targets),
      stances: reversed(input.stances),
      sentenceStances: reversed(input.sentenceStances),
      schemas: reversed(input.schemas),
      dataFiles: reversed(input.dataFiles),
    });
    expect(Object.keys(shuffled)).toEqual(Object.keys(files));
    for (const [path, content] of Object.entries(files)) {
      expect(Buffer.compare(Buffer.from(content), Buffer.from(shuffled[path]!)), path).toBe(0);
    }
  });

  it("should carry the generated-file banner where the format has comments", () => {
    const banner = /GENERATED by `npm run build`.*Do not edit by hand\./;
    for (const d of published.documents) expect(text(`corpus/exports/conll/${d.id}.conll`)).toMatch(banner);
    expect(text("corpus/exports/brat/annotation.conf")).toMatch(banner);
    expect(frontMatter(text("corpus/exports/huggingface/README.md")).body).toMatch(banner);
  });
});

describe("exports: CoNLL", () => {
  it("should parse back to exactly the outermost mentions, sentence by sentence", () => {
    const found = new Set<string>();
    for (const document of published.documents) {
      const lines = text(`corpus/exports/conll/${document.id}.conll`).split("\n");
      const blocks: string[][] = [[]];
      for (const line of lines) {
        if (line === "") blocks.push([]);
        else blocks.at(-1)!.push(line);
      }
      const sentences = blocks.filter((b) => b.some((l) => !l.startsWith("#")));
      const expected = published.sentences.filter((s) => s.document === document.id);
      expect(sentences.map((b) => b.find((l) => l.startsWith("# sent_id = "))?.slice(12))).toEqual(expected.map((s) => s.id));
      for (const block of sentences) {
        const id = block.find((l) => l.startsWith("# sent_id = "))!.slice(12);
        expect(block.find((l) => l.startsWith("# text = "))?.slice(9), id).toBe(sentenceById.get(id)!.text);
        const rows = block.filter((l) => !l.startsWith("#")).map((l) => l.split("\t"));
        for (const row of rows) expect(row.length, `${id}: ${row.join("\\t")}`).toBe(2);
        expect(rows.map((r) => r[0]), id).toEqual(tokensOf(id).map((t) => t.text));
        for (const span of decodeBio(rows.map((r) => r[1]!), id)) found.add(key(id, span.start, span.end, span.type));
      }
    }
    expect([...found].sort()).toEqual(outermost.map((m) => key(m.sentence, m.tokenStart, m.tokenEnd, m.type)).sort());
  });
});

describe("exports: Hugging Face", () => {
  const dir = "corpus/exports/huggingface";
  const rows = <T>(file: string): T[] =>
    text(`${dir}/${file}`)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as T);
  type NerRow = { id: string; document: string; text: string; tokens: string[]; ner_tags: number[]; spans: Array<{ start: number; end: number; label: string }> };
  type StanceRow = { id: string; sentence: string; text: string; target: string; target_name: string; label: string };

  const labelNames = () => {
    const { yaml } = frontMatter(text(`${dir}/README.md`));
    const ner = yaml.dataset_info.find((c: any) => c.config_name === "ner");
    const names = ner.features.find((f: any) => f.name === "ner_tags").sequence.class_label.names as Record<string, string>;
    return Object.keys(names)
      .sort((a, b) => Number(a) - Number(b))
      .map((id, i) => {
        expect(Number(id)).toBe(i);
        return names[id]!;
      });
  };

  it("should have a card whose YAML front matter parses and has the keys the Hub needs", () => {
    const { yaml, body } = frontMatter(text(`${dir}/README.md`));
    expect(yaml.license).toBe("other");
    expect(yaml.language).toEqual(["ar"]);
    expect(yaml.annotations_creators).toEqual(["machine-generated"]);
    expect(yaml.source_datasets).toEqual(["original"]);
    expect(typeof yaml.pretty_name).toBe("string");
    const counts: Record<string, number> = { ner: rows("ner.jsonl").length, stance: rows("stance.jsonl").length };
    const firstRow: Record<string, object> = { ner: rows<object>("ner.jsonl")[0]!, stance: rows<object>("stance.jsonl")[0]! };
    expect(yaml.configs.map((c: any) => c.config_name).sort()).toEqual(["ner", "stance"]);
    for (const config of yaml.configs) {
      for (const dataFile of config.data_files) expect(files[`${dir}/${dataFile.path}`], dataFile.path).toBeDefined();
      const info = yaml.dataset_info.find((c: any) => c.config_name === config.config_name);
      expect(info.features.map((f: any) => f.name), config.config_name).toEqual(Object.keys(firstRow[config.config_name]!));
      expect(info.splits.map((s: any) => s.name)).toEqual(config.data_files.map((d: any) => d.split));
      expect(info.splits.reduce((n: number, s: any) => n + s.num_examples, 0), config.config_name).toBe(counts[config.config_name]);
    }
    // Honest about who annotated and about the license.
    expect(body).toMatch(/AI agents/);
    expect(body).not.toMatch(/expert annotators|human annotators|crowdsourced/i);
    for (const part of [/MIT/, /CC BY 4\.0/, /publisher/]) expect(body).toMatch(part);
    for (const section of ["Dataset Summary", "Dataset Structure", "Source Data", "Annotations", "Limitations", "License"]) expect(body).toContain(`## ${section}`);
  });

  it("should list the BIO labels as the card says: O, then B-/I- per entity type in schema order", () => {
    const names = labelNames();
    expect(names).toEqual(["O", ...entityTypes.flatMap((t) => [`B-${t}`, `I-${t}`])]);
    const { body } = frontMatter(text(`${dir}/README.md`));
    const table = [...body.matchAll(/^\| (\d+) \| `([^`]+)` \|$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(table).toEqual(names.map((n, i) => [i, n]));
  });

  it("should decode every row's tokens and ner_tags back to the outermost mentions", () => {
    const names = labelNames();
    const ner = rows<NerRow>("ner.jsonl");
    expect(ner.map((r) => r.id)).toEqual(published.sentences.map((s) => s.id));
    const found: string[] = [];
    for (const row of ner) {
      expect(row.text, row.id).toBe(sentenceById.get(row.id)!.text);
      expect(row.tokens, row.id).toEqual(tokensOf(row.id).map((t) => t.text));
      expect(row.ner_tags.length, row.id).toBe(row.tokens.length);
      const tags = row.ner_tags.map((id) => names[id]!);
      for (const s of decodeBio(tags, row.id)) found.push(key(row.id, s.start, s.end, s.type));
    }
    expect(found.sort()).toEqual(outermost.map((m) => key(m.sentence, m.tokenStart, m.tokenEnd, m.type)).sort());
  });

  it("should give spans that slice back to every mention's text, nested ones included", () => {
    const found: string[] = [];
    for (const row of rows<NerRow>("ner.jsonl")) {
      const sentence = sentenceById.get(row.id)!;
      for (const span of row.spans) {
        found.push(key(row.id, sentence.start + span.start, sentence.start + span.end, span.label, slice(row.text, span.start, span.end)));
      }
    }
    expect(found.sort()).toEqual(published.mentions.map((m) => key(m.sentence, m.start, m.end, m.type, m.text)).sort());
  });

  it("should give one stance row per sentence-stance record, with the sentence and target name", () => {
    const stance = rows<StanceRow>("stance.jsonl");
    const targets = new Map(published.targets.map((t) => [t.id, t]));
    expect(stance.map((r) => r.id).sort()).toEqual(published.sentenceStances.map((r) => r.id).sort());
    for (const row of stance) {
      const record = published.sentenceStances.find((r) => r.id === row.id)!;
      expect(row, row.id).toEqual({
        id: record.id,
        sentence: record.sentence,
        text: sentenceById.get(record.sentence)!.text,
        target: record.target,
        target_name: targets.get(record.target)!.nameEn,
        label: record.label,
      });
    }
  });
});

describe("exports: brat", () => {
  it("should publish each document's text exactly and every mention as a text-bound annotation", () => {
    for (const document of published.documents) {
      const txt = text(`corpus/exports/brat/${document.id}.txt`);
      expect(txt).toBe(document.text);
      const lines = text(`corpus/exports/brat/${document.id}.ann`).split("\n").filter(Boolean);
      const ids = new Set<string>();
      const found = lines.map((line) => {
        const match = /^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/.exec(line);
        expect(match, line).not.toBeNull();
        const [, id, type, start, end, spanText] = match as unknown as [string, string, string, string, string, string];
        expect(ids.has(id), id).toBe(false);
        ids.add(id);
        // brat slices its .txt at these offsets; they must hit the same text whether counted in code points or UTF-16 units.
        expect(slice(txt, Number(start), Number(end)), line).toBe(spanText);
        expect(txt.slice(Number(start), Number(end)), line).toBe(spanText);
        return key(start, end, type, spanText);
      });
      const expected = published.mentions.filter((m) => m.document === document.id).map((m) => key(m.start, m.end, m.type, m.text));
      expect(found.sort()).toEqual(expected.sort());
    }
  });

  it("should declare exactly the schema's entity types in annotation.conf", () => {
    const conf = text("corpus/exports/brat/annotation.conf").split("\n");
    const start = conf.indexOf("[entities]");
    const end = conf.findIndex((l, i) => i > start && l.startsWith("["));
    expect(start).toBeGreaterThanOrEqual(0);
    const types = conf.slice(start + 1, end).filter((l) => l !== "" && !l.startsWith("#"));
    expect(types.sort()).toEqual([...entityTypes].sort());
    for (const section of ["[relations]", "[events]", "[attributes]"]) expect(conf).toContain(section);
  });

  it("should refuse text outside the Basic Multilingual Plane, where brat's offsets would shift", async () => {
    const [first, ...rest] = input.documents;
    const documents = [{ ...first!, text: `${first!.text}\n\n😀` }, ...rest];
    await expect(buildExports({ ...input, documents })).rejects.toThrow(/Basic Multilingual Plane.*U\+1F600/);
  });
});

describe("exports: Parquet", () => {
  let dir: string;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "exports-parquet-"));
    instance = await DuckDBInstance.create(":memory:");
  });
  afterAll(() => {
    instance?.closeSync();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tables = ["documents", "paragraphs", "sentences", "tokens", "entities", "entity-catalogue", "stance-targets", "stances", "sentence-stances"];

  it("should write exactly the record types the input carries", () => {
    const written = Object.keys(files).filter((p) => p.endsWith(".parquet"));
    expect(written.sort()).toEqual(tables.map((t) => `corpus/exports/parquet/${t}.parquet`).sort());
  });

  it.each(tables)("should read %s back with DuckDB equal to the JSONL, field by field", async (table) => {
    const bytes = files[`corpus/exports/parquet/${table}.parquet`];
    expect(bytes).toBeInstanceOf(Uint8Array);
    const path = join(dir, `${table}.parquet`);
    writeFileSync(path, bytes as Uint8Array);
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}') ORDER BY id`);
      const properties = Object.keys(schemaOf(SCHEMA_OF[table]!).properties);
      expect(reader.columnNames()).toEqual(properties);
      const records = readJsonl<Record<string, unknown>>(table);
      const rows = reader.getRowObjectsJson();
      expect(rows.length).toBe(records.length);
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      for (const record of records) {
        for (const k of Object.keys(record)) expect(properties, `${table} ${record.id}`).toContain(k);
        const row = byId.get(record.id as string);
        expect(row, `${table} ${record.id}`).toBeDefined();
        for (const column of properties) expect(row![column], `${table} ${record.id} ${column}`).toEqual(record[column] ?? null);
      }
    } finally {
      connection.closeSync();
    }
  });
});

describe("exports: Croissant", () => {
  const metadata = () => JSON.parse(text("corpus/exports/croissant.json"));

  /** A property's JSON type, following $ref into defs or the schema's own $defs. */
  function jsonType(schema: any, property: any): string {
    let node = property;
    while (node.$ref) {
      const [file, pointer] = node.$ref.split("#");
      node = (file ? defs : schema).$defs[pointer.replace("/$defs/", "")];
    }
    return node.type ?? (node.const !== undefined ? typeof node.const : typeof node.enum[0]);
  }

  it("should have the required top-level keys", () => {
    const m = metadata();
    for (const prefix of ["cr", "rai", "dct", "sc"]) expect(typeof m["@context"][prefix], prefix).toBe("string");
    expect(m["@type"]).toBe("sc:Dataset");
    expect(m["dct:conformsTo"]).toBe("http://mlcommons.org/croissant/1.1");
    for (const k of ["name", "description", "url", "rai:dataLimitations", "rai:dataAnnotationProtocol"]) expect(typeof m[k], k).toBe("string");
    expect(m.version).toBe(input.version);
    expect(m.url).toBe("https://www.npmjs.com/package/arabic-news-corpus");
    expect(m.creator).toEqual({ "@type": "sc:Organization", name: "arabic-news-corpus contributors" });
    // Not published yet (CHANGELOG: unreleased): no date is made up.
    expect(m.datePublished).toBeUndefined();
    // Croissant's license: URLs or CreativeWorks, one per licence, each named for its part.
    expect(m.license.map((l: any) => [l["@type"], l.url])).toEqual([
      ["sc:CreativeWork", "https://opensource.org/licenses/MIT"],
      ["sc:CreativeWork", "https://creativecommons.org/licenses/by/4.0/"],
    ]);
    expect(m.license[1].name).toMatch(/annotations; the article text is not licensed by this dataset/);
  });

  it("should point every contentUrl, resolved from croissant.json's folder, at a published JSONL file with its sha256", () => {
    const m = metadata();
    // mlcroissant joins a relative contentUrl to the folder of the JSON-LD file, as here.
    const resolved = (d: any) => join("corpus/exports", d.contentUrl);
    const onDisk = readdirSync("corpus/data").filter((f) => f.endsWith(".jsonl")).map((f) => join("corpus/data", f));
    expect(m.distribution.map(resolved).sort()).toEqual(onDisk.sort());
    for (const d of m.distribution) {
      expect(d["@type"]).toBe("cr:FileObject");
      expect(existsSync(resolved(d)), d.contentUrl).toBe(true);
      const bytes = readFileSync(resolved(d));
      expect(d.sha256, d.contentUrl).toBe(sha256(bytes));
      expect(d.contentSize, d.contentUrl).toBe(`${bytes.length} B`);
    }
  });

  it("should take every RecordSet field from the file's schema, with its JSON type mapped (arrays as isArray, objects in them as subFields)", () => {
    const m = metadata();
    const fileIds = new Set(m.distribution.map((d: any) => d["@id"]));
    const mapped: Record<string, string> = { string: "sc:Text", integer: "sc:Integer", boolean: "sc:Boolean", number: "sc:Float" };
    /** The property's schema node after $refs. */
    const resolved = (schema: any, property: any): any => {
      let node = property;
      while (node.$ref) {
        const [file, pointer] = node.$ref.split("#");
        node = (file ? defs : schema).$defs[pointer.replace("/$defs/", "")];
      }
      return node;
    };
    const fieldIds = new Set<string>();
    expect(m.recordSet.map((r: any) => r["@id"]).sort()).toEqual(Object.keys(SCHEMA_OF).sort());
    for (const recordSet of m.recordSet) {
      const schema = schemaOf(SCHEMA_OF[recordSet["@id"]]!);
      expect(recordSet.field.map((f: any) => f.name), recordSet["@id"]).toEqual(Object.keys(schema.properties));
      for (const field of recordSet.field) {
        const where = field["@id"];
        expect(fieldIds.has(where), where).toBe(false);
        fieldIds.add(where);
        expect(schema.properties[field.name], where).toBeDefined();
        const type = jsonType(schema, schema.properties[field.name]);
        if (type !== "array") {
          expect([field.dataType, field.isArray], where).toEqual([mapped[type], undefined]);
          expect(field.source.extract.jsonPath, where).toBe(`$.${field.name}`);
          expect(field.source.fileObject["@id"], where).toBe(`corpus/data/${recordSet["@id"]}.jsonl`);
          continue;
        }
        expect(field.isArray, where).toBe(true);
        const items = resolved(schema, resolved(schema, schema.properties[field.name]).items);
        if (items.type !== "object") {
          expect(field.dataType, where).toBe(mapped[jsonType(schema, items)]);
          expect(field.source.extract.jsonPath, where).toBe(`$.${field.name}`);
          expect(fileIds.has(field.source.fileObject["@id"]), where).toBe(true);
          continue;
        }
        // A field with subFields takes its types from them.
        expect([field.dataType, field.subField.map((f: any) => f.name)], where).toEqual([undefined, Object.keys(items.properties)]);
        for (const sub of field.subField) {
          expect(sub.dataType, sub["@id"]).toBe(mapped[jsonType(schema, items.properties[sub.name])]);
          expect(sub.source.extract.jsonPath, sub["@id"]).toBe(`$.${field.name}[*].${sub.name}`);
          expect(sub.source.fileObject["@id"], sub["@id"]).toBe(`corpus/data/${recordSet["@id"]}.jsonl`);
        }
      }
      if (recordSet.key) expect(fieldIds.has(recordSet.key["@id"]), recordSet["@id"]).toBe(true);
    }
  });

  it("should refuse a data-file list that lacks a published JSONL file", async () => {
    const dataFiles = input.dataFiles.filter((f) => f.path !== "corpus/data/entities.jsonl");
    await expect(buildExports({ ...input, dataFiles })).rejects.toThrow(/corpus\/data\/entities\.jsonl/);
  });
});

describe("exports: refusals", () => {
  it("should refuse outermost mentions that overlap, which BIO cannot encode", async () => {
    const nested = published.mentions.find((m) => m.parent !== undefined)!;
    const mentions = published.mentions.map((m) => (m.id === nested.id ? { ...m, parent: undefined } : m));
    await expect(buildExports({ ...input, mentions })).rejects.toThrow(/overlap/);
  });
});
