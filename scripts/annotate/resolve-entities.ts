import type { Entity, EntityAnnotation, EntityMention, EntityType } from "../../src/generated/types.js";
import { BuildError, quote } from "../lib/build-error.js";
import { allowedCanonicals } from "../../src/clitics.js";
import { resolveQuote, type SegmentedDocument } from "./resolve-quote.js";

/**
 * Resolves a document's authored mentions into EntityMention records and checks the guideline
 * rules that can be checked mechanically: tokens, catalogue and type, clitic prefix and canonical
 * form, duplicates, crossing spans and nesting depth (one inner level).
 */
export function resolveEntities(
  doc: SegmentedDocument,
  authored: Array<{ line: number; record: EntityAnnotation }>,
  catalogue: Map<string, Entity> | null,
  file: string,
): EntityMention[] {
  const seen = new Set<string>();
  const mentions = authored.map(({ line, record: a }) => {
    const fail = (problem: string): never => {
      throw new BuildError(file, `${line}`, `mention ${a.id}: ${problem}`);
    };
    if (seen.has(a.id)) fail(`expected a unique mention id, found ${a.id} again`);
    seen.add(a.id);
    const span = resolveQuote(doc, a, file, line);
    const tokens = doc.tokensBySentence.get(span.sentence.id) ?? [];
    const first = tokens.findIndex((t) => t.start === span.start);
    const last = tokens.findIndex((t) => t.end === span.end);
    if (first === -1 || last === -1) fail(`expected ${quote(a.quote)} to start and end on token boundaries, found it cutting a token`);
    // A second annotation pass (for agreement) links to its own ids, so it has no catalogue.
    if (catalogue) {
      const entity = catalogue.get(a.entity);
      if (!entity) return fail(`expected entity ${JSON.stringify(a.entity)} in the catalogue, found none`);
      const types: EntityType[] = [entity.type, ...(entity.metonymicTypes ?? [])];
      if (!types.includes(a.type)) fail(`expected type ${types.join(" or ")} for entity ${entity.id}, found ${a.type}`);
    }
    const canonicals = allowedCanonicals(a.quote, a.prefix);
    if (canonicals.length === 0) fail(`expected the prefix ${quote(a.prefix)} to begin ${quote(a.quote)}, found it does not`);
    if (!canonicals.includes(a.canonical)) fail(`expected canonical ${canonicals.map((c) => quote(c)).join(" or ")} for prefix ${quote(a.prefix)}, found ${quote(a.canonical)}`);
    const mention: EntityMention = {
      id: `${doc.id}/${a.id}`,
      document: doc.id,
      paragraph: span.paragraph.id,
      sentence: span.sentence.id,
      start: span.start,
      end: span.end,
      text: span.text,
      tokenStart: first,
      tokenEnd: last + 1,
      type: a.type,
      entity: a.entity,
      prefix: a.prefix,
      canonical: a.canonical,
      ...(a.note ? { note: a.note } : {}),
    };
    return { mention, line };
  });
  mentions.sort((x, y) => x.mention.start - y.mention.start || y.mention.end - x.mention.end || x.line - y.line);
  for (let i = 0; i < mentions.length; i++) {
    const { mention, line } = mentions[i]!;
    const fail = (problem: string): never => {
      throw new BuildError(file, `${line}`, `mention ${mention.id.split("/").pop()}: ${problem}`);
    };
    const outers = mentions.filter((o, j) => j !== i && o.mention.start <= mention.start && mention.end <= o.mention.end);
    for (const o of mentions) {
      if (o === mentions[i]) continue;
      const m = mention;
      const n = o.mention;
      if (n.start === m.start && n.end === m.end) fail(`expected no duplicate span, found the same span as line ${o.line}`);
      if (n.start < m.start && m.start < n.end && n.end < m.end) fail(`expected nested or separate spans, found it crossing the mention on line ${o.line}`);
    }
    if (outers.length > 1) fail(`expected at most one level of nesting, found it inside ${outers.length} mentions (lines ${outers.map((o) => o.line).join(", ")})`);
    if (outers.length === 1) mention.parent = outers[0]!.mention.id;
  }
  return mentions.map((m) => m.mention);
}
