import type { Document, Entity, EntityAnnotation, EntityMention, EntityType, OffsetMap, Paragraph, Sentence, SentenceStance, Stance, StanceAnnotation, StanceResolution, StanceTarget, Token } from "../generated/types.js";
import { jsonErrorOffset, syntaxReason } from "./json-error.js";
import { CodePointText } from "../code-points.js";
import { detectKind, kindByName, type RecordKind } from "../record-kinds.js";
import { checks, selectedChecks, type CheckId, type Incident } from "./checks.js";
import { allowedCanonicals, canonicalAllowed, WRITER } from "../clitics.js";
import { IdSet } from "./id-set.js";
import { digits, IdKeys } from "./id-keys.js";
import { RunIndex } from "./run-index.js";
import { grown } from "./grown.js";
import { PARAGRAPH_SHAPE, SENTENCE_SHAPE, SpanTable } from "./span-table.js";
import { DocumentTexts, type LineLocation, type ReadLine } from "./document-texts.js";
import { MentionNesting, type RereadSpan } from "./mention-nesting.js";
import { SpanStore, type NestingProblem, type SpanAt } from "./span-store.js";
import { AuthoredDerivation } from "./authored-derivation.js";
import { RawSources } from "./raw-sources.js";
import { RowFlags } from "./row-flags.js";
import { DocumentFiles } from "./document-files.js";
import { isSpace } from "../tokenize.js";
import { DeferredLines } from "./deferred-lines.js";
import { StanceLabels } from "./stance-labels.js";
import { SentenceTokens } from "./sentence-tokens.js";
import { duplicateKeyMessage, forEachDuplicateKey, minimalJsonLength } from "./scan-keys.js";
import { insideGraphemeCluster } from "./grapheme-boundary.js";
import { findQuote, quoted, type QuoteSelector } from "../quote-selector.js";

/** The records a validation may refer to besides those given: by default the shipped corpus. */
export interface ReferenceData {
  documents: Document[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  entityCatalogue: Entity[];
  stanceTargets: StanceTarget[];
  stances: Stance[];
  /** Mentions a given mention of the same document is checked against (nesting, spans, parents). */
  entityMentions?: EntityMention[];
}

export interface ValidatorOptions {
  /** Run checks up to this level (1–5). */
  level?: number;
  /** Run only these checks. */
  only?: string[];
  /** Skip these checks. */
  exclude?: string[];
  /** Force the record kind instead of detecting it. */
  kind?: RecordKind;
  /** Records that references may point to, besides the ones validated. */
  reference?: ReferenceData;
  /** Keep at most this many incidents in memory (all are counted); default: all. */
  maxIncidents?: number;
  /** Reads lines back from their files, so that document texts need not stay in memory. */
  source?: LineSource;
  /**
   * Bytes of memory for records that wait for the end of input (records out of document order),
   * each kept as the place of its line; past them, the rest go to a temporary file in
   * `os.tmpdir()`. Default 4 MiB. Input in document order waits for nothing.
   */
  waitingMemory?: number;
}

/**
 * Ids of schema-failing records remembered so that references to them are not reported missing:
 * enough for any real mistake, bounded for input that fails wholesale (about 6 MiB of strings).
 */
const FAILED_IDS = 1 << 16;

/** What parseLine returns for a line that holds no JSON value (reported already). */
export const NOT_JSON: unique symbol = Symbol("not JSON");

/** Reads lines back from the files being validated, so that the validator need not keep them. */
export interface LineSource {
  /** The bytes of one line, where it was read. */
  read: ReadLine;
  /**
   * Every line of a JSONL file again, in order, decoded as the first reading decoded it: lines that
   * are not UTF-8 are skipped and a leading BOM is removed.
   */
  lines(file: string, each: (line: number, text: string) => void): void;
}

interface Place {
  file: string;
  line?: number;
}

/**
 * The validation engine: feed it records (or raw lines) in any order, then call `finish()`.
 * Syntax and schema checks run per line; reference checks run as soon as what they refer to is
 * known, and are settled at the end for anything defined later. It keeps what later checks need
 * in compact form (ids as numbers, spans in typed arrays, document texts as the place to read them
 * again when a LineSource is given), never the records: a record waiting for a reference, or for
 * a document text that would have to be read back, is kept as the place of its line and read
 * again at the end, grouped by document. Only records that cannot be read again (given in
 * memory, or from a JSON array) wait whole.
 */
export class Validator {
  readonly incidents: Incident[] = [];
  readonly counts: Record<string, number> = {};
  records = 0;
  /**
   * Records that fail their schema while the schema check is not run (--only, --exclude, --level 1):
   * the checks after it could not look at them, so "valid" would say more than was checked.
   */
  unchecked = 0;
  /**
   * Problems found by checks that were not run (--only, --exclude, --level), by check. They are
   * not incidents, but a check that depends on one (text-mismatch on offset-bounds, the token
   * checks on text-mismatch) skipped the record, so "valid" alone would say more than was checked.
   */
  readonly notRun: Record<string, number> = {};
  /** Total incidents, including those not kept because of maxIncidents. */
  incidentCount = 0;
  readonly #enabled: Record<string, boolean>;
  readonly #deep: boolean;
  /** Whether labels are compared with their stances (label-stances, label-derivation). */
  readonly #derivation: boolean;
  readonly #options: ValidatorOptions;
  readonly #keys = new IdKeys();
  readonly #raws = new RawSources();
  /** `<kind> <id>` of records that failed their schema (see #missing), at most FAILED_IDS of them. */
  readonly #failedIds = new Set<string>();
  #failedIdsFull = false;
  readonly #texts: DocumentTexts;
  readonly #paragraphs = new SpanTable(PARAGRAPH_SHAPE);
  readonly #sentences = new SpanTable(SENTENCE_SHAPE);
  readonly #entities = new Map<string, Entity>();
  readonly #targets = new Set<string>();
  /** Stance ids of the reference data; those validated are in #ids (see #hasStance). */
  readonly #stances = new IdSet({ keys: this.#keys });
  readonly #ids = new Map<RecordKind, IdSet>();
  /** Checks of records whose references were not all known when they were read. */
  readonly #pending: Array<() => void> = [];
  /** The same, for records that can be read again from their line: kept as its place. */
  readonly #deferred: DeferredLines;
  /** Reads deferred lines back (created at the end, if any). */
  #lineDecoder: TextDecoder | undefined;
  readonly #nesting: MentionNesting;
  /**
   * Paragraphs and sentences that wait for a neighbour (see #tiling), and the file that gave each
   * document's paragraphs or sentences, for what is found missing at the end.
   */
  readonly #paragraphFlags = new RowFlags();
  readonly #sentenceFlags = new RowFlags();
  readonly #paragraphFiles = new DocumentFiles();
  /** How many paragraphs [0] and sentences [1] wait for their predecessor now, and how many for their successor. */
  readonly #waiting: [number, number] = [0, 0];
  readonly #needing: [number, number] = [0, 0];
  readonly #sentenceFiles = new DocumentFiles();
  /** Authored files, checked at the end as the build reads a document's files together: entity quotes' spans by document, stances and resolutions. */
  readonly #authoredSpans = new Map<string, SpanStore>();
  readonly #authoredDerivation = new AuthoredDerivation();
  /** Sentence labels and the stances they derive from, compared at the end. */
  readonly #stanceLabels: StanceLabels;
  /** JSONL files that gave mention spans, with the kind their name suggests, to read them back. */
  readonly #mentionFiles = new Map<string, RecordKind | undefined>();
  /**
   * How many labels each sentence has for each target, none, one or more, in two bits per target:
   * a row per labelled sentence (by sentence number), and per row the bits of targets 15w to
   * 15w + 14 in the column of word w. A hash table per target would take a slot per sentence
   * for each of them.
   */
  readonly #labelRows = new RunIndex();
  #labelSentences = 0;
  readonly #labels: Array<Int32Array<ArrayBuffer>> = [];
  /** Targets named by labels, numbered in order of appearance. */
  readonly #labelTargets = new Map<string, number>();
  /** Sentences' tokens under the corpus's rule, and the token records seen per sentence. */
  readonly #tokens = new SentenceTokens();
  /** Documents with token records, and the file their first token came from (where missing ones are reported). */
  readonly #tokenDocuments = new Map<number, string>();
  /** Documents with sentence labels, and the file their first label came from (where missing ones are reported). */
  readonly #labelledDocuments = new Map<number, string>();
  /** While line() runs: how to find the line again, and the kind the file name suggests. */
  #locate: ((line: number) => LineLocation) | undefined;
  #fallback: RecordKind | undefined;

  constructor(options: ValidatorOptions = {}) {
    this.#options = options;
    // Decided once, not per record: these are looked up for every check of every record.
    const selected = selectedChecks(options);
    this.#enabled = Object.fromEntries(Object.keys(checks).map((c) => [c, selected.has(c as CheckId)]));
    this.#deep = Object.keys(checks).some((c) => this.#enabled[c] && checks[c as CheckId].level >= 3);
    this.#derivation = this.#enabled["label-stances"] === true || this.#enabled["label-derivation"] === true;
    this.#texts = new DocumentTexts(options.source?.read);
    const waiting = options.waitingMemory === undefined ? undefined : { budget: options.waitingMemory };
    this.#deferred = new DeferredLines(waiting);
    this.#nesting = new MentionNesting(waiting, (document) => this.#texts.length(document));
    this.#stanceLabels = new StanceLabels(waiting);
    const ref = options.reference;
    if (ref) {
      for (const d of ref.documents) this.#texts.add(this.#keys.document(d.id), new CodePointText(d.text), d.text === d.text.normalize("NFC"), undefined, true);
      for (const p of ref.paragraphs) this.#paragraphs.add(this.#keys.paragraph(p.id), p.start, p.end, this.#keys.document(p.document), 0, true);
      for (const s of ref.sentences) this.#sentences.add(this.#keys.sentence(s.id), s.start, s.end, this.#keys.document(s.document), this.#keys.paragraph(s.paragraph), true);
      for (const e of ref.entityCatalogue) this.#entities.set(e.id, e);
      for (const t of ref.stanceTargets) this.#targets.add(t.id);
      for (const s of ref.stances) {
        this.#stances.add(s.id);
        this.#derivedFrom(s, this.#keys.document(s.document));
      }
      for (const m of ref.entityMentions ?? []) this.#nesting.addReference(this.#keys.document(m.document), m.start, m.end, idNumber(m.id, "/e"), parentNumber(m));
    }
  }

