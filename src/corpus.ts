import type { Document, Entity, EntityMention, OffsetMap, Paragraph, Sentence, SentenceStance, Stance, StanceTarget, Token } from "./generated/types.js";
import { CodePointText } from "./code-points.js";
import { rawEvidence, type RawEvidence } from "./raw-evidence.js";

/** The records of a corpus, one array per record type (the published JSONL files). */
export interface CorpusData {
  documents: Document[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  entityMentions: EntityMention[];
  entityCatalogue: Entity[];
  stanceTargets: StanceTarget[];
  stances: Stance[];
  sentenceStances: SentenceStance[];
  offsetMaps: OffsetMap[];
  /**
   * Raw source text by document id (the file each document's `raw` names), needed only by
   * `rawEvidence`.
   */
  rawTexts?: Record<string, string>;
}

/** Typed access to a corpus: every record, lookups by id, navigation, slicing and raw evidence. */
export interface Corpus extends Readonly<Omit<CorpusData, "rawTexts">> {
  /** Raw source text by document id: as given to `createCorpus`, or empty. */
  readonly rawTexts: Readonly<Record<string, string>>;
  document(id: string): Document | undefined;
  paragraph(id: string): Paragraph | undefined;
  sentence(id: string): Sentence | undefined;
  token(id: string): Token | undefined;
  mention(id: string): EntityMention | undefined;
  entity(id: string): Entity | undefined;
  stance(id: string): Stance | undefined;
  target(id: string): StanceTarget | undefined;
  /** The sentences of a paragraph, in order. */
  sentencesOf(paragraphId: string): Sentence[];
  /** The tokens of a sentence, in order. */
  tokensOf(sentenceId: string): Token[];
  /** The entity mentions lying in a sentence, outer before inner. */
  mentionsOf(sentenceId: string): EntityMention[];
  /** The attributed stances with evidence in a sentence. */
  stancesOf(sentenceId: string): Stance[];
  /** The sentence-level labels of a sentence, one per target. */
  sentenceStancesOf(sentenceId: string): SentenceStance[];
  /** The sentence a token or entity mention lies in. */
  sentenceOf(record: { sentence: string }): Sentence | undefined;
  /** The paragraph a sentence, token or entity mention lies in. */
  paragraphOf(record: { paragraph: string }): Paragraph | undefined;
  /** The mentions of a catalogue entity, across documents. */
  mentionsOfEntity(entityId: string): EntityMention[];
  /** The document text between two code-point offsets, half-open. */
  slice(documentId: string, start: number, end: number): string;
  /** The raw source characters and lines that a published span comes from, and the rules and repairs that shaped it. */
  rawEvidence(documentId: string, start: number, end: number): RawEvidence;
}

function byId<T extends { id: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}

function groupBy<T>(records: T[], key: (r: T) => string | string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    for (const k of ([] as string[]).concat(key(record))) {
      const list = groups.get(k);
      if (list) list.push(record);
      else groups.set(k, [record]);
    }
  }
  return groups;
}

/**
 * Indexes corpus records for lookup and navigation. Indexes are built on first use, so creating a
 * corpus costs nothing until it is queried.
 */
export function createCorpus(data: CorpusData): Corpus {
  const lazy = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const documents = lazy(() => byId(data.documents));
  const paragraphs = lazy(() => byId(data.paragraphs));
  const sentences = lazy(() => byId(data.sentences));
  const tokens = lazy(() => byId(data.tokens));
  const mentions = lazy(() => byId(data.entityMentions));
  const entities = lazy(() => byId(data.entityCatalogue));
  const stances = lazy(() => byId(data.stances));
  const targets = lazy(() => byId(data.stanceTargets));
  const sentencesByParagraph = lazy(() => groupBy(data.sentences, (s) => s.paragraph));
  const tokensBySentence = lazy(() => groupBy(data.tokens, (t) => t.sentence));
  const mentionsBySentence = lazy(() => groupBy(data.entityMentions, (m) => m.sentence));
  const mentionsByEntity = lazy(() => groupBy(data.entityMentions, (m) => m.entity));
  const stancesBySentence = lazy(() => groupBy(data.stances, (s) => s.sentences));
  const labelsBySentence = lazy(() => groupBy(data.sentenceStances, (s) => s.sentence));
  const texts = lazy(() => new Map(data.documents.map((d) => [d.id, new CodePointText(d.text)])));
  const maps = lazy(() => byId(data.offsetMaps));

  const requireDocument = (id: string): Document => {
    const doc = documents().get(id);
    if (!doc) throw new RangeError(`expected a document id (${data.documents.map((d) => d.id).join(", ")}), found ${JSON.stringify(id)}`);
    return doc;
  };

  const rawTexts = data.rawTexts ?? {};

  return {
    ...data,
    rawTexts,
    document: (id) => documents().get(id),
    paragraph: (id) => paragraphs().get(id),
    sentence: (id) => sentences().get(id),
    token: (id) => tokens().get(id),
    mention: (id) => mentions().get(id),
    entity: (id) => entities().get(id),
    stance: (id) => stances().get(id),
    target: (id) => targets().get(id),
    sentencesOf: (id) => sentencesByParagraph().get(id) ?? [],
    tokensOf: (id) => tokensBySentence().get(id) ?? [],
    mentionsOf: (id) => mentionsBySentence().get(id) ?? [],
    stancesOf: (id) => stancesBySentence().get(id) ?? [],
    sentenceStancesOf: (id) => labelsBySentence().get(id) ?? [],
    mentionsOfEntity: (id) => mentionsByEntity().get(id) ?? [],
    sentenceOf: (record) => sentences().get(record.sentence),
    paragraphOf: (record) => paragraphs().get(record.paragraph),
    slice: (id, start, end) => {
      requireDocument(id);
      return texts().get(id)!.slice(start, end);
    },
    rawEvidence: (id, start, end) => {
      const doc = requireDocument(id);
      const map = maps().get(id);
      if (!map) throw new Error(`expected the offset map of ${JSON.stringify(id)} in createCorpus's offsetMaps, found none`);
      // Own keys only: a document id such as "constructor" must not find Object.prototype's.
      const raw = Object.hasOwn(rawTexts, id) ? rawTexts[id] : undefined;
      if (typeof raw !== "string") throw new Error(`expected the raw text of ${JSON.stringify(id)} in createCorpus's rawTexts (the file ${doc.raw}), found none`);
      return rawEvidence(map, raw, start, end);
    },
  };
}
