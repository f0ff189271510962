/**
 * Deterministic synthetic corpora for the benchmarks: Arabic-looking text built from a fixed syllable
 * list by a seeded PRNG (never Math.random), and records shaped exactly like the published ones
 * (same fields, same key order, same id scheme), valid against schema/v1 and against every check
 * of `arabic-news-corpus validate` (code-point offsets, `text` equal to the document slice, clitic
 * and canonical rule, catalogue types, one nesting level, one label per sentence × target).
 *
 * Two outputs, from the same documents (document N is the same whichever output is asked for):
 *   - `writeJsonlCorpus`: the published JSONL files, sized by the bytes of entities.jsonl or by a
 *     document count, optionally with a fraction of INVALID records (wrong offset, bad enum,
 *     dangling reference) and a JSON-array copy of the mentions for ajv-cli;
 *   - `writeSourceTree`: corpus/raw, corpus/repairs (the four rules, no repairs, the right
 *     rawSha256) and corpus/annotations (quote selectors, catalogue, targets), so that the real
 *     `scripts/build.ts` can run on N synthetic documents.
 *
 * CLI: npx tsx scripts/bench/synthetic.ts jsonl <dir> [--mb 10 | --documents 100] [--invalid 0.01] [--all-kinds] [--seed s]
 *      npx tsx scripts/bench/synthetic.ts source <root> --documents 10 [--seed s]
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { DocumentRecords } from "../build-document.js";
import type {
  Document,
  Entity,
  EntityAnnotation,
  EntityMention,
  EntityType,
  Paragraph,
  Sentence,
  SentenceStance,
  Stance,
  StanceAnnotation,
  StanceTarget,
  Token,
} from "../../src/generated/types.js";

// ---------------------------------------------------------------------------------------------
// Seeded PRNG

/** mulberry32 seeded with a 32-bit FNV-1a hash of a string: small, fast and deterministic. */
export class Rng {
  #state: number;

