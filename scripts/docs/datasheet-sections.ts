import type { Entity, EntityMention, Manifest, SentenceStance, Stance, StanceTarget, TextRepairs } from "../../src/generated/types.js";
import { CONFIDENCES, ENTITY_TYPES, SENTENCE_STANCE_LABELS, STANCE_LABELS } from "../../src/generated/labels.js";
import { publishedKinds } from "../../src/record-kinds.js";
import { markdownTable } from "./generated-sections.js";
import type { SchemaFile } from "../lib/schemas.js";

/** What the DATASHEET's tables are made from; of the per-document records, only the fields they count. */
export interface DatasheetInput {
  manifest: Manifest;
  mentions: Array<Pick<EntityMention, "type" | "parent">>;
  catalogue: Entity[];
  targets: StanceTarget[];
  stances: Array<Pick<Stance, "target" | "label">>;
  sentenceStances: Array<Pick<SentenceStance, "target" | "label">>;
  repairs: Array<Pick<TextRepairs, "repairs">>;
  removedByRule: Record<string, number>;
  agreement: unknown;
  schemas: SchemaFile[];
}

/**
 * The schema a published file's records follow, from the package's one list of record types: the
 * names differ (`entities.jsonl` holds `entity-mention` records), and readers outside TypeScript
 * have only this table to pair them.
 */
function schemaOfDataFile(path: string): string {
  const kind = publishedKinds.find((k) => path === `corpus/data/${k.file}.jsonl`);
  if (!kind) throw new Error(`DATASHEET: expected a record type for ${path} in src/record-kinds.ts, found none`);
  return `schema/v1/${kind.name}.schema.json`;
}

