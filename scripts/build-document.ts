import type { Document, Entity, EntityMention, OffsetMap, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, TextRepairs, Token } from "../src/generated/types.js";
import * as validators from "../src/generated/validators.js";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CodePointText } from "../src/code-points.js";
import { BuildError } from "./lib/build-error.js";
import { readJsonFile, readJsonLines } from "./lib/read-json.js";
import { readRaw } from "./lib/read-raw.js";
import { applyRepairs } from "./text/apply-repairs.js";
import { parseMarkdown, toMarkdown } from "./text/markdown.js";
import { checkProvenance, joinParagraphs, toOffsetMap } from "./text/offset-map.js";
import { segmentSentences } from "./segment/sentences.js";
import { tokenize } from "../src/tokenize.js";
import type { SegmentedDocument } from "./annotate/resolve-quote.js";
import { resolveEntities } from "./annotate/resolve-entities.js";
import { deriveSentenceStances, resolveStances } from "./annotate/resolve-stances.js";

/** The records one document publishes (shared by the build and the benchmark's generator). */
export interface DocumentRecords {
  document: Document;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  mentions: EntityMention[];
  stances: Stance[];
  sentenceStances: SentenceStance[];
}

export interface DocumentBuild extends DocumentRecords {
  markdownPath: string;
  markdown: string;
  offsetMap: OffsetMap;
  repairs: TextRepairs;
  /** The two independent annotation passes kept for agreement, resolved, when both exist. */
  passes: { a: AnnotationPass; b: AnnotationPass } | null;
}

export interface AnnotationPass {
  mentions: EntityMention[];
  stances: Stance[];
  sentenceStances: SentenceStance[];
}

export interface CorpusContext {
  root: string;
  catalogue: Map<string, Entity>;
  targets: StanceTarget[];
}

/**
 * Builds one document from its raw file, declared repairs and authored annotations. It reads
 * nothing of any other document, so documents can be built independently (and in parallel).
 */