  constructor(seed: string) {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.#state = h;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Words

/** The fixed syllable list: Arabic letters only (BMP, NFC, no combining marks). */
const SYLLABLES = [
  "با", "تو", "سي", "مر", "كا", "لي", "نو", "حا", "دي", "رو", "عا", "قي", "فو", "جا", "شي", "طو",
  "زا", "هي", "نا", "ما", "ري", "سا", "بو", "تي", "خا", "دو", "صا", "ضي", "غو", "يا", "وا", "لا",
  "را", "مي", "بن", "قد", "عم", "سل", "كت", "حم", "شر", "جم", "نظ", "تع", "وز", "فر",
] as const;
const ENDINGS = ["ة", "ن", "ر", "م", "ي", "ات", "ين", "ون", "ل", "د"] as const;
const ORG_HEADS = ["وزارة", "مجلس", "منظمة", "حزب", "هيئة"] as const;
const EVENT_HEADS = ["مؤتمر", "حرب", "قمة", "معاهدة"] as const;
const DATE_HEADS = ["يوم", "شهر", "عام"] as const;
const PREFIXES = ["و", "ب", "ل", "ف"] as const;
const TATWEEL = "\u0640";

/** A word of two or three syllables and an optional ending (at least three letters). */
function word(rng: Rng): string {
  let w = "";
  const n = rng.int(2, 3);
  for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
  if (rng.chance(0.5)) w += rng.pick(ENDINGS);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Catalogue and targets

export interface Catalogue {
  entities: Entity[];
  /** Entities by type, for drawing mentions. */
  byType: Map<EntityType, Entity[]>;
  /** For an ORG entity whose name ends with a GPE name: that GPE entity (the nested mention). */
  innerOf: Map<string, Entity>;
  targets: StanceTarget[];
}

const CATALOGUE_SIZES: Array<[EntityType, number]> = [
  ["GPE", 48],
  ["PER", 48],
  ["ORG", 24],
  ["LOC", 12],
  ["FAC", 12],
  ["NORP", 12],
  ["DATE", 12],
  ["EVENT", 12],
];

/** The corpus-wide entity catalogue and stance targets, sorted by id as the build publishes them. */
export function makeCatalogue(seed: string): Catalogue {
  const rng = new Rng(`${seed}:catalogue`);
  const entities: Entity[] = [];
  const innerOf = new Map<string, Entity>();
  const gpes: Entity[] = [];
  const used = new Set<string>();
  const fresh = (make: () => string): string => {
    for (;;) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  for (const [type, count] of CATALOGUE_SIZES) {
    for (let i = 1; i <= count; i++) {
      const id = `${type.toLowerCase()}-${String(i).padStart(3, "0")}`;
      let canonical: string;
      let inner: Entity | undefined;
      switch (type) {
        case "GPE":
          canonical = fresh(() => (rng.chance(0.5) ? `ال${word(rng)}` : word(rng)));
          break;
        case "PER":
          canonical = fresh(() => `${word(rng)} ${word(rng)}`);
          break;
        case "ORG":
          inner = rng.pick(gpes);
          canonical = fresh(() => `${rng.pick(ORG_HEADS)} ${inner!.canonical}`);
          break;
        case "NORP":
          canonical = fresh(() => `ال${word(rng)}ون`);
          break;
        case "DATE":
          canonical = fresh(() => `${rng.pick(DATE_HEADS)} ${word(rng)}`);
          break;
        case "EVENT":
          canonical = fresh(() => `${rng.pick(EVENT_HEADS)} ${word(rng)}`);
          break;
        default:
          canonical = fresh(() => word(rng));
      }
      const entity: Entity = {
        id,
        type,
        canonical,
        english: `Synthetic ${type} ${i}`,
        ...(type === "GPE" && i % 6 === 0 ? { metonymicTypes: ["ORG" as EntityType] } : {}),
        ...(i % 3 === 0 ? { wikidata: `Q${100000 + i}` } : {}),
        ...(i % 4 === 0 ? { note: "Synthetic entity for benchmarks." } : {}),
      };
      entities.push(entity);
      if (type === "GPE") gpes.push(entity);
      if (inner) innerOf.set(id, inner);
    }
  }
  entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byType = new Map<EntityType, Entity[]>();
  for (const e of entities) {
    const list = byType.get(e.type) ?? [];
    list.push(e);
    byType.set(e.type, list);
  }
  const targets: StanceTarget[] = [];
  // Named like the corpus's targets (`inclusive-iraqi-government`), with no number at the end, so
  // that label ids (`<sentence>#<target>`) have the shape a validator meets in practice; in this
  // order they are also sorted by id.
  const names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];
  for (let i = 1; i <= 7; i++) {
    targets.push({
      id: `target-${names[i - 1]!}`,
      nameAr: `${word(rng)} ${word(rng)} ${word(rng)}`,
      nameEn: `Synthetic target ${i}`,
      definition: `A synthetic stance target for benchmarks. FAVOR: the holder supports target ${i}. AGAINST: the holder opposes it.`,
    });
  }
  return { entities, byType, innerOf, targets };
}

// ---------------------------------------------------------------------------------------------
// Documents

/** Everything one synthetic document publishes, plus its authored (source) form. */
export interface SyntheticDocument extends DocumentRecords {
  id: string;
  raw: string;
  entityAnnotations: EntityAnnotation[];
  stanceAnnotations: StanceAnnotation[];
}

interface DraftWord {
  surface: string;
  /** Punctuation written right after the word ("،" or the sentence's "."). */
  punct?: string;
}

interface DraftMention {
  first: number;
  /** Inclusive. */
  last: number;
  type: EntityType;
  entity: string;
  prefix: string;
  canonical: string;
}

/** Where a sentence's words lie, once the document text is laid out (offsets in code points). */
interface LaidSentence {
  record: Sentence;
  paragraphIndex: number;
  /** Offset of the paragraph in the document, to make paragraph-relative quotes. */
  paragraphStart: number;
  wordStart: number[];
  wordEnd: number[];
  /** Token index of each word within the sentence. */
  wordToken: number[];
}

const ENTITY_TYPE_WEIGHTS: EntityType[] = ["GPE", "GPE", "GPE", "PER", "PER", "PER", "ORG", "ORG", "LOC", "FAC", "NORP", "DATE", "EVENT"];
const ATTRIBUTIONS = ["direct-quotation", "reported-speech", "described-action"] as const;

/** Code-point length (all synthetic text is BMP, but offsets are counted as the corpus counts them). */
const cpLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Occurrence number (1-based) of the match of `quote` in `text` at UTF-16 index `at`, counted as resolveQuote counts. */
function occurrenceAt(text: string, quote: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    n++;
    if (i === at) return n;
  }
  throw new Error(`synthetic: ${quote} not found at ${at}`);
}

/** The written form of a name with a proclitic prefix (ل + ال fuses to لل). */
const surfaceOf = (prefix: string, canonical: string): string =>
  prefix.endsWith("ل") && canonical.startsWith("ال") ? `${prefix}${canonical.slice(1)}` : `${prefix}${canonical}`;

/**
 * One document about the size of the real article: 14–20 paragraphs of one or two sentences,
 * 26–44 words a sentence, about six mentions a sentence (some nested one level, some with a
 * proclitic, some metonymic), and 20–32 attributed stances.
 */
export function makeDocument(seed: string, id: string, catalogue: Catalogue): SyntheticDocument {
  const rng = new Rng(`${seed}:${id}`);
  // 1. Draft the words and mentions of each sentence.
  const draft: Array<Array<{ words: DraftWord[]; mentions: DraftMention[] }>> = [];
  const paragraphCount = rng.int(14, 20);
  for (let p = 0; p < paragraphCount; p++) {
    const sentences: Array<{ words: DraftWord[]; mentions: DraftMention[] }> = [];
    const sentenceCount = rng.chance(0.25) ? 2 : 1;
    for (let s = 0; s < sentenceCount; s++) {
      const words: DraftWord[] = [];
      const mentions: DraftMention[] = [];
      const length = rng.int(26, 44);
      while (words.length < length) {
        if (rng.chance(0.13)) {
          const type = rng.pick(ENTITY_TYPE_WEIGHTS);
          const entity = rng.pick(catalogue.byType.get(type)!);
          const prefix = rng.chance(0.3) ? rng.pick(PREFIXES) : "";
          const mentionType = entity.metonymicTypes && rng.chance(0.5) ? entity.metonymicTypes[0]! : entity.type;
          const parts = surfaceOf(prefix, entity.canonical).split(" ");
          const first = words.length;
          for (const part of parts) words.push({ surface: part });
          mentions.push({ first, last: words.length - 1, type: mentionType, entity: entity.id, prefix, canonical: entity.canonical });
          const inner = catalogue.innerOf.get(entity.id);
          if (inner) {
            const innerWords = inner.canonical.split(" ").length;
            mentions.push({ first: words.length - innerWords, last: words.length - 1, type: inner.type, entity: inner.id, prefix: "", canonical: inner.canonical });
          }
        } else {
          words.push({ surface: word(rng) });
        }
        if (rng.chance(0.06) && words.length < length) words[words.length - 1]!.punct = "،";
      }
      words[words.length - 1]!.punct = ".";
      sentences.push({ words, mentions });
    }
    draft.push(sentences);
  }

  // 2. Lay out the text: words joined by spaces, sentences by a space, paragraphs by "\n\n".
  const paragraphTexts: string[] = [];
  const laid: Array<{ draft: { words: DraftWord[]; mentions: DraftMention[] }; sentence: LaidSentence }> = [];
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  let offset = 0;
  const pieces: string[] = [];
  draft.forEach((sentenceDrafts, p) => {
    if (p > 0) {
      pieces.push("\n\n");
      offset += 2;
    }
    const paragraphId = `${id}/p${p + 1}`;
    const paragraphStart = offset;
    const paragraphPieces: string[] = [];
    sentenceDrafts.forEach((sd, s) => {
      if (s > 0) {
        paragraphPieces.push(" ");
        offset += 1;
      }
      const sentenceStart = offset;
      const sentenceId = `${paragraphId}/s${s + 1}`;
      const wordStart: number[] = [];
      const wordEnd: number[] = [];
      const wordToken: number[] = [];
      const sentenceTokens: Array<{ start: number; end: number; text: string; kind: "word" | "punct" }> = [];
      sd.words.forEach((w, i) => {
        if (i > 0) {
          paragraphPieces.push(" ");
          offset += 1;
        }
        wordStart.push(offset);
        wordToken.push(sentenceTokens.length);
        const len = cpLength(w.surface);
        sentenceTokens.push({ start: offset, end: offset + len, text: w.surface, kind: "word" });
        paragraphPieces.push(w.surface);
        offset += len;
        wordEnd.push(offset);
        if (w.punct) {
          sentenceTokens.push({ start: offset, end: offset + 1, text: w.punct, kind: "punct" });
          paragraphPieces.push(w.punct);
          offset += 1;
        }
      });
      const sentenceText = sd.words.map((w) => `${w.surface}${w.punct ?? ""}`).join(" ");
      const record: Sentence = { id: sentenceId, document: id, paragraph: paragraphId, index: s, start: sentenceStart, end: offset, text: sentenceText };
      sentences.push(record);
      sentenceTokens.forEach((t, k) => {
        tokens.push({ id: `${sentenceId}/t${k + 1}`, document: id, paragraph: paragraphId, sentence: sentenceId, index: k, start: t.start, end: t.end, text: t.text, kind: t.kind });
      });
      laid.push({ draft: sd, sentence: { record, paragraphIndex: p, paragraphStart, wordStart, wordEnd, wordToken } });
    });
    const paragraphText = paragraphPieces.join("");
    paragraphTexts.push(paragraphText);
    pieces.push(paragraphText);
    paragraphs.push({ id: paragraphId, document: id, index: p, start: paragraphStart, end: offset, text: paragraphText });
  });
  const text = pieces.join("");

  // 3. The raw file: lines wrapped at about 90 characters, some tatweel inside words.
  const raw = `${paragraphTexts.map((t) => rawParagraph(rng, t)).join("\n\n")}\n`;
  const rawSha256 = createHash("sha256").update(raw).digest("hex");

  // 4. Mentions, in text order (outer before inner), and their quote selectors.
  const mentions: EntityMention[] = [];
  const entityAnnotations: EntityAnnotation[] = [];
  let mentionNumber = 0;
  for (const { draft: sd, sentence: ls } of laid) {
    let outer: { id: string; first: number; last: number } | null = null;
    for (const dm of sd.mentions) {
      mentionNumber++;
      const start = ls.wordStart[dm.first]!;
      const end = ls.wordEnd[dm.last]!;
      const mentionText = text.slice(start, end);
      const mentionId = `${id}/e${mentionNumber}`;
      const parent = outer && dm.first >= outer.first && dm.last <= outer.last ? outer.id : undefined;
      const mention: EntityMention = {
        id: mentionId,
        document: id,
        paragraph: ls.record.paragraph,
        sentence: ls.record.id,
        start,
        end,
        text: mentionText,
        tokenStart: ls.wordToken[dm.first]!,
        tokenEnd: ls.wordToken[dm.last]! + 1,
        type: dm.type,
        entity: dm.entity,
        prefix: dm.prefix,
        canonical: dm.canonical,
      };
      if (parent) mention.parent = parent;
      mentions.push(mention);
      if (!parent) outer = { id: mentionId, first: dm.first, last: dm.last };
      const paragraphText = paragraphTexts[ls.paragraphIndex]!;
      entityAnnotations.push({
        id: `e${mentionNumber}`,
        paragraph: `p${ls.paragraphIndex + 1}`,
        quote: mentionText,
        occurrence: occurrenceAt(paragraphText, mentionText, start - ls.paragraphStart),
        type: dm.type,
        entity: dm.entity,
        prefix: dm.prefix,
        canonical: dm.canonical,
      });
    }
  }

  // 5. Attributed stances: one polar label per target in the document, so no sentence needs a
  // declared resolution; evidence is a run of 3–8 words inside one sentence.
  const polar = new Map(catalogue.targets.map((t) => [t.id, rng.chance(0.5) ? "FAVOR" : "AGAINST"] as const));
  const mentioned = [...new Set(mentions.map((m) => m.entity))].sort();
  const stances: Stance[] = [];
  const stanceAnnotations: StanceAnnotation[] = [];
  const stanceCount = rng.int(20, 32);
  const sentenceOrder = new Map(sentences.map((s, i) => [s.id, i]));
  for (let n = 1; n <= stanceCount; n++) {
    const holder = rng.chance(0.2) || mentioned.length === 0 ? "writer" : rng.pick(mentioned);
    const target = rng.pick(catalogue.targets).id;
    const roll = rng.next();
    const label = roll < 0.7 ? polar.get(target)! : roll < 0.85 ? "NEUTRAL" : "NONE";
    const spans: Array<{ ls: LaidSentence; start: number; end: number; quote: string }> = [];
    const evidenceCount = rng.chance(0.3) ? 2 : 1;
    for (let e = 0; e < evidenceCount; e++) {
      const { sentence: ls } = rng.pick(laid);
      const count = ls.wordStart.length;
      const span = rng.int(3, 8);
      const first = rng.int(0, count - span);
      const start = ls.wordStart[first]!;
      const end = ls.wordEnd[first + span - 1]!;
      spans.push({ ls, start, end, quote: text.slice(start, end) });
    }
    const holderDescription = `${word(rng)} ${word(rng)} — synthetic holder ${n}`;
    const attribution = rng.pick(ATTRIBUTIONS);
    const explicit = rng.chance(0.7);
    const conditional = rng.chance(0.1);
    const negated = rng.chance(0.1);
    const rationale = `Synthetic stance ${n} for benchmarks.`;
    const sentenceIds = [...new Set(spans.map((s) => s.ls.record.id))].sort((a, b) => sentenceOrder.get(a)! - sentenceOrder.get(b)!);
    stances.push({
      id: `${id}/st${n}`,
      document: id,
      holder,
      holderDescription,
      target,
      label,
      evidence: spans.map((s) => ({ sentence: s.ls.record.id, start: s.start, end: s.end, text: s.quote })) as Stance["evidence"],
      sentences: sentenceIds as Stance["sentences"],
      attribution,
      explicit,
      conditional,
      negated,
      rationale,
    });
    stanceAnnotations.push({
      id: `st${n}`,
      holder,
      holderDescription,
      target,
      label,
      evidence: spans.map((s) => ({
        paragraph: `p${s.ls.paragraphIndex + 1}`,
        quote: s.quote,
        occurrence: occurrenceAt(paragraphTexts[s.ls.paragraphIndex]!, s.quote, s.start - s.ls.paragraphStart),
      })) as StanceAnnotation["evidence"],
      attribution,
      explicit,
      conditional,
      negated,
      rationale,
    });
  }

  // 6. Sentence-level labels, derived as the build derives them.
  const sentenceStances: SentenceStance[] = [];
  for (const sentence of sentences) {
    for (const t of catalogue.targets) {
      const records = stances.filter((s) => s.target === t.id && (s.sentences as string[]).includes(sentence.id));
      const labels = new Set(records.map((s) => s.label).filter((l) => l === "FAVOR" || l === "AGAINST"));
      sentenceStances.push({
        id: `${sentence.id}#${t.id}`,
        document: id,
        sentence: sentence.id,
        target: t.id,
        label: labels.size === 1 ? ([...labels][0] as "FAVOR" | "AGAINST") : "NONE",
        stances: records.map((r) => r.id) as SentenceStance["stances"],
      });
    }
  }

  const document: Document = { id, document: id, language: "ar", text, raw: `corpus/raw/${id}.txt`, rawSha256 };
  return { id, raw, document, paragraphs, sentences, tokens, mentions, stances, sentenceStances, entityAnnotations, stanceAnnotations };
}

/** A paragraph as the damaged extraction might give it: wrapped lines and justification tatweel. */
function rawParagraph(rng: Rng, text: string): string {
  const words = text.split(" ").map((w) => {
    const letters = [...w];
    if (letters.length < 4 || !rng.chance(0.1)) return w;
    const at = rng.int(1, letters.length - 2);
    if (!/\p{L}/u.test(letters[at - 1]!) || !/\p{L}/u.test(letters[at]!)) return w;
    return `${letters.slice(0, at).join("")}${TATWEEL}${letters.slice(at).join("")}`;
  });
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && cpLength(line) + 1 + cpLength(w) > 90) {
      lines.push(line);
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

export const documentId = (n: number): string => `synth-${String(n).padStart(6, "0")}`;

// ---------------------------------------------------------------------------------------------
// Invalid variants

export type Corruption = "offset" | "enum" | "reference";

/**
 * Makes one record invalid in one of three ways, for the record types that have all three
 * (entity mentions, tokens, stances): a wrong offset (both ends shifted by one, so `text` no
 * longer equals the document slice), a value outside its enum, a reference to nothing.
 */
export function corrupt(kind: "entities" | "tokens" | "stances", record: Record<string, unknown>, how: Corruption): Record<string, unknown> {
  const r = structuredClone(record);
  switch (how) {
    case "offset":
      if (kind === "stances") {
        const e = (r.evidence as Array<{ start: number; end: number }>)[0]!;
        e.start += 1;
        e.end += 1;
      } else {
        r.start = (r.start as number) + 1;
        r.end = (r.end as number) + 1;
      }
      break;
    case "enum":
      if (kind === "entities") r.type = "CITY";
      else if (kind === "tokens") r.kind = "symbol";
      else r.label = "MAYBE";
      break;
    case "reference":
      if (kind === "entities") r.entity = "no-such-entity";
      else if (kind === "tokens") r.sentence = `${r.document as string}/p999/s1`;
      else r.target = "no-such-target";
      break;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Writers

/** Appends text to a file through a 1 MiB buffer, with synchronous writes (no backpressure to manage). */
class BufferedWriter {
  readonly #fd: number;
  #parts: string[] = [];
  #pending = 0;
  bytes = 0;
  records = 0;

  constructor(path: string) {
    this.#fd = openSync(path, "w");
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#pending += text.length;
    if (this.#pending > 1 << 20) this.flush();
  }

  line(record: unknown): void {
    const text = `${JSON.stringify(record)}\n`;
    this.records++;
    this.write(text);
  }

  flush(): void {
    if (this.#parts.length === 0) return;
    const buffer = Buffer.from(this.#parts.join(""), "utf8");
    writeSync(this.#fd, buffer);
    this.bytes += buffer.length;
    this.#parts = [];
    this.#pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}

/** Published JSONL file names, as in corpus/data. */
export const JSONL_KINDS = ["documents", "paragraphs", "sentences", "tokens", "entities", "entity-catalogue", "stance-targets", "stances", "sentence-stances"] as const;
export type JsonlKind = (typeof JSONL_KINDS)[number];

export interface JsonlCorpusOptions {
  dir: string;
  seed: string;
  /** Stop after the document that brings entities.jsonl to at least this many bytes. */
  mentionBytes?: number;
  /** Or write exactly this many documents. */
  documents?: number;
  /** Which files to write (default: documents, paragraphs, sentences, entity-catalogue, entities). */
  kinds?: readonly JsonlKind[];
  /** Fraction of entity mentions, tokens and stances made invalid (default 0). */
  invalidFraction?: number;
  /** Also write the mentions as one JSON array (entities.json), for ajv-cli. */
  mentionArray?: boolean;
}

export interface JsonlCorpus {
  dir: string;
  documents: number;
  /** Path of each written file, by kind (and "entities-array" for the JSON array). */
  files: Partial<Record<JsonlKind | "entities-array", string>>;
  bytes: Partial<Record<JsonlKind | "entities-array", number>>;
  records: Partial<Record<JsonlKind, number>>;
  /** Records made invalid, by kind and corruption. */
  corrupted: Record<string, number>;
}

export const VALIDATOR_KINDS: readonly JsonlKind[] = ["documents", "paragraphs", "sentences", "entity-catalogue", "entities"];

export function writeJsonlCorpus(options: JsonlCorpusOptions): JsonlCorpus {
  const kinds = new Set(options.kinds ?? VALIDATOR_KINDS);
  if (options.mentionBytes === undefined && options.documents === undefined) throw new Error("writeJsonlCorpus: give mentionBytes or documents");
  mkdirSync(options.dir, { recursive: true });
  const catalogue = makeCatalogue(options.seed);
  const writers = new Map<JsonlKind, BufferedWriter>();
  for (const kind of kinds) writers.set(kind, new BufferedWriter(join(options.dir, `${kind}.jsonl`)));
  const array = options.mentionArray ? new BufferedWriter(join(options.dir, "entities.json")) : null;
  array?.write("[\n");
  const invalidRng = new Rng(`${options.seed}:invalid`);
  const fraction = options.invalidFraction ?? 0;
  const corrupted: Record<string, number> = {};
  const maybeCorrupt = (kind: "entities" | "tokens" | "stances", record: object): object => {
    if (fraction <= 0 || !invalidRng.chance(fraction)) return record;
    const how = invalidRng.pick(["offset", "enum", "reference"] as const);
    corrupted[`${kind}:${how}`] = (corrupted[`${kind}:${how}`] ?? 0) + 1;
    return corrupt(kind, record as Record<string, unknown>, how);
  };
  writers.get("entity-catalogue")?.write(catalogue.entities.map((e) => `${JSON.stringify(e)}\n`).join(""));
  writers.get("stance-targets")?.write(catalogue.targets.map((t) => `${JSON.stringify(t)}\n`).join(""));
  let n = 0;
  let mentionBytes = 0;
  let firstMention = true;
  for (;;) {
    if (options.documents !== undefined && n >= options.documents) break;
    if (options.documents === undefined && mentionBytes >= options.mentionBytes!) break;
    n++;
    const d = makeDocument(options.seed, documentId(n), catalogue);
    writers.get("documents")?.line(d.document);
    const paragraphs = writers.get("paragraphs");
    if (paragraphs) for (const p of d.paragraphs) paragraphs.line(p);
    const sentences = writers.get("sentences");
    if (sentences) for (const s of d.sentences) sentences.line(s);
    const tokens = writers.get("tokens");
    if (tokens) for (const t of d.tokens) tokens.line(maybeCorrupt("tokens", t));
    const stances = writers.get("stances");
    if (stances) for (const s of d.stances) stances.line(maybeCorrupt("stances", s));
    const labels = writers.get("sentence-stances");
    if (labels) for (const l of d.sentenceStances) labels.line(l);
    const entities = writers.get("entities");
    for (const m of d.mentions) {
      const record = maybeCorrupt("entities", m);
      const json = JSON.stringify(record);
      mentionBytes += Buffer.byteLength(json) + 1;
      if (entities) {
        entities.records++;
        entities.write(`${json}\n`);
      }
      if (array) {
        array.write(firstMention ? json : `,\n${json}`);
        firstMention = false;
      }
    }
  }
  array?.write("\n]\n");
  const result: JsonlCorpus = { dir: options.dir, documents: n, files: {}, bytes: {}, records: {}, corrupted };
  for (const [kind, w] of writers) {
    w.close();
    result.files[kind] = join(options.dir, `${kind}.jsonl`);
    result.bytes[kind] = w.bytes;
    result.records[kind] = w.records + (kind === "entity-catalogue" ? catalogue.entities.length : kind === "stance-targets" ? catalogue.targets.length : 0);
  }
  if (array) {
    array.close();
    result.files["entities-array"] = join(options.dir, "entities.json");
    result.bytes["entities-array"] = array.bytes;
  }
  return result;
}

const RULES = [
  { id: "remove-tatweel", reason: "U+0640 ARABIC TATWEEL is justification, not text (synthetic)." },
  { id: "nfc", reason: "The published text is in Unicode Normalization Form C (synthetic)." },
  { id: "fold-whitespace", reason: "Line breaks inside a paragraph are layout, not text (synthetic)." },
  { id: "paragraph-separator", reason: "A blank line ends a paragraph (synthetic)." },
];

/**
 * Writes the build's inputs for `documents` synthetic documents under `root`: corpus/raw/<id>.txt,
 * corpus/repairs/<id>.json (the four rules, no repairs, the right rawSha256),
 * corpus/annotations/<id>.entities.jsonl and <id>.stances.jsonl (quote selectors), the entity
 * catalogue and the stance targets. `root` also needs package.json and schema/ (the caller copies them).
 */
export function writeSourceTree(root: string, options: { documents: number; seed: string }): { documents: number; rawBytes: number } {
  const catalogue = makeCatalogue(options.seed);
  for (const dir of ["corpus/raw", "corpus/repairs", "corpus/annotations"]) mkdirSync(join(root, dir), { recursive: true });
  const jsonl = (records: object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");
  writeFileSync(join(root, "corpus/annotations/entity-catalogue.jsonl"), jsonl(catalogue.entities));
  writeFileSync(join(root, "corpus/annotations/stance-targets.jsonl"), jsonl(catalogue.targets));
  let rawBytes = 0;
  for (let n = 1; n <= options.documents; n++) {
    const d = makeDocument(options.seed, documentId(n), catalogue);
    writeFileSync(join(root, `corpus/raw/${d.id}.txt`), d.raw);
    rawBytes += Buffer.byteLength(d.raw);
    const repairs = { document: d.id, rawSha256: d.document.rawSha256, rules: RULES, repairs: [] };
    writeFileSync(join(root, `corpus/repairs/${d.id}.json`), `${JSON.stringify(repairs, null, 2)}\n`);
    writeFileSync(join(root, `corpus/annotations/${d.id}.entities.jsonl`), jsonl(d.entityAnnotations));
    writeFileSync(join(root, `corpus/annotations/${d.id}.stances.jsonl`), jsonl(d.stanceAnnotations));
  }
  return { documents: options.documents, rawBytes };
}

// ---------------------------------------------------------------------------------------------
// CLI

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mb: { type: "string" },
      documents: { type: "string" },
      invalid: { type: "string" },
      "all-kinds": { type: "boolean" },
      array: { type: "boolean" },
      seed: { type: "string" },
    },
  });
  const [mode, out] = positionals;
  const seed = values.seed ?? "bench";
  if (mode === "jsonl" && out) {
    const result = writeJsonlCorpus({
      dir: out,
      seed,
      ...(values.documents ? { documents: Number(values.documents) } : { mentionBytes: Number(values.mb ?? "10") * 1e6 }),
      ...(values["all-kinds"] ? { kinds: JSONL_KINDS } : {}),
      invalidFraction: Number(values.invalid ?? "0"),
      mentionArray: values.array ?? false,
    });
    console.log(JSON.stringify(result, null, 2));
  } else if (mode === "source" && out) {
    console.log(JSON.stringify(writeSourceTree(out, { documents: Number(values.documents ?? "1"), seed })));
  } else {
    console.error("usage: synthetic.ts jsonl <dir> [--mb N | --documents N] [--invalid F] [--all-kinds] [--array] [--seed S]\n       synthetic.ts source <root> --documents N [--seed S]");
    process.exitCode = 2;
  }
}