const count = <T>(items: T[], key: (x: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

/** The generated sections of DATASHEET.md, by marker name. */
export function datasheetSections(input: DatasheetInput): Record<string, string> {
  const { manifest } = input;
  const records = markdownTable(
    ["file", "schema", "records", "bytes"],
    manifest.files.filter((f) => f.records !== undefined && f.path.startsWith("corpus/data/")).map((f) => [`\`${f.path}\``, `\`${schemaOfDataFile(f.path)}\``, f.records!, f.bytes]),
  );
  const types = ENTITY_TYPES;
  const byType = count(input.mentions, (m) => m.type);
  const nested = count(input.mentions.filter((m) => m.parent), (m) => m.type);
  const entities = count(input.catalogue, (e) => e.type);
  const entityTypes = markdownTable(
    ["type", "mentions", "of which nested", "catalogue entities"],
    [...types.map((t) => [t, byType[t] ?? 0, nested[t] ?? 0, entities[t] ?? 0]), ["total", input.mentions.length, input.mentions.filter((m) => m.parent).length, input.catalogue.length]],
  );
  const labels = STANCE_LABELS;
  const stanceLabels = markdownTable(
    ["target", ...labels.map((l) => `attributed ${l}`), ...SENTENCE_STANCE_LABELS.map((l) => `sentences ${l}`)],
    input.targets.map((t) => {
      const attributed = count(input.stances.filter((s) => s.target === t.id), (s) => s.label);
      const sentence = count(input.sentenceStances.filter((s) => s.target === t.id), (s) => s.label);
      return [`\`${t.id}\` (${t.nameEn})`, ...labels.map((l) => attributed[l] ?? 0), ...SENTENCE_STANCE_LABELS.map((l) => sentence[l] ?? 0)];
    }),
  );
  const all = input.repairs.flatMap((r) => r.repairs);
  const ops = ["reorder-line", "decode-glyph", "join-paragraph", "break-paragraph"];
  const repairs = markdownTable(
    ["class", "repairs", ...CONFIDENCES],
    [
      ...ops.map((op) => {
        const of = all.filter((r) => r.op === op);
        const c = count(of, (r) => r.confidence);
        return [op, of.length, ...CONFIDENCES.map((level) => c[level] ?? 0)];
      }),
      ...Object.entries(input.removedByRule).sort().map(([rule, n]) => [`rule ${rule} (raw characters removed)`, n, "", "", "", ""]),
    ],
  );
  const uncertain = markdownTable(
    ["repair", "raw line", "what", "confidence", "evidence"],
    all.filter((r) => r.confidence === "medium" || r.confidence === "low" || (r.op !== "decode-glyph" && r.confidence === "high")).map((r) => [
      r.id,
      r.line,
      r.op === "decode-glyph" ? `${r.found} → ${r.decoded}` : r.op === "reorder-line" ? `reorder (${r.joins.join(", ") || "no joined word"})` : r.op,
      r.confidence,
      r.evidence,
    ]),
  );
  const a = input.agreement as {
    entities: { exact: Prf; overlap: Prf; exactTyped: Prf; typeAgreement: { matched: number; agreed: number; rate: number } };
    stances: { sentenceLabels: { n: number; observed: number | null; expected: number | null; kappa: number | null }; records: { a: number; b: number; matched: number; labelAgreed: number; labelAgreement: number }; fields: Record<string, { agreed: number; rate: number }>; evidence: { identical: number; rate: number; overlap: number } };
  } | null;
  const agreement = a
    ? markdownTable(
        ["measure", "figure", "counts"],
        [
          ["mentions, exact span F1", a.entities.exact.f1, `${a.entities.exact.matched} matched; A ${a.entities.exact.a}, B ${a.entities.exact.b}`],
          ["mentions, overlap F1", a.entities.overlap.f1, `${a.entities.overlap.matched} matched`],
          ["mentions, exact span and type F1", a.entities.exactTyped.f1, `${a.entities.exactTyped.matched} matched`],
          ["type agreement on exact spans", a.entities.typeAgreement.rate, `${a.entities.typeAgreement.agreed} of ${a.entities.typeAgreement.matched}`],
          ["sentence × target labels, Cohen's κ", a.stances.sentenceLabels.kappa ?? "none (no label of both passes)", `n = ${a.stances.sentenceLabels.n}; raw ${a.stances.sentenceLabels.observed ?? "—"}, chance ${a.stances.sentenceLabels.expected ?? "—"}`],
          ["attributed records found by both passes", a.stances.records.matched, `A ${a.stances.records.a}, B ${a.stances.records.b}`],
          ["label agreement on those records", a.stances.records.labelAgreement, `${a.stances.records.labelAgreed} of ${a.stances.records.matched}`],
          ...Object.entries(a.stances.fields).map(([k, v]) => [`\`${k}\` agreement on those records`, v.rate, `${v.agreed} of ${a.stances.records.matched}`] as [string, number, string]),
          ["identical evidence spans on those records", a.stances.evidence.rate, `${a.stances.evidence.identical} of ${a.stances.records.matched}`],
          ["evidence overlap on those records (code points both cover ÷ either covers)", a.stances.evidence.overlap, "all of them together"],
        ],
      )
    : "There is no second annotation pass: every layer is single-pass.";
  const fields = input.schemas
    .filter((s) => s.name !== "defs")
    .map((s) => {
      const props = (s.schema.properties ?? {}) as Record<string, { description?: string; $ref?: string; type?: string; enum?: string[]; const?: unknown }>;
      const required = new Set((s.schema.required as string[] | undefined) ?? []);
      const defs = input.schemas.find((x) => x.name === "defs")!.schema.$defs as Record<string, { description?: string; type?: string; enum?: string[] }>;
      const rows = Object.entries(props).map(([name, p]) => {
        const target = p.$ref?.startsWith("defs.schema.json#/$defs/") ? defs[p.$ref.split("/").pop()!] : undefined;
        const type = p.enum ?? target?.enum ? `one of ${(p.enum ?? target!.enum!).join(", ")}` : p.const !== undefined ? `\`${JSON.stringify(p.const)}\`` : (p.type ?? target?.type ?? "object");
        return [`\`${name}\``, type, required.has(name) ? "yes" : "no", p.description ?? target?.description ?? ""];
      });
      return `#### ${s.schema.title} (\`${s.file}\`)\n\n${s.schema.description}\n\n${markdownTable(["field", "type", "required", "description"], rows)}`;
    })
    .join("\n\n");
  return { records, "entity-types": entityTypes, "stance-labels": stanceLabels, repairs, "uncertain-repairs": uncertain, agreement, fields };
}

interface Prf {
  matched: number;
  a: number;
  b: number;
  f1: number;
}