export function buildDocument(id: string, context: CorpusContext): DocumentBuild {
  const { root } = context;
  const rel = {
    raw: `corpus/raw/${id}.txt`,
    repairs: `corpus/repairs/${id}.json`,
    markdown: `corpus/text/${id}.md`,
    entities: `corpus/annotations/${id}.entities.jsonl`,
    stances: `corpus/annotations/${id}.stances.jsonl`,
    resolutions: `corpus/annotations/${id}.sentence-stance-resolutions.jsonl`,
  };
  const abs = (path: string) => join(root, path);

  // 1. Raw text and declared repairs → characters with their sources.
  const { bytes, text: rawText } = readRaw(abs(rel.raw));
  const repairs = readJsonFile(abs(rel.repairs), validators.TextRepairs);
  if (repairs.document !== id) throw new BuildError(rel.repairs, "/document", `expected ${JSON.stringify(id)}, found ${JSON.stringify(repairs.document)}`);
  const rawSha256 = createHash("sha256").update(bytes).digest("hex");
  if (repairs.rawSha256 !== rawSha256) {
    throw new BuildError(rel.repairs, "/rawSha256", `expected the SHA-256 of ${rel.raw} (${rawSha256}), found ${repairs.rawSha256}: the raw file changed since the repairs were written`);
  }
  const repaired = applyRepairs(rawText, repairs, { raw: rel.raw, repairs: rel.repairs });
  const chars = joinParagraphs(repaired.paragraphs);
  const rawChars = [...rawText];
  checkProvenance(chars, repaired.removed, rawChars, repairs, rel.repairs);

  // 2. Clean text → Markdown → paragraphs, parsed back with remark.
  const paragraphTexts = repaired.paragraphs.map((p) => p.map((c) => c.ch).join(""));
  const markdown = toMarkdown(id, paragraphTexts);
  const parsed = parseMarkdown(rel.markdown, markdown, id);
  const published = chars.map((c) => c.ch).join("");
  if (parsed.text !== published) throw new BuildError(rel.markdown, undefined, "expected the Markdown to carry exactly the repaired text, found a difference");
  const text = new CodePointText(parsed.text);
  const paragraphs: Paragraph[] = parsed.paragraphs.map((p, index) => ({
    id: `${id}/p${index + 1}`,
    document: id,
    index,
    start: p.start,
    end: p.end,
    text: p.text,
  }));

  // 3. Sentences and tokens.
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  const tokensBySentence = new Map<string, Token[]>();
  for (const paragraph of paragraphs) {
    const paragraphUnit = text.toUnit(paragraph.start);
    segmentSentences(paragraph.text).forEach((range, index) => {
      const start = text.toPoint(paragraphUnit + range.start);
      const end = text.toPoint(paragraphUnit + range.end);
      const sentence: Sentence = { id: `${paragraph.id}/s${index + 1}`, document: id, paragraph: paragraph.id, index, start, end, text: text.slice(start, end) };
      sentences.push(sentence);
      const sentenceTokens = tokenize(paragraph.text, range).map((t, k): Token => {
        const tStart = text.toPoint(paragraphUnit + t.start);
        const tEnd = text.toPoint(paragraphUnit + t.end);
        return { id: `${sentence.id}/t${k + 1}`, document: id, paragraph: paragraph.id, sentence: sentence.id, index: k, start: tStart, end: tEnd, text: text.slice(tStart, tEnd), kind: t.kind };
      });
      tokens.push(...sentenceTokens);
      tokensBySentence.set(sentence.id, sentenceTokens);
    });
  }
  const segmented: SegmentedDocument = { id, text, paragraphs, sentences, tokensBySentence };

  // 4. Authored annotations → resolved records.
  const optional = <T>(path: string, read: () => T[]): T[] => (existsSync(abs(path)) ? read() : []);
  const mentions = optional(rel.entities, () =>
    resolveEntities(segmented, readJsonLines(abs(rel.entities), validators.EntityAnnotation), context.catalogue, rel.entities),
  );
  const targetMap = new Map(context.targets.map((t) => [t.id, t]));
  const stances = optional(rel.stances, () =>
    resolveStances(segmented, readJsonLines(abs(rel.stances), validators.StanceAnnotation), context.catalogue, targetMap, rel.stances),
  );
  const resolutions = optional(rel.resolutions, () => readJsonLines(abs(rel.resolutions), validators.StanceResolution));
  const sentenceStances = deriveSentenceStances(segmented, stances, context.targets, resolutions, rel.resolutions);

  // 5. The frozen first pass and the second pass (made without its files), resolved the same way, for agreement.
  const resolvePass = (pass: string): AnnotationPass | null => {
    const path = (kind: string) => `corpus/agreement/${pass}/${id}.${kind}.jsonl`;
    if (!existsSync(abs(path("entities"))) || !existsSync(abs(path("stances")))) return null;
    const passStances = resolveStances(segmented, readJsonLines(abs(path("stances")), validators.StanceAnnotation), context.catalogue, targetMap, path("stances"));
    const passResolutions = optional(path("sentence-stance-resolutions"), () => readJsonLines(abs(path("sentence-stance-resolutions")), validators.StanceResolution));
    return {
      mentions: resolveEntities(segmented, readJsonLines(abs(path("entities")), validators.EntityAnnotation), null, path("entities")),
      stances: passStances,
      sentenceStances: deriveSentenceStances(segmented, passStances, context.targets, passResolutions, path("sentence-stance-resolutions")),
    };
  };
  const passA = resolvePass("pass-a");
  const passB = resolvePass("pass-b");

  const document: Document = { id, document: id, language: "ar", text: parsed.text, raw: rel.raw, rawSha256 };
  const offsetMap = toOffsetMap(id, chars, repaired.removed, rawChars.length);
  const passes = passA && passB ? { a: passA, b: passB } : null;
  return { markdownPath: rel.markdown, markdown, document, paragraphs, sentences, tokens, mentions, stances, sentenceStances, offsetMap, repairs, passes };
}