  /** Whether a check runs (its level, --only, --exclude), for callers whose check costs work to skip. */
  runs(check: CheckId): boolean {
    return this.#enabled[check] === true;
  }

  report(check: CheckId, place: Omit<Incident, "check" | "level" | "message">, message: string): void {
    if (this.#enabled[check] !== true) {
      this.notRun[check] = (this.notRun[check] ?? 0) + 1;
      return;
    }
    this.counts[check] = (this.counts[check] ?? 0) + 1;
    this.incidentCount++;
    if (this.#options.maxIncidents === undefined || this.incidents.length < this.#options.maxIncidents) {
      this.incidents.push({ check, level: checks[check].level, ...place, message });
    }
  }

  /**
   * Validates one JSONL line (without its "\n"). `locate` tells where a line lies in its file, so
   * that a document's text can be read again instead of kept (with a LineSource in the options).
   */
  line(file: string, line: number, text: string, fallback?: RecordKind, locate?: (line: number) => LineLocation): void {
    const value = this.parseLine(file, line, text);
    if (value !== NOT_JSON) this.recordLine(file, line, value, fallback, locate);
  }

  /** The line-level checks of a JSONL line; its value, or NOT_JSON when it holds none. */
  parseLine(file: string, line: number, text: string): unknown {
    if (text.charCodeAt(text.length - 1) === 0x0d) {
      this.report("crlf", { file, line, column: text.length }, "expected LF line endings, found CRLF");
      text = text.slice(0, -1);
    }
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === "")) {
      this.report("blank-line", { file, line, column: 1 }, "expected one JSON value per line, found a blank line");
      return NOT_JSON;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const column = jsonErrorColumn(text, error as Error);
      const found = column > text.length ? "the end of the line" : JSON.stringify(text.slice(column - 1, column + 11));
      this.report("json-syntax", { file, line, column }, `expected one valid JSON value, found ${found} (${syntaxReason(error as Error)})`);
      return NOT_JSON;
    }
    // A line shorter than the shortest spelling of its value plus one member has no duplicate key,
    // and one exactly that short has no escape either (see minimalJsonLength): most lines, spared
    // a scan of their text. Text with line breaks (documents) needs the closer bound.
    let shortest = minimalJsonLength(value);
    if (text.length >= shortest + 5) shortest = minimalJsonLength(value, true);
    // A \uD800-style escape can put a lone surrogate in a string: JavaScript accepts it, UTF-8 cannot encode it.
    if (text.length !== shortest && text.includes("\\u")) {
      const pointer = loneSurrogate(value);
      if (pointer !== null) this.report("utf8", { file, line, pointer }, "expected well-formed Unicode text, found a lone surrogate escape (text that UTF-8 cannot encode)");
    }
    if (this.#enabled["duplicate-key"] && text.length >= shortest + 5) {
      forEachDuplicateKey(text, (d) => this.report("duplicate-key", { file, line, column: d.offset + 1, ...(d.pointer ? { pointer: d.pointer } : {}) }, duplicateKeyMessage(d)));
    }
    return value;
  }

  /** Validates the value of a JSONL line (see parseLine). */
  recordLine(file: string, line: number, value: unknown, fallback?: RecordKind, locate?: (line: number) => LineLocation): void {
    this.#locate = this.#options.source ? locate : undefined;
    this.#fallback = fallback;
    try {
      this.record(file, line, value, "", fallback);
    } finally {
      this.#locate = undefined;
    }
  }

  /** Validates one parsed record. `pointer` prefixes JSON pointers (records inside a JSON array). */
  record(file: string, line: number | undefined, value: unknown, pointer = "", fallback?: RecordKind): void {
    this.records++;
    // A record valid against the kind its file name suggests is of that kind (each schema's id
    // pattern and required fields are what detectKind looks for), so the detection runs only for
    // the others.
    const trusted = this.#options.kind === undefined && fallback !== undefined && fallback.validate(value);
    const kind = trusted ? fallback : (this.#options.kind ?? detectKind(value, fallback));
    if (!kind) {
      this.report("unknown-kind", { file, ...(line !== undefined ? { line } : {}), pointer }, "expected a record whose type can be told from its id, its fields, the file name or --type, found none");
      return;
    }
    if (!trusted && !kind.validate(value)) {
      if (this.#enabled.schema !== true) this.unchecked++;
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === "string" && !this.#failedIdsFull) {
        if (this.#failedIds.size < FAILED_IDS) this.#failedIds.add(`${kind.name} ${id}`);
        else this.#failedIdsFull = true;
      }
      for (const e of kind.validate.errors ?? []) {
        const detail = e.keyword === "additionalProperties" ? ` (${JSON.stringify(e.params.additionalProperty)})` : e.keyword === "enum" ? ` ${JSON.stringify(e.params.allowedValues)}` : e.keyword === "const" ? ` ${JSON.stringify(e.params.allowedValue)}` : "";
        this.report("schema", { file, ...(line !== undefined ? { line } : {}), pointer: `${pointer}${e.instancePath}` }, `expected ${kind.type} to satisfy "${e.keyword}" (${e.message}${detail}), found ${shown(valueAt(value, e.instancePath))}`);
      }
      return;
    }
    // Levels 3–5 need what the record refers to; below them nothing of the record is kept.
    if (this.#deep) this.#contents(kind, value as Record<string, unknown>, line !== undefined ? { file, line } : { file }, pointer);
  }

  #unique(kind: RecordKind, id: string, place: Place, pointer: string): void {
    let ids = this.#ids.get(kind);
    if (!ids) this.#ids.set(kind, (ids = new IdSet({ keys: this.#keys })));
    if (!ids.add(id)) this.#duplicate(kind, id, place, pointer);
  }

  #duplicate(kind: RecordKind, id: string, place: Place, pointer: string): void {
    this.report("duplicate-id", { ...place, pointer: `${pointer}/id` }, `expected a unique ${kind.type} id, found ${JSON.stringify(id)} again`);
  }

  /** Whether a document of this id has been read (or is in the reference data). */
  hasDocument(id: string): boolean {
    const key = this.#keys.knownDocument(id);
    return key >= 0 && this.#texts.has(key);
  }

  /** The text of a known document, or undefined (reported) when its file cannot be read back. */
  #text(document: number): CodePointText | undefined {
    try {
      return this.#texts.text(document);
    } catch (error) {
      this.report("file-unreadable", { file: "(documents)" }, (error as Error).message);
      return undefined;
    }
  }

  /**
   * The offset checks of a span in a known document; true when its `text` is the document's
   * slice (or it has none).
   */
  #span(r: { start: number; end: number; text?: string }, document: number, place: Place, pointer: string, parent: SpanTable | undefined, row: number, parentId: string | undefined): boolean {
    const text = this.#text(document);
    if (!text) return false;
    if (r.end <= r.start || r.end > text.length) {
      this.report("offset-bounds", { ...place, pointer: `${pointer}/${r.start >= text.length ? "start" : "end"}` }, `expected 0 <= start < end <= ${text.length} (the length of ${this.#keys.documentId(document)} in code points), found start ${r.start} and end ${r.end}`);
      return false;
    }
    if (parent && row >= 0 && (r.start < parent.start(row) || r.end > parent.end(row))) {
      this.report("outside-parent", { ...place, pointer: `${pointer}/${r.start < parent.start(row) ? "start" : "end"}` }, `expected [${r.start}, ${r.end}) to lie inside ${parentId} [${parent.start(row)}, ${parent.end(row)}), found it outside`);
    }
    // The offsets are in bounds (above) and integers (the schema): in a text without surrogate
    // pairs they are UTF-16 offsets already.
    const units = text.text;
    const bmp = units.length === text.length;
    const from = bmp ? r.start : text.toUnit(r.start);
    const to = bmp ? r.end : text.toUnit(r.end);
    const slice = units.slice(from, to);
    const same = r.text === undefined || slice === r.text;
    if (!same) this.report("text-mismatch", { ...place, pointer: `${pointer}/text` }, `expected text ${shown(slice)} (the document at [${r.start}, ${r.end})), found ${shown(r.text)}`);
    if (this.#enabled["grapheme-boundary"] && (insideGraphemeCluster(units, from) || insideGraphemeCluster(units, to))) {
      this.report("grapheme-boundary", { ...place, pointer: `${pointer}/${insideGraphemeCluster(units, from) ? "start" : "end"}` }, `expected [${r.start}, ${r.end}) to start and end between grapheme clusters, found a boundary inside one`);
    }
    return same;
  }

  /**
   * Paragraphs tile their document, and sentences their paragraph (segment-tiling). Checked where
   * the record is, from what is local to it: its edges, a paragraph's blank lines, where the first
   * one starts, and the gap to its predecessor (`<n - 1>`), or, when the predecessor comes later, the gap
   * is checked then (WAITS_FOR_PREVIOUS). What is still missing at the end is reported then: the
   * predecessor that never came, and the successor that text after the record needs (NEEDS_NEXT).
   */
  #tiling(paragraph: boolean, s: Paragraph & { paragraph?: string }, document: number, parentRow: number, place: Place, pointer: string): void {
    const table = paragraph ? this.#paragraphs : this.#sentences;
    const key = paragraph ? this.#keys.paragraph(s.id) : this.#keys.sentence(s.id);
    // An id not of the published shape has no neighbours to find; id-fields reports it.
    const row = key < 0 ? -1 : table.find(key);
    if (row < 0) return;
    const flags = paragraph ? this.#paragraphFlags : this.#sentenceFlags;
    (paragraph ? this.#paragraphFiles : this.#sentenceFiles).set(document, place.file);
    const text = this.#text(document)!;
    const units = text.text;
    // Nothing is made on the way (places, ids, messages) unless there is something to report:
    // this runs for every paragraph and sentence.
    const bmp = units.length === text.length;
    const from = bmp ? s.start : text.toUnit(s.start);
    const to = bmp ? s.end : text.toUnit(s.end);
    if (isSpace(units.charCodeAt(from)) || isSpace(units.charCodeAt(to - 1))) {
      this.report("segment-tiling", { ...place, pointer: `${pointer}/text` }, `expected ${s.id} to start and end on a character that is not whitespace, found ${shown(s.text, 40)}`);
    }
    if (paragraph) {
      const blank = units.indexOf("\n\n", from);
      const problem =
        from > 0 && !(units.charCodeAt(from - 1) === 0x0a && units.charCodeAt(from - 2) === 0x0a) ? "starting inside a paragraph"
        : to < units.length && !(units.charCodeAt(to) === 0x0a && units.charCodeAt(to + 1) === 0x0a) ? "ending inside a paragraph"
        : blank !== -1 && blank + 2 <= to ? "holding a blank line" : "";
      if (problem) this.report("segment-tiling", { ...place, pointer: `${pointer}/${problem.startsWith("ending") ? "end" : "start"}` }, `expected ${s.id} [${s.start}, ${s.end}) to be text between blank lines ("\\n\\n") of ${s.document}, found it ${problem}`);
    }
    const lo = paragraph ? 0 : this.#paragraphs.start(parentRow);
    const number = paragraph ? key % 0x100000000 : key % 0x10000;
    if (number === 1 && s.start !== lo) this.report("segment-tiling", { ...place, pointer: `${pointer}/start` }, `expected ${s.id}, the first of ${paragraph ? "its document" : s.paragraph}, to start at ${lo}, found ${s.start}`);
    const parentKey = paragraph ? 0 : table.parent(row, key);
    const previous = number > 1 ? this.#neighbour(table, key - 1, document, parentKey) : -1;
    if (previous >= 0) {
      this.#gap(paragraph, table, previous, row, key - 1, document, place, pointer);
      if (flags.has(previous, NEEDS_NEXT)) {
        flags.clear(previous, NEEDS_NEXT);
        this.#needing[paragraph ? 0 : 1]--;
      }
    } else if (number > 1) {
      flags.set(row, WAITS_FOR_PREVIOUS);
      this.#waiting[paragraph ? 0 : 1]++;
    }
    // Only a record that came before its predecessor waits for it: in document order, none does.
    if (this.#waiting[paragraph ? 0 : 1] > 0) {
      const next = this.#neighbour(table, key + 1, document, parentKey);
      if (next >= 0 && flags.has(next, WAITS_FOR_PREVIOUS)) {
        flags.clear(next, WAITS_FOR_PREVIOUS);
        this.#waiting[paragraph ? 0 : 1]--;
        this.#gap(paragraph, table, row, next, key, document, place, pointer);
      }
    }
    // Text after the record in its paragraph (or document) must be in the next one.
    const hi = paragraph ? units.length : bmp ? this.#paragraphs.end(parentRow) : text.toUnit(this.#paragraphs.end(parentRow));
    let after = to;
    while (after < hi && isSpace(units.charCodeAt(after))) after++;
    // Cleared when the successor comes, so that input in order leaves nothing to look at in the end.
    if (after < hi) {
      flags.set(row, NEEDS_NEXT);
      this.#needing[paragraph ? 0 : 1]++;
    }
  }

  /** The row of a paragraph or sentence id number if it is of the same document (and paragraph), else -1. */
  #neighbour(table: SpanTable, key: number, document: number, parentKey: number): number {
    const row = table.find(key);
    return row >= 0 && table.document(row, key) === document && table.parent(row, key) === parentKey ? row : -1;
  }

  /**
   * Between two consecutive paragraphs one blank line; between two sentences only whitespace.
   * `firstKey` is the first one's id number; the second's is the next.
   */
  #gap(paragraph: boolean, table: SpanTable, first: number, second: number, firstKey: number, document: number, place: Place, pointer: string): void {
    const end = table.end(first);
    const start = table.start(second);
    const ids = () => `${this.#segmentId(paragraph, firstKey)} and ${this.#segmentId(paragraph, firstKey + 1)}`;
    const at = () => ({ ...place, pointer: `${pointer}/start` });
    if (paragraph) {
      if (start !== end + 2) this.report("segment-tiling", at(), `expected one blank line between ${ids()}, so the second to start at ${end + 2}, found ${start}${start < end ? " (they overlap)" : ""}`);
      return;
    }
    if (start < end) {
      this.report("segment-tiling", at(), `expected ${ids()} not to overlap, found [${start}, ${end}) in both`);
      return;
    }
    const text = this.#text(document)!;
    const units = text.text;
    const bmp = units.length === text.length;
    const from = bmp ? end : text.toUnit(end);
    const to = bmp ? start : text.toUnit(start);
    for (let i = from; i < to; i++) {
      if (!isSpace(units.charCodeAt(i))) {
        this.report("segment-tiling", at(), `expected only whitespace between ${ids()}, found ${shown(units.slice(from, to), 40)} in no sentence`);
        return;
      }
    }
  }

  #segmentId(paragraph: boolean, key: number): string {
    return paragraph ? this.#keys.paragraphId(key) : this.#keys.sentenceId(key);
  }

  /** What tiling found missing at the end: a predecessor that never came, a successor that text needs. */
  #missingSegments(paragraph: boolean): void {
    // A pass makes an array of every row's id number (1.3 M of them at 8.7 GB): none is needed
    // when no row still waits.
    if (this.#waiting[paragraph ? 0 : 1] + this.#needing[paragraph ? 0 : 1] === 0) return;
    const table = paragraph ? this.#paragraphs : this.#sentences;
    const flags = paragraph ? this.#paragraphFlags : this.#sentenceFlags;
    const files = paragraph ? this.#paragraphFiles : this.#sentenceFiles;
    const kind = paragraph ? "paragraph" : "sentence";
    table.forEach((row, key) => {
      const waits = flags.has(row, WAITS_FOR_PREVIOUS);
      const needs = flags.has(row, NEEDS_NEXT);
      if (!waits && !needs) return;
      const document = table.document(row, key);
      const parent = table.parent(row, key);
      const place = { file: files.get(document) ?? `(${kind} files)`, pointer: "" };
      const id = this.#segmentId(paragraph, key);
      if (waits) this.report("segment-tiling", place, `expected ${kind} ${this.#segmentId(paragraph, key - 1)} before ${id}, found none`);
      // A successor missing before a record that is there is reported by that record (waits).
      if (needs && this.#neighbour(table, key + 1, document, parent) < 0 && this.#neighbour(table, key + 2, document, parent) < 0) {
        this.report("segment-tiling", place, `expected ${kind} ${this.#segmentId(paragraph, key + 1)} after ${id}, which the text after it needs, found none`);
      }
    });
  }

  #nfc(text: string, place: Place, pointer: string): void {
    if (this.#enabled["not-nfc"] && text !== text.normalize("NFC")) this.report("not-nfc", { ...place, pointer }, "expected text in Unicode Normalization Form C, found a non-NFC sequence");
  }

  /**
   * NFC for the free text of the smaller kinds (names, descriptions, rationales, quotes): spans
   * are checked as slices of their document, and a mention's canonical form passes the clitic
   * rule only if it is made from its (NFC) text.
   */
  #nfcStrings(r: Record<string, unknown>, place: Place, pointer: string): void {
    for (const key in r) {
      const value = r[key];
      // Below U+0300 nothing composes or reorders: ASCII ids and labels need no normalizing.
      if (typeof value === "string" && /[^\u0000-\u02ff]/.test(value)) this.#nfc(value, place, `${pointer}/${key}`);
    }
  }

  #contents(kind: RecordKind, r: Record<string, unknown>, place: Place, pointer: string): void {
    if (this.#enabled["not-nfc"] && FREE_TEXT.has(kind.name)) this.#nfcStrings(r, place, pointer);
    switch (kind.name) {
      case "document": {
        const d = r as unknown as Document;
        if (d.document !== d.id) this.#idFields(d.id, d.document, place, pointer);
        const document = this.#keys.document(d.id);
        const nfc = !this.#enabled["not-nfc"] || d.text === d.text.normalize("NFC");
        const location = this.#locate && place.line !== undefined ? this.#locate(place.line) : undefined;
        if (!this.#texts.add(document, new CodePointText(d.text), nfc, location)) this.#duplicate(kind, d.id, place, pointer);
        if (!nfc) this.report("not-nfc", { ...place, pointer: `${pointer}/text` }, "expected text in Unicode Normalization Form C, found a non-NFC sequence");
        if (this.#enabled["raw-source"]) {
          const raw = this.#raws.find(place.file, d.raw);
          if (raw && raw.sha256 !== d.rawSha256) this.report("raw-source", { ...place, pointer: `${pointer}/rawSha256` }, `expected the SHA-256 of ${raw.shown}, ${raw.sha256}, found ${d.rawSha256}`);
        }
        break;
      }
      case "paragraph":
      case "sentence":
      case "token": {
        const s = r as unknown as Paragraph & { paragraph?: string; sentence?: string };
        const document = this.#keys.document(s.document);
        if (kind.name === "paragraph") {
          if (!this.#paragraphs.add(this.#keys.paragraph(s.id), s.start, s.end, document, 0)) this.#duplicate(kind, s.id, place, pointer);
        } else if (kind.name === "sentence") {
          if (!this.#sentences.add(this.#keys.sentence(s.id), s.start, s.end, document, this.#keys.paragraph(s.paragraph!))) this.#duplicate(kind, s.id, place, pointer);
        } else this.#unique(kind, s.id, place, pointer);
        const whole = kind.name === "paragraph" ? s.document : kind.name === "sentence" ? s.paragraph! : s.sentence!;
        const letter = kind.name === "paragraph" ? "p" : kind.name === "sentence" ? "s" : "t";
        if (!isChildId(s.id, whole, letter, s.index + 1)) this.#idFields(s.id, `${whole}/${letter}${s.index + 1}`, place, pointer);
        if (!this.#segment(kind.name, s, document, place, pointer, false)) this.#wait(() => this.#segment(kind.name, s, document, place, pointer, true), document, place);
        break;
      }
      case "entity":
        this.#unique(kind, (r as unknown as Entity).id, place, pointer);
        this.#entities.set((r as unknown as Entity).id, r as unknown as Entity);
        break;
      case "stance-target":
        this.#unique(kind, (r as unknown as StanceTarget).id, place, pointer);
        this.#targets.add((r as unknown as StanceTarget).id);
        break;
      case "entity-mention": {
        const m = r as unknown as EntityMention;
        this.#unique(kind, m.id, place, pointer);
        if (!isChildId(m.id, m.document, "e", -1)) this.#idFields(m.id, `${m.document}/e<n>`, place, pointer);
        const document = this.#keys.document(m.document);
        if (!this.#mention(m, document, place, pointer, false)) this.#wait(() => this.#mention(m, document, place, pointer, true), document, place);
        this.#clitic(m.text, m.prefix, m.canonical, place, pointer);
        this.#spanEdges(m.text, place, `${pointer}/text`);
        // Its one free-text field (rare): text and canonical are held to the document's text.
        if (m.note !== undefined) this.#nfc(m.note, place, `${pointer}/note`);
        if (this.#enabled["nesting-depth"] || this.#enabled["duplicate-span"] || this.#enabled["mention-parent"]) {
          const rereadable = this.#locate !== undefined;
          if (rereadable && !this.#mentionFiles.has(place.file)) this.#mentionFiles.set(place.file, this.#fallback);
          this.#nesting.add(document, m.start, m.end, idNumber(m.id, "/e"), this.#parentNumber(m, place, pointer), place.file, place.line ?? 0, rereadable);
        }
        break;
      }
      case "stance": {
        const s = r as unknown as Stance;
        this.#unique(kind, s.id, place, pointer);
        if (!isChildId(s.id, s.document, "st", -1)) this.#idFields(s.id, `${s.document}/st<n>`, place, pointer);
        this.#stanceSentences(s, place, pointer);
        const document = this.#keys.document(s.document);
        this.#derivedFrom(s, document, { file: place.file, line: place.line ?? 0 });
        if (!this.#stance(s, document, place, pointer, false)) this.#wait(() => this.#stance(s, document, place, pointer, true), document, place);
        break;
      }
      case "sentence-stance": {
        const l = r as unknown as SentenceStance;
        this.#unique(kind, l.id, place, pointer);
        if (l.id.length !== l.sentence.length + 1 + l.target.length || !l.id.startsWith(l.sentence) || !l.id.endsWith(l.target)) this.#idFields(l.id, `${l.sentence}#${l.target}`, place, pointer);
        const document = this.#keys.document(l.document);
        const sentence = this.#keys.sentence(l.sentence);
        if (!this.#label(l, document, sentence, place, pointer, false)) this.#wait(() => this.#label(l, document, sentence, place, pointer, true), document, place);
        if (this.#countLabel(l.target, sentence) === 1) this.report("sentence-label-count", { ...place, pointer: `${pointer}/id` }, `expected one label for ${l.sentence}#${l.target}, found a second`);
        if (!this.#labelledDocuments.has(document)) this.#labelledDocuments.set(document, place.file);
        this.#listedStances(l, place, pointer);
        const low = sentenceLow(sentence, document);
        if (this.#derivation && low >= 0 && StanceLabels.keeps(l.label, l.stances.length, l.resolution !== undefined)) {
          const stances = l.stances.filter((id) => isChildId(id, l.document, "st", -1)).map((id) => idNumber(id, "/st"));
          this.#stanceLabels.label(document, low, l.target, l.label, stances, l.resolution !== undefined, { file: place.file, line: place.line ?? 0 });
        }
        break;
      }
      case "entity-annotation":
      case "stance-annotation":
      case "stance-resolution": {
        const document = authoredDocument(place.file);
        // Authored ids (`e1`, `st1`) are unique within their document, which the file names.
        if (typeof r.id === "string") this.#unique(kind, `${document}/${r.id}`, place, pointer);
        // Authored files are small and hand-made: a record that must wait for what it refers to
        // waits whole, not as the place of its line.
        if (!this.#authored(kind.name, r, document, place, pointer, false)) this.#pending.push(() => this.#authored(kind.name, r, document, place, pointer, true));
        break;
      }
      case "offset-map": {
        const o = r as unknown as OffsetMap;
        this.#unique(kind, o.id, place, pointer);
        if (o.id !== o.document) this.#idFields(o.id, o.document, place, pointer);
        const document = this.#keys.document(o.document);
        if (!this.#offsetMap(o, document, place, pointer, false)) this.#wait(() => this.#offsetMap(o, document, place, pointer, true), document, place);
        break;
      }
      default:
        if (typeof r.id === "string") this.#unique(kind, r.id, place, pointer);
    }
  }

  /**
   * An offset map against its document (offset-map): its segments tile the published text in
   * order, and the raw characters they come from, with those it lists as removed, are every raw
   * character exactly once. This is the build's proof that nothing was changed or lost unseen; a
   * map that fails it cannot trace a character back. See #segment for `final`.
   */
  #offsetMap(o: OffsetMap, document: number, place: Place, pointer: string, final: boolean): boolean {
    const known = this.#texts.has(document);
    if (!final && (!known || this.#textAway(document))) return false;
    if (!known) {
      this.#missing("missing-document", "document", o.document, { ...place, pointer: `${pointer}/document` }, `expected document ${JSON.stringify(o.document)} to exist, found none`);
      return true;
    }
    const length = this.#text(document)?.length;
    if (length === undefined) return true;
    let at = 0;
    for (const [i, segment] of o.segments.entries()) {
      if (segment.start !== at || segment.end <= segment.start) {
        this.report("offset-map", { ...place, pointer: `${pointer}/segments/${i}` }, `expected segment ${i} to start at ${at}, where the one before it ends, and to end after it starts, found [${segment.start}, ${segment.end})`);
        return true;
      }
      at = segment.end;
    }
    if (at !== length) this.report("offset-map", { ...place, pointer: `${pointer}/segments` }, `expected the segments to end at ${length} (the length of ${o.document} in code points), found ${at}`);
    // Raw ranges: the sources of the segments, and the removed ones.
    const ranges: Array<[start: number, end: number, pointer: string]> = [];
    o.segments.forEach((x, i) => {
      if (x.rawStart !== undefined) ranges.push([x.rawStart, x.rawStart + x.end - x.start, `${pointer}/segments/${i}/rawStart`]);
    });
    o.removed.forEach((x, i) => ranges.push([x.rawStart, x.rawEnd, `${pointer}/removed/${i}`]));
    ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let raw = 0;
    for (const [start, end, where] of ranges) {
      const problem =
        end <= start ? `an empty range [${start}, ${end})`
        : end > o.rawLength ? `[${start}, ${end}), past rawLength ${o.rawLength}`
        : start > raw ? `raw characters [${raw}, ${start}) in no segment and not removed`
        : start < raw ? `raw characters [${start}, ${Math.min(raw, end)}) taken twice`
        : "";
      if (problem) {
        this.report("offset-map", { ...place, pointer: where }, `expected the segments' sources and the removed ranges to take every raw character once, found ${problem}`);
        return true;
      }
      raw = end;
    }
    if (raw !== o.rawLength) this.report("offset-map", { ...place, pointer: `${pointer}/rawLength` }, `expected the segments' sources and the removed ranges to take every raw character once, found raw characters [${raw}, ${o.rawLength}) in none`);
    else if (this.#enabled["raw-source"]) this.#rawCopies(o, this.#text(document)!, place, pointer);
    return true;
  }

  /**
   * An offset map against its raw file, where that is found (see RawSources): its length is
   * `rawLength`, and a segment without `by` is the raw text it comes from, unchanged. Only then
   * does every published character trace back to the raw file as the map says.
   */
  #rawCopies(o: OffsetMap, text: CodePointText, place: Place, pointer: string): void {
    const raw = this.#raws.find(place.file, o.raw);
    if (!raw?.text) return;
    if (raw.text.length !== o.rawLength) {
      this.report("raw-source", { ...place, pointer: `${pointer}/rawLength` }, `expected ${o.rawLength} code points in ${raw.shown}, found ${raw.text.length}`);
      return;
    }
    o.segments.forEach((x, i) => {
      if (x.by !== undefined || x.rawStart === undefined) return;
      const published = text.slice(x.start, x.end);
      const source = raw.text!.slice(x.rawStart, x.rawStart + x.end - x.start);
      if (published !== source) {
        this.report("raw-source", { ...place, pointer: `${pointer}/segments/${i}` }, `expected segment ${i}, which names no rule or repair, to copy ${raw.shown} at [${x.rawStart}, ${x.rawStart + x.end - x.start}) unchanged, found the published text ${shown(published, 30)} where the raw file has ${shown(source, 30)}`);
      }
    });
  }

  /**
   * The number of a mention's parent for the nesting sweep, which checks that the parent encloses
   * it: 0 for none, -1 when the parent is not a mention of the same document (reported here).
   */
  #parentNumber(m: EntityMention, place: Place, pointer: string): number {
    const parent = parentNumber(m);
    if (parent === -1) this.report("mention-parent", { ...place, pointer: `${pointer}/parent` }, `expected parent ${m.document}/e<n> (a mention of the same document), found ${JSON.stringify(m.parent)}`);
    return parent;
  }

  /** A stance's rows for the label checks: one per sentence of its evidence (of its own document); `at` unless it is reference data. */
  #derivedFrom(s: Stance, document: number, at?: { file: string; line: number }): void {
    if (!this.#derivation || !isChildId(s.id, s.document, "st", -1)) return;
    const lows = new Set<number>();
    for (const e of s.evidence) {
      const low = sentenceLow(this.#keys.sentence(e.sentence), document);
      if (low >= 0) lows.add(low);
    }
    this.#stanceLabels.stance(document, idNumber(s.id, "/st"), s.target, s.label, [...lows], at);
  }

  /** A stance's `sentences` are those of its evidence, each once, in text order (as the build derives them). */
  #stanceSentences(s: Stance, place: Place, pointer: string): void {
    const { evidence, sentences } = s;
    if (evidence.length === 1 && sentences.length === 1 && evidence[0]!.sentence === sentences[0]) return;
    const expected = [...new Set(evidence.map((e) => e.sentence))].sort((a, b) => this.#keys.sentence(a) - this.#keys.sentence(b));
    if (expected.length !== sentences.length || expected.some((id, i) => sentences[i] !== id)) {
      this.report("stance-sentences", { ...place, pointer: `${pointer}/sentences` }, `expected ${JSON.stringify(expected)} (the sentences of the evidence, in text order), found ${shown(sentences, 200)}`);
    }
  }

  #idFields(id: string, expected: string, place: Place, pointer: string): void {
    this.report("id-fields", { ...place, pointer: `${pointer}/id` }, `expected id ${expected} (made from the record's fields), found ${JSON.stringify(id)}`);
  }

  /** Guidelines §3: quotation marks, parentheses, ، . : are never part of a mention's span. */
  #spanEdges(text: string, place: Place, pointer: string): void {
    // Most mentions start and end on an Arabic letter (U+0621–U+064A, none of them punctuation):
    // no regular expression for them.
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(text.length - 1);
    if (first >= 0x0621 && first <= 0x064a && last >= 0x0621 && last <= 0x064a) return;
    if (this.#enabled["span-edges"] && EDGE_PUNCTUATION.test(text)) {
      this.report("span-edges", { ...place, pointer }, `expected a mention without punctuation at its edges (quotation marks, parentheses, ، . : stay outside), found ${shown(text)}`);
    }
  }

  /** The clitic rule of a mention, or of an authored one (whose text is its quote). */
  #clitic(text: string, prefix: string, canonical: string, place: Place, pointer: string): void {
    if (!this.#enabled["clitic-canonical"] || canonicalAllowed(text, prefix, canonical)) return;
    const allowed = allowedCanonicals(text, prefix);
    // Two spellings that look the same differ in normalization: say so.
    const form = canonical !== canonical.normalize("NFC") ? " (not in NFC)" : "";
    this.report("clitic-canonical", { ...place, pointer: `${pointer}/canonical` }, allowed.length === 0 ? `expected the prefix ${JSON.stringify(prefix)} to begin the text ${JSON.stringify(text)}, found it does not` : `expected canonical ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, found ${JSON.stringify(canonical)}${form}`);
  }

  /**
   * The checks of an authored annotation record (corpus/annotations/<document>.*.jsonl), whose
   * document is named by its file and whose spans are quote selectors: what the build would
   * refuse, found before it runs. See #segment for `final`.
   */
  #authored(kind: string, r: Record<string, unknown>, document: string, place: Place, pointer: string, final: boolean): boolean {
    const key = this.#keys.knownDocument(document);
    const known = key >= 0 && this.#texts.has(key);
    const entity = kind === "entity-annotation" ? (r as unknown as EntityAnnotation).entity : kind === "stance-annotation" ? (r as unknown as StanceAnnotation).holder : WRITER;
    const target = kind === "entity-annotation" ? undefined : (r as unknown as StanceAnnotation | StanceResolution).target;
    if (!final && (!known || (entity !== WRITER && !this.#entities.has(entity)) || (target !== undefined && !this.#targets.has(target)))) return false;
    if (!known) {
      this.#missing("missing-document", "document", document, { ...place, pointer }, `expected document ${JSON.stringify(document)} (named by the file name) in the shipped corpus or the files given, found none`);
    }
    if (kind === "entity-annotation") {
      const a = r as unknown as EntityAnnotation;
      this.#entity(a.entity, a.type, place, pointer);
      this.#clitic(a.quote, a.prefix, a.canonical, place, pointer);
      this.#spanEdges(a.quote, place, `${pointer}/quote`);
      const span = known ? this.#selector(a, key, document, place, pointer, true) : null;
      if (span) {
        let spans = this.#authoredSpans.get(document);
        if (!spans) this.#authoredSpans.set(document, (spans = new SpanStore()));
        // Authored mentions name no parent (the build finds it), so parents are not checked (-1).
        spans.add(span.first, span.last, idNumber(`/${a.id}`, "/e"), -1, place.file, place.line ?? 0);
      }
    } else if (kind === "stance-annotation") {
      const a = r as unknown as StanceAnnotation;
      if (entity !== WRITER && !this.#entities.has(entity)) this.#missing("missing-entity", "entity", entity, { ...place, pointer: `${pointer}/holder` }, `expected holder "${WRITER}" or a catalogue entity, found ${JSON.stringify(entity)}`);
      if (known) {
        const sentences = a.evidence.map((e, i) => this.#selector(e, key, document, place, `${pointer}/evidence/${i}`)?.sentence);
        this.#authoredDerivation.stance(document, a.id, a.target, a.label, sentences.filter((id) => id !== undefined), place.file);
      }
    } else {
      const resolution = r as unknown as StanceResolution;
      this.#authoredDerivation.resolution(document, resolution.sentence, resolution.target, place);
      if (known) {
        const sentence = this.#keys.sentence(`${document}/${resolution.sentence}`);
        const row = this.#sentences.find(sentence);
        if (!(row >= 0 && this.#sentences.document(row, sentence) === key)) {
          this.#missing("missing-sentence", "sentence", `${document}/${resolution.sentence}`, { ...place, pointer: `${pointer}/sentence` }, `expected sentence ${resolution.sentence} to exist in ${document}, found none`);
        }
      }
    }
    if (target !== undefined && !this.#targets.has(target)) this.#missing("missing-target", "stance-target", target, { ...place, pointer: `${pointer}/target` }, `expected target ${JSON.stringify(target)} in the target list, found none`);
    return true;
  }

  /**
   * A quote selector of a known document: its paragraph exists, and the quote resolves as the
   * build resolves it. An entity's quote (`onTokens`) must also start and end on token boundaries.
   * Returns where it resolved (its sentence as `p<n>/s<m>` and its code-point span), or null.
   */
  #selector(selector: QuoteSelector, document: number, documentId: string, place: Place, pointer: string, onTokens = false): { sentence: string; first: number; last: number } | null {
    const paragraph = this.#keys.paragraph(`${documentId}/${selector.paragraph}`);
    const row = this.#paragraphs.find(paragraph);
    if (!(row >= 0 && this.#paragraphs.document(row, paragraph) === document)) {
      this.#missing("missing-paragraph", "paragraph", `${documentId}/${selector.paragraph}`, { ...place, pointer: `${pointer}/paragraph` }, `expected paragraph ${selector.paragraph} to exist in ${documentId}, found none`);
      return null;
    }
    const text = this.#text(document);
    const start = this.#paragraphs.start(row);
    const end = this.#paragraphs.end(row);
    // A paragraph out of bounds is reported as such; its text cannot be searched.
    if (!text || start < 0 || end > text.length || end < start) return null;
    const from = text.toUnit(start);
    const match = findQuote(text.text.slice(from, text.toUnit(end)), selector.quote, selector.occurrence ?? 1, selector.paragraph);
    if ("problem" in match) {
      this.report("quote-selector", { ...place, pointer: `${pointer}/quote` }, match.problem);
      return null;
    }
    const first = text.toPoint(from + match.at);
    const last = text.toPoint(from + match.at + selector.quote.length);
    // Sentences are numbered from 1 within their paragraph: the quote must lie inside one of them.
    for (let m = 1; ; m++) {
      const sentence = this.#keys.sentence(`${documentId}/${selector.paragraph}/s${m}`);
      const at = this.#sentences.find(sentence);
      if (at < 0) break;
      if (this.#sentences.start(at) <= first && last <= this.#sentences.end(at)) {
        if (onTokens && this.#tokenized(at, document) >= 0) {
          const side = this.#tokens.startingAt(first) < 0 ? "start" : this.#tokens.endingAt(last) < 0 ? "end" : "";
          if (side) this.report("quote-selector", { ...place, pointer: `${pointer}/quote` }, `expected ${quoted(selector.quote)} in ${selector.paragraph} to start and end on token boundaries, found its ${side} ${this.#cut(side === "start" ? first : last - 1, document)}`);
        }
        return { sentence: `${selector.paragraph}/s${m}`, first, last };
      }
    }
    this.report("quote-selector", { ...place, pointer: `${pointer}/quote` }, `expected ${quoted(selector.quote)} in ${selector.paragraph} to lie inside one sentence, found it crossing a sentence boundary`);
    return null;
  }

  /** Counts a label of `target` for a sentence; returns how many it had before (0, 1, or 2 for more). */
  #countLabel(target: string, sentence: number): number {
    let t = this.#labelTargets.get(target);
    if (t === undefined) this.#labelTargets.set(target, (t = this.#labelTargets.size));
    let row = this.#labelRows.find(sentence);
    if (row === -1) this.#labelRows.add(sentence, (row = this.#labelSentences++));
    const word = Math.floor(t / 15);
    let column = this.#labels[word] ?? new Int32Array(64);
    if (row >= column.length) column = grown(column, Math.max(row + 1, Math.floor(column.length * 1.5)));
    this.#labels[word] = column;
    const shift = (t % 15) * 2;
    const before = (column[row]! >> shift) & 3;
    if (before < 2) column[row]! += 1 << shift;
    return before;
  }

  /** How many labels of `target` a sentence has: 0, 1, or 2 for more. */
  #labelCount(target: string, sentence: number): number {
    const t = this.#labelTargets.get(target);
    const row = t === undefined ? -1 : this.#labelRows.find(sentence);
    const column = row === -1 ? undefined : this.#labels[Math.floor(t! / 15)];
    return column === undefined || row >= column.length ? 0 : (column[row]! >> ((t! % 15) * 2)) & 3;
  }

  /**
   * Puts a record's checks off to the end of input: as the place of its line when the line can be
   * read again (JSONL with a LineSource), else as `settle`, which holds the record.
   */
  #wait(settle: () => void, document: number, place: Place): void {
    if (this.#locate !== undefined && place.line !== undefined) this.#deferred.add(document, place.line, this.#locate(place.line), this.#fallback);
    else this.#pending.push(settle);
  }

  /**
   * Whether the checks of a record of `document` that can be read again should wait for the end
   * of input: its document's text would have to be read back now. Records out of document order
   * then cost one reading of each document's text at the end, not one per record.
   */
  #textAway(document: number): boolean {
    return this.#locate !== undefined && !this.#texts.cached(document);
  }

  /**
   * The reference and offset checks of a paragraph, sentence or token. Before the end of input
   * (`final` false) it checks nothing and returns false when something it refers to is unknown
   * yet, so that the record waits; at the end it reports what is still missing.
   */
  #segment(kind: string, s: Paragraph & { paragraph?: string; sentence?: string }, document: number, place: Place, pointer: string, final: boolean): boolean {
    const known = this.#texts.has(document);
    const parents = kind === "sentence" ? this.#paragraphs : kind === "token" ? this.#sentences : undefined;
    const parentId = kind === "sentence" ? s.paragraph! : kind === "token" ? s.sentence! : undefined;
    const parentKey = kind === "sentence" ? this.#keys.paragraph(parentId!) : kind === "token" ? this.#keys.sentence(parentId!) : 0;
    const row = parents ? parents.find(parentKey) : -1;
    if (!final && (!known || (parents && row < 0) || this.#textAway(document))) return false;
    if (!known) {
      this.#missing("missing-document", "document", s.document, { ...place, pointer: `${pointer}/document` }, `expected document ${JSON.stringify(s.document)} to exist, found none`);
      return true;
    }
    // The parent must exist and belong to the same paragraph (tokens) or document (sentences).
    const inParent = !parents || (row >= 0 && parents.document(row, parentKey) === document && (kind !== "token" || parents.parent(row, parentKey) === this.#keys.paragraph(s.paragraph!)));
    if (!inParent) {
      const check = kind === "sentence" ? "missing-paragraph" : "missing-sentence";
      const at = { ...place, pointer: `${pointer}/${kind === "sentence" ? "paragraph" : "sentence"}` };
      if (row < 0) this.#missing(check, kind === "sentence" ? "paragraph" : "sentence", parentId!, at, `expected ${parentId} to exist in ${kind === "token" ? `paragraph ${s.paragraph}` : `document ${s.document}`}, found none`);
      else this.report(check, at, `expected ${parentId} to be ${this.#elsewhere(parents!, row, parentKey, document, s.document, kind === "token" ? s.paragraph : undefined)}`);
    }
    const same = this.#span(s, document, place, pointer, parents, row, parentId);
    if (same && inParent && kind !== "token" && this.#enabled["segment-tiling"]) this.#tiling(kind === "paragraph", s, document, row, place, pointer);
    if (kind === "token" && inParent && this.#enabled["token-tiling"]) this.#token(s as unknown as Token, row, document, place, pointer, same);
    // A slice of an NFC text is NFC (composition and reordering depend only on what lies between
    // the characters involved, all inside the slice), so only other texts need the check.
    if (!same || !this.#texts.nfc(document)) this.#nfc(s.text, place, `${pointer}/text`);
    return true;
  }

  /**
   * Where a paragraph or sentence that exists lies, when it is not where a record's fields put it:
   * "in <document> (the record's document), found it in <other>", or the same for the paragraph.
   */
  #elsewhere(table: SpanTable, row: number, key: number, document: number, documentId: string, paragraphId: string | undefined): string {
    const actual = table.document(row, key);
    if (actual !== document) return `in ${documentId} (the record's document), found it in ${this.#keys.documentId(actual)}`;
    return `in ${paragraphId} (the record's paragraph), found it in ${this.#keys.paragraphId(table.parent(row, key))}`;
  }

  /**
   * Reports a reference that resolves to nothing, unless a record of that kind and id was given and
   * failed its schema: it is there, its schema incident says what is wrong with it, and "found
   * none" would be false once per record that refers to it.
   */
  #missing(check: CheckId, kind: string, id: string, place: Omit<Incident, "check" | "level" | "message">, message: string): void {
    if (this.#failedIds.has(`${kind} ${id}`)) return;
    this.report(check, place, this.#failedIdsFull ? `${message} (or only a record that failed its schema: more failed than are remembered, ${FAILED_IDS})` : message);
  }

  /** The reference and offset checks of a mention; see #segment for `final`. */
  #mention(m: EntityMention, document: number, place: Place, pointer: string, final: boolean): boolean {
    const known = this.#texts.has(document);
    const sentence = this.#keys.sentence(m.sentence);
    const row = this.#sentences.find(sentence);
    if (!final && (!known || row < 0 || this.#textAway(document))) return false;
    const inSentence = row >= 0 && this.#sentences.document(row, sentence) === document && this.#sentences.parent(row, sentence) === this.#keys.paragraph(m.paragraph);
    if (!known) this.#missing("missing-document", "document", m.document, { ...place, pointer: `${pointer}/document` }, `expected document ${JSON.stringify(m.document)} to exist, found none`);
    else if (!inSentence) {
      const at = { ...place, pointer: `${pointer}/sentence` };
      if (row < 0) this.#missing("missing-sentence", "sentence", m.sentence, at, `expected sentence ${m.sentence} to exist in paragraph ${m.paragraph} of ${m.document}, found none`);
      else this.report("missing-sentence", at, `expected sentence ${m.sentence} to be ${this.#elsewhere(this.#sentences, row, sentence, document, m.document, m.paragraph)}`);
    }
    const same = known && this.#span(m, document, place, pointer, this.#sentences, row, m.sentence);
    // Offsets whose text is not the mention's are wrong already (text-mismatch): their tokens would say so again.
    if (same && inSentence && this.#enabled["mention-tokens"]) this.#mentionTokens(m, row, document, place, pointer);
    // The entity checks wait on their own when the entity is not known yet, holding two short
    // strings rather than the record: a dangling entity id must not keep every such record alive.
    if (final || this.#entities.has(m.entity)) this.#entity(m.entity, m.type, place, pointer);
    else {
      const { entity, type } = m;
      this.#pending.push(() => this.#entity(entity, type, place, pointer));
    }
    return true;
  }

  /**
   * The sentence at `row` tokenized (see SentenceTokens), or -1 when its span does not lie in its
   * document's text: that is reported on the sentence's own line, and it makes no tokens to compare.
   */
  #tokenized(row: number, document: number): number {
    const text = this.#text(document);
    const start = this.#sentences.start(row);
    const end = this.#sentences.end(row);
    if (!text || !(start >= 0 && start < end && end <= text.length)) return -1;
    return this.#tokens.of(row, start, end, text);
  }

  /**
   * A token record against its sentence's tokens (token-tiling); counts it for the check of
   * missing ones at the end. Its span is compared only when its text is the text there (`same`):
   * else the offsets are wrong already (text-mismatch), and saying so again would double the report.
   */
  #token(t: Token, row: number, document: number, place: Place, pointer: string, same: boolean): void {
    const n = this.#tokenized(row, document);
    if (n < 0) return;
    if (!this.#tokenDocuments.has(document)) this.#tokenDocuments.set(document, place.file);
    this.#tokens.tally(row, t.index, this.#sentences.size);
    if (t.index >= n) {
      this.report("token-tiling", { ...place, pointer: `${pointer}/index` }, `expected an index below ${n} (the tokens ${t.sentence} makes), found ${t.index}`);
      return;
    }
    if (!same) return;
    const start = this.#tokens.start(t.index);
    const end = this.#tokens.end(t.index);
    const kind = this.#tokens.kind(t.index);
    if (t.start !== start || t.end !== end) {
      const text = this.#text(document)!;
      this.report("token-tiling", { ...place, pointer: `${pointer}/${t.start !== start ? "start" : "end"}` }, `expected token ${t.index} of ${t.sentence} at [${start}, ${end}) ${shown(text.slice(start, end))}, found [${t.start}, ${t.end})`);
    } else if (t.kind !== kind) {
      this.report("token-tiling", { ...place, pointer: `${pointer}/kind` }, `expected kind ${JSON.stringify(kind)} for ${shown(t.text)}, found ${JSON.stringify(t.kind)}`);
    }
  }

  /** A mention's token indices against its sentence's tokens (mention-tokens). */
  #mentionTokens(m: EntityMention, row: number, document: number, place: Place, pointer: string): void {
    // Offsets outside the sentence are reported as such (outside-parent): no token index can be checked.
    if (m.start < this.#sentences.start(row) || m.end > this.#sentences.end(row)) return;
    if (this.#tokenized(row, document) < 0) return;
    const first = this.#tokens.startingAt(m.start);
    const last = this.#tokens.endingAt(m.end);
    if (first < 0) this.report("mention-tokens", { ...place, pointer: `${pointer}/start` }, `expected the mention to start where a token of ${m.sentence} starts, found ${m.start} ${this.#cut(m.start, document)}`);
    else if (m.tokenStart !== first) this.report("mention-tokens", { ...place, pointer: `${pointer}/tokenStart` }, `expected tokenStart ${first} (the token at [${m.start}, ${this.#tokens.end(first)}), where the mention starts), found ${m.tokenStart}`);
    if (last < 0) this.report("mention-tokens", { ...place, pointer: `${pointer}/end` }, `expected the mention to end where a token of ${m.sentence} ends, found ${m.end} ${this.#cut(m.end - 1, document)}`);
    else if (m.tokenEnd !== last + 1) this.report("mention-tokens", { ...place, pointer: `${pointer}/tokenEnd` }, `expected tokenEnd ${last + 1} (just past the token at [${this.#tokens.start(last)}, ${m.end}), where the mention ends), found ${m.tokenEnd}`);
  }

  /** Where an offset falls that no token starts or ends at, for a message: inside which token. */
  #cut(point: number, document: number): string {
    const k = this.#tokens.holding(point);
    if (k < 0) return "between tokens";
    const start = this.#tokens.start(k);
    const end = this.#tokens.end(k);
    return `inside token ${k} ${shown(this.#text(document)!.slice(start, end))} [${start}, ${end})`;
  }

  /** The catalogue checks of a mention: its entity exists, and has the mention's type. */
  #entity(id: string, type: EntityType, place: Place, pointer: string): void {
    const entity = this.#entities.get(id);
    if (!entity) this.#missing("missing-entity", "entity", id, { ...place, pointer: `${pointer}/entity` }, `expected entity ${JSON.stringify(id)} in the catalogue, found none`);
    else if (entity.type !== type && !entity.metonymicTypes?.includes(type)) {
      const types: EntityType[] = [entity.type, ...(entity.metonymicTypes ?? [])];
      this.report("entity-type", { ...place, pointer: `${pointer}/type` }, `expected type ${types.join(" or ")} for entity ${entity.id}, found ${type}`);
    }
  }

  /** The reference and offset checks of an attributed stance; see #segment for `final`. */
  #stance(s: Stance, document: number, place: Place, pointer: string, final: boolean): boolean {
    const known = this.#texts.has(document);
    const holder = s.holder === WRITER || this.#entities.has(s.holder);
    const target = this.#targets.has(s.target);
    const sentences = s.evidence.map((e) => this.#keys.sentence(e.sentence));
    const rows = sentences.map((key) => this.#sentences.find(key));
    if (!final && (!known || !holder || !target || rows.includes(-1) || this.#textAway(document))) return false;
    if (!known) this.#missing("missing-document", "document", s.document, { ...place, pointer: `${pointer}/document` }, `expected document ${JSON.stringify(s.document)} to exist, found none`);
    if (!holder) this.#missing("missing-entity", "entity", s.holder, { ...place, pointer: `${pointer}/holder` }, `expected holder "writer" or a catalogue entity, found ${JSON.stringify(s.holder)}`);
    if (!target) this.#missing("missing-target", "stance-target", s.target, { ...place, pointer: `${pointer}/target` }, `expected target ${JSON.stringify(s.target)} in the target list, found none`);
    if (!known) return true;
    s.evidence.forEach((e, i) => {
      const row = rows[i]!;
      if (!(row >= 0 && this.#sentences.document(row, sentences[i]!) === document)) {
        const at = { ...place, pointer: `${pointer}/evidence/${i}/sentence` };
        if (row < 0) this.#missing("missing-sentence", "sentence", e.sentence, at, `expected sentence ${e.sentence} to exist in ${s.document}, found none`);
        else this.report("missing-sentence", at, `expected sentence ${e.sentence} to be ${this.#elsewhere(this.#sentences, row, sentences[i]!, document, s.document, undefined)}`);
      }
      this.#span(e, document, place, `${pointer}/evidence/${i}`, this.#sentences, row, e.sentence);
    });
    return true;
  }

  /**
   * A label's own list, before it is compared with the stances: each of its document, each once.
   * The comparison works on stance numbers within the label's document, so without this a stance
   * of another document, or one listed twice, would pass unseen.
   */
  #listedStances(l: SentenceStance, place: Place, pointer: string): void {
    // Millions of labels: nothing is made unless there is something to report.
    const stances = l.stances;
    // A few stances are searched in place; a hostile list of thousands gets a set.
    const seen = stances.length > 16 ? new Set<string>() : undefined;
    for (let i = 0; i < stances.length; i++) {
      const id = stances[i]!;
      const again = seen ? seen.size === seen.add(id).size : stances.indexOf(id) < i;
      const problem = !isChildId(id, l.document, "st", -1) ? `expected ${l.id} to list stances of ${l.document}, found ${id}` : again ? `expected ${l.id} to list each stance once, found ${id} again` : "";
      if (problem) this.report("label-stances", { ...place, pointer: `${pointer}/stances/${i}` }, problem);
    }
  }

  /** Whether a stance of this id was validated or is in the reference data. */
  #hasStance(id: string): boolean {
    return this.#stances.has(id) || (this.#ids.get(STANCE)?.has(id) ?? false);
  }

  /** The reference checks of a sentence-level label; see #segment for `final`. */
  #label(l: SentenceStance, document: number, sentence: number, place: Place, pointer: string, final: boolean): boolean {
    const known = this.#texts.has(document);
    const row = this.#sentences.find(sentence);
    const target = this.#targets.has(l.target);
    const stances = l.stances.every((id) => this.#hasStance(id));
    if (!final && (!known || row < 0 || !target || !stances)) return false;
    if (!known) this.#missing("missing-document", "document", l.document, { ...place, pointer: `${pointer}/document` }, `expected document ${JSON.stringify(l.document)} to exist, found none`);
    else if (!(row >= 0 && this.#sentences.document(row, sentence) === document)) {
      const at = { ...place, pointer: `${pointer}/sentence` };
      if (row < 0) this.#missing("missing-sentence", "sentence", l.sentence, at, `expected sentence ${l.sentence} to exist in ${l.document}, found none`);
      else this.report("missing-sentence", at, `expected sentence ${l.sentence} to be ${this.#elsewhere(this.#sentences, row, sentence, document, l.document, undefined)}`);
    }
    if (!target) this.#missing("missing-target", "stance-target", l.target, { ...place, pointer: `${pointer}/target` }, `expected target ${JSON.stringify(l.target)} in the target list, found none`);
    l.stances.forEach((id, i) => {
      if (!this.#hasStance(id)) this.#missing("missing-stance", "stance", id, { ...place, pointer: `${pointer}/stances/${i}` }, `expected stance ${id} to exist, found none`);
    });
    return true;
  }

  /** Settles deferred checks and whole-input rules; call once after the last record. */
  finish(): void {
    for (const settle of this.#pending.splice(0)) settle();
    this.#deferred.drain((location, line, fallback) => this.#settleLine(location, line, fallback));
    this.#nesting.finish(
      (documents, add) => this.#rereadMentions(documents, add),
      ({ problem, document, at, other, parent }) => {
        const place = { file: at.file, ...(at.line ? { line: at.line } : {}), pointer: "/start" };
        const id = this.#keys.documentId(document);
        const named = `${id}/e${parent}`;
        const span = `[${at.start}, ${at.end})`;
        if (problem === "depth") this.report("nesting-depth", place, `expected at most one level of nesting in ${id}, found ${span} inside two mentions, the outer [${other.start}, ${other.end})`);
        else if (problem === "crossing") this.report("nesting-depth", place, `expected nested or separate mentions in ${id}, found ${span} crossing [${other.start}, ${other.end})`);
        // The other mention by its id, not its line: the incident must not depend on the order read.
        else if (problem === "same-span") this.report("duplicate-span", place, `expected one mention per span in ${id}, found ${span} again${other.number !== undefined && other.number > 0 ? `, the span of ${id}/e${other.number}` : ""}`);
        else if (problem === "parent-missing") this.report("mention-parent", { ...place, pointer: "/parent" }, `expected parent ${named} to be a mention of ${id}, found none`);
        else if (problem === "parent-outside") this.report("mention-parent", { ...place, pointer: "/parent" }, `expected parent ${named} to enclose ${span}, found it at ${other.start === at.start && other.end === at.end ? "the same span" : `[${other.start}, ${other.end})`}`);
        else this.report("mention-parent", { ...place, pointer: "/parent" }, `expected parent ${named}, the mention at [${other.start}, ${other.end}) that encloses ${span}, found none`);
      },
    );
    this.#finishAuthored();
    // Labels that say NONE and list nothing are not kept (most labels are such): one that should
    // list a stance is found again by its id in its file, for its line.
    const lineless = new Map<string, Map<string, string[]>>();
    this.#stanceLabels.finish(
      (document) => this.#labelledDocuments.get(document),
      ({ problem, document, sentence, target, stance, expected, found, at, onStance }) => {
        // A missing label is sentence-label-count's to report, once, not once per stance it would list.
        if (problem === "unlisted" && this.#labelCount(target, document * 0x100000000 + sentence) === 0) return;
        const place = { file: at.file, ...(at.line ? { line: at.line } : {}) };
        const label = `${this.#keys.sentenceId(document * 0x100000000 + sentence)}#${target}`;
        const id = `${this.#keys.documentId(document)}/st${stance}`;
        if (problem === "unlisted") {
          const message = `expected ${label} to list ${id}, which is on ${target} with evidence in its sentence, found it missing`;
          if (onStance || at.line || !this.#options.source) this.report("label-stances", { ...place, pointer: onStance ? "/id" : at.line ? "/stances" : "" }, message);
          else {
            let byLabel = lineless.get(at.file);
            if (!byLabel) lineless.set(at.file, (byLabel = new Map()));
            const messages = byLabel.get(label) ?? [];
            byLabel.set(label, messages);
            messages.push(message);
          }
        }
        else if (problem === "listed-elsewhere") this.report("label-stances", { ...place, pointer: "/stances" }, `expected ${id} to be on ${target} with evidence in the sentence of ${label}, found it elsewhere`);
        else if (problem === "derivation") this.report("label-derivation", { ...place, pointer: "/label" }, `expected ${expected} for ${label} (derived from its stances), found ${found}`);
        else if (problem === "resolution-missing") this.report("label-derivation", { ...place, pointer: "/resolution" }, `expected a resolution for ${label}, whose stances are both FAVOR and AGAINST, found none`);
        else this.report("label-derivation", { ...place, pointer: "/resolution" }, `expected no resolution for ${label}, whose stances do not conflict, found one`);
      },
    );
    for (const [file, byLabel] of lineless) {
      const lines = new Map<string, number>();
      this.#options.source!.lines(file, (line, text) => {
        if (!text.includes('"NONE"')) return;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return;
        }
        const id = (value as { id?: unknown } | null)?.id;
        if (typeof id === "string" && byLabel.has(id) && !lines.has(id)) lines.set(id, line);
      });
      for (const [label, messages] of byLabel) {
        const line = lines.get(label);
        for (const message of messages) this.report("label-stances", { file, ...(line ? { line, pointer: "/stances" } : { pointer: "" }) }, message);
      }
    }
    if (this.#enabled["segment-tiling"]) {
      this.#missingSegments(true);
      this.#missingSegments(false);
    }
    // Missing tokens and missing labels in one pass over the sentences: each pass makes an array of
    // every sentence's id number (731,028 of them at 8.7 GB of input).
    const tokens = this.#tokenDocuments.size > 0;
    const labels = this.#labelledDocuments.size > 0 && this.#targets.size > 0;
    if (tokens || labels) {
      this.#sentences.forEach((row, key) => {
        const document = this.#sentences.document(row, key);
        if (tokens) this.#missingTokens(row, key, document);
        const file = labels ? this.#labelledDocuments.get(document) : undefined;
        if (file === undefined) return;
        for (const target of this.#targets) {
          if (this.#labelCount(target, key) === 0) {
            // A missing label has no line: it is reported on the file that holds the document's labels.
            this.report("sentence-label-count", { file, pointer: "" }, `expected one label for ${this.#keys.sentenceId(key)}#${target}, found none`);
          }
        }
      });
    }
  }

  /** What the build would refuse in the authored files of each document, taken together. */
  #finishAuthored(): void {
    for (const [document, spans] of this.#authoredSpans) {
      spans.sweep((problem: NestingProblem, at: SpanAt, other) => {
        const place = { file: at.file, ...(at.line ? { line: at.line } : {}), pointer: "/quote" };
        const span = `[${at.start}, ${at.end})`;
        const line = other.line ? ` (line ${other.line})` : "";
        if (problem === "same-span") this.report("duplicate-span", place, `expected one mention per span in ${document}, found the quote resolving to ${span} again${line}`);
        else if (problem === "crossing") this.report("nesting-depth", place, `expected nested or separate mentions in ${document}, found the quote at ${span} crossing [${other.start}, ${other.end})${line}`);
        else if (problem === "depth") this.report("nesting-depth", place, `expected at most one level of nesting in ${document}, found the quote at ${span} inside two mentions, the outer [${other.start}, ${other.end})${line}`);
      });
    }
    this.#authoredSpans.clear();
    this.#authoredDerivation.finish((f) => {
      const label = `${f.document}/${f.label}`;
      if (f.problem === "unresolved") this.report("label-derivation", { file: f.file, pointer: "" }, `expected a declared resolution for ${label}, whose stances ${f.stances} conflict, found none in the files given`);
      else if (f.problem === "unused") this.report("label-derivation", { ...f.at, pointer: "" }, `expected a resolution to settle a FAVOR/AGAINST conflict, found none at ${label}`);
      else this.report("label-derivation", { ...f.at, pointer: "" }, `expected one resolution per sentence × target, found ${label} again (first on ${f.first.file}:${f.first.line ?? "?"})`);
    });
  }

  /**
   * Reports the tokens missing from the sentence at `row`. A sentence given for validation, of a
   * document whose tokens are given, needs all of its tokens. Tokens given alone, against the
   * shipped sentences, are checked one by one: a few of them are records to check, not a
   * tokenization that leaves words out.
   */
  #missingTokens(row: number, key: number, document: number): void {
    const file = this.#tokenDocuments.get(document);
    if (file === undefined || !this.#sentences.given(row)) return;
    const seen = this.#tokens.seenFor(row);
    const made = seen > 0 ? this.#tokens.madeFor(row) : this.#tokenized(row, document);
    // A missing token has no line: it is reported on the file of the document's first token.
    if (seen < made) this.report("token-tiling", { file, pointer: "" }, `expected ${made} tokens for ${this.#keys.sentenceId(key)} (the tokens its text makes), found ${seen === 0 ? "none" : seen}`);
  }

  /**
   * The checks a record waited for, from its line read again: it was read once, so it is valid
   * against its kind's schema, and only the checks that waited are run.
   */
  #settleLine(location: LineLocation, line: number, fallback: RecordKind | undefined): void {
    const place = { file: location.file, line };
    let value: unknown;
    try {
      // A CR before the LF is JSON whitespace: it needs no stripping here.
      value = JSON.parse((this.#lineDecoder ??= new TextDecoder("utf-8", { fatal: true })).decode(this.#options.source!.read(location)));
    } catch (error) {
      // Bytes that no longer decode or parse; else the reader's own message, or the system's.
      const { message } = error as Error;
      const said = error instanceof SyntaxError || error instanceof TypeError ? `expected ${location.file} to be unchanged while it is validated, found a line that is no longer the same JSON` : message.startsWith("expected ") ? message : `expected ${location.file} to be readable again, found ${message}`;
      this.report("file-unreadable", place, said);
      return;
    }
    // The kind as record() decides it.
    const trusted = this.#options.kind === undefined && fallback !== undefined && fallback.validate(value);
    const kind = trusted ? fallback : (this.#options.kind ?? detectKind(value, fallback));
    if (!kind || (!trusted && !kind.validate(value))) {
      this.report("file-unreadable", place, `expected ${location.file} to be unchanged while it is validated, found another record at line ${line}`);
      return;
    }
    switch (kind.name) {
      case "paragraph":
      case "sentence":
      case "token": {
        const s = value as Paragraph & { paragraph?: string; sentence?: string };
        this.#segment(kind.name, s, this.#keys.document(s.document), place, "", true);
        break;
      }
      case "entity-mention":
        this.#mention(value as EntityMention, this.#keys.document((value as EntityMention).document), place, "", true);
        break;
      case "stance":
        this.#stance(value as Stance, this.#keys.document((value as Stance).document), place, "", true);
        break;
      case "sentence-stance": {
        const l = value as SentenceStance;
        this.#label(l, this.#keys.document(l.document), this.#keys.sentence(l.sentence), place, "", true);
        break;
      }
      case "offset-map":
        this.#offsetMap(value as OffsetMap, this.#keys.document((value as OffsetMap).document), place, "", true);
        break;
    }
  }

  /**
   * The mention spans of some documents, read again from their JSONL files with the same
   * decisions as the first reading (kind, schema), for the nesting check of documents whose
   * mentions were not grouped together.
   */
  #rereadMentions(documents: ReadonlySet<number>, add: RereadSpan): void {
    for (const [file, fallback] of this.#mentionFiles) {
      this.#options.source!.lines(file, (line, text) => {
        if (text.endsWith("\r")) text = text.slice(0, -1);
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return;
        }
        const kind = this.#options.kind ?? detectKind(value, fallback);
        if (kind?.name !== "entity-mention" || !kind.validate(value)) return;
        const m = value as EntityMention;
        const document = this.#keys.knownDocument(m.document);
        // Its parent was checked against its document when first read: only the number is needed now.
        if (documents.has(document)) add(document, m.start, m.end, idNumber(m.id, "/e"), parentNumber(m), file, line);
      });
    }
  }

  get valid(): boolean {
    return this.incidentCount === 0;
  }
}

/**
 * Whether `id` is `<parent>/<letter><number>`: with that number (`number` ≥ 0, a record's index + 1),
 * or any number as the schema's pattern allows it (-1). Compared in place: it runs for every record.
 */
function isChildId(id: string, parent: string, letter: string, number: number): boolean {
  const at = parent.length + 1 + letter.length;
  if (id.length <= at || id.charCodeAt(parent.length) !== 0x2f || !id.startsWith(parent) || !id.startsWith(letter, parent.length + 1)) return false;
  if (number < 0) return true;
  return digits(id, at, id.length, 0x7fffffff) === number;
}

/** The number after the last `marker` of an id (`…/e<n>`, `…/st<n>`, the schemas' patterns), or -1. */
function idNumber(id: string, marker: string): number {
  return digits(id, id.lastIndexOf(marker) + marker.length, id.length, 0x7fffffff);
}

/** A mention's parent as the nesting sweep takes it: 0 for none, its number, or -1 when it is not a mention of the same document. */
function parentNumber(m: EntityMention): number {
  if (m.parent === undefined) return 0;
  return isChildId(m.parent, m.document, "e", -1) ? idNumber(m.parent, "/e") : -1;
}

/** The part of a sentence's key below its document's (IdKeys packs `document · 2^32 + low`), or -1 when the key is not of that document. */
function sentenceLow(key: number, document: number): number {
  const low = key - document * 0x100000000;
  return key >= 0 && low >= 0 && low < 0x100000000 ? low : -1;
}

/**
 * The document an authored annotation file is about: its name up to the first dot
 * (`us-iran-iraq-2014.entities.jsonl`), as the build names them.
 */
function authoredDocument(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return name.slice(0, name.indexOf(".") === -1 ? name.length : name.indexOf("."));
}

/** Punctuation at the start or end of a text (Unicode general category P: “ ” ( ) ، . : and the like). */
const EDGE_PUNCTUATION = /^\p{P}|\p{P}$/u;

/** Kinds whose string fields are checked for NFC one by one (see #nfcStrings). */
const FREE_TEXT = new Set(["entity", "stance-target", "stance", "sentence-stance", "entity-annotation", "stance-annotation", "stance-resolution"]);

/** What a paragraph or sentence waits for (see #tiling). */
const NEEDS_NEXT = 1;
const WAITS_FOR_PREVIOUS = 2;

/** The kind whose duplicate-id set holds the stance ids that sentence labels refer to. */
const STANCE = kindByName("stance")!;

/** The value a JSON Pointer designates inside `root` (undefined where the value lacks it). */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** 1-based column of a JSON.parse error: V8 does not always say where, so a scan finds it. */
function jsonErrorColumn(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  return (position ? Number(position[1]) : jsonErrorOffset(text)) + 1;
}

/**
 * A value for an error message: short, and true to what the input said (1e400 is Infinity, not
 * null). Only the start of the value's JSON is written: a hostile line can hold a value of
 * hundreds of megabytes, whose whole JSON, once per schema error, would not fit in memory.
 */
export function shown(value: unknown, max = 80): string {
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : value === undefined ? "nothing" : jsonStart(value, max + 1);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The JSON of `value` (from JSON.parse: no undefined, functions or cycles), or its first `budget` characters or a few more. */
function jsonStart(value: unknown, budget: number): string {
  if (typeof value === "string") return JSON.stringify(value.length > budget ? value.slice(0, budget) : value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (text.length >= budget) return text;
      text += `${i === 0 ? "" : ","}${jsonStart(value[i], budget - text.length)}`;
    }
    return `${text}]`;
  }
  let text = "{";
  // for…in, not Object.entries: an object of millions of keys is not copied to show a few.
  for (const key in value) {
    if (text.length >= budget) return text;
    text += `${text.length === 1 ? "" : ","}${JSON.stringify(key)}:${jsonStart((value as Record<string, unknown>)[key], budget - text.length)}`;
  }
  return `${text}}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The JSON Pointer of the first string in `value` that is not well-formed Unicode, if any. */
function loneSurrogate(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === "string") {
      if (LONE_SURROGATE.test(node)) return pointer;
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) return `${pointer}/${key}`;
        stack.push([child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`]);
      }
    }
  }
  return null;
}
