import type { OffsetMap, TextRepairs } from "../../src/generated/types.js";
import { BuildError } from "../lib/build-error.js";
import { hex, type Removal, type SourcedChar } from "./apply-repairs.js";

export const PARAGRAPH_SEPARATOR = "\n\n";

/** The document's characters with their sources, paragraphs joined by the inserted separator. */
export function joinParagraphs(paragraphs: SourcedChar[][]): SourcedChar[] {
  const separator = [...PARAGRAPH_SEPARATOR].map((ch) => ({ ch, raw: null, by: "rule:paragraph-separator" }));
  return paragraphs.flatMap((p, i) => (i === 0 ? p : [...separator, ...p]));
}

/**
 * Proves provenance both ways, or fails the build: every published character comes from one raw
 * character (unchanged, or changed by the rule or repair it names) or was inserted by a named
 * rule; every raw character is the source of exactly one published character or was removed by
 * a named rule or repair.
 */
export function checkProvenance(chars: SourcedChar[], removed: Removal[], raw: string[], repairs: TextRepairs, file: string): void {
  const decodes = new Map<string, { found: string; decoded: string }>();
  const joins = new Set<string>();
  for (const r of repairs.repairs) {
    if (r.op === "decode-glyph") decodes.set(`repair:${r.id}`, r);
    if (r.op === "join-paragraph") joins.add(`repair:${r.id}`);
  }
  const uses = new Array<number>(raw.length).fill(0);
  chars.forEach((c, offset) => {
    const where = `published offset ${offset}`;
    if (c.raw === null) {
      if (c.by === null) throw new BuildError(file, undefined, `${where}: expected a source for ${JSON.stringify(c.ch)}, found neither a raw offset nor a rule or repair`);
      return;
    }
    uses[c.raw]!++;
    const source = raw[c.raw];
    if (source === c.ch) return;
    const decode = c.by ? decodes.get(c.by) : undefined;
    const explained =
      ((c.by === "rule:fold-whitespace" || (c.by !== null && joins.has(c.by))) && /\s/u.test(source ?? "") && c.ch === " ") ||
      c.by === "rule:nfc" ||
      (decode !== undefined && source !== undefined && hex(source) === decode.found && c.ch === decode.decoded);
    if (!explained) {
      throw new BuildError(file, undefined, `${where}: expected ${JSON.stringify(c.ch)} to equal raw offset ${c.raw} or be explained by ${c.by ?? "a rule"}, found raw ${JSON.stringify(source)}`);
    }
  });
  for (const r of removed) uses[r.raw]!++;
  const wrong = uses.findIndex((n) => n !== 1);
  if (wrong !== -1) {
    throw new BuildError(file, undefined, `raw offset ${wrong} (${JSON.stringify(raw[wrong])}): expected to be kept or removed exactly once, found ${uses[wrong]} times`);
  }
}

/** Compresses per-character sources into the published offset map. */
export function toOffsetMap(document: string, chars: SourcedChar[], removed: Removal[], rawLength: number): OffsetMap {
  const segments: OffsetMap["segments"] = [];
  let open: { start: number; end: number; rawStart: number | null; by: string | null } | null = null;
  const flush = () => {
    if (!open) return;
    segments.push({
      start: open.start,
      end: open.end,
      ...(open.rawStart !== null ? { rawStart: open.rawStart } : {}),
      ...(open.by !== null ? { by: open.by } : {}),
    });
  };
  chars.forEach((c, offset) => {
    const continues =
      open !== null &&
      open.by === c.by &&
      (open.rawStart === null ? c.raw === null : c.raw === open.rawStart + (offset - open.start));
    if (continues) open!.end = offset + 1;
    else {
      flush();
      open = { start: offset, end: offset + 1, rawStart: c.raw, by: c.by };
    }
  });
  flush();
  const sorted = [...removed].sort((a, b) => a.raw - b.raw);
  const removals: OffsetMap["removed"] = [];
  for (const r of sorted) {
    const last = removals[removals.length - 1];
    if (last && last.rawEnd === r.raw && last.by === r.by) last.rawEnd++;
    else removals.push({ rawStart: r.raw, rawEnd: r.raw + 1, by: r.by });
  }
  return { id: document, document, raw: `corpus/raw/${document}.txt`, rawLength, segments, removed: removals };
}
