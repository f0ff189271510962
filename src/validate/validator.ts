import type { Document, Entity, EntityMention, EntityType, Paragraph, Sentence, SentenceStance, Stance, StanceTarget } from "../generated/types.js";
import { parse, type ParseError } from "jsonc-parser";
import { CodePointText } from "../code-points.js";
import { detectKind, type RecordKind } from "../record-kinds.js";
import { checks, type CheckId, type Incident } from "./checks.js";
import { firstDuplicateKey } from "./scan-keys.js";

/** The records a validation may refer to besides those given: by default the shipped corpus. */
export interface ReferenceData {
  documents: Document[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  entityCatalogue: Entity[];
  stanceTargets: StanceTarget[];
  stances: Stance[];
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
}

interface Span {
  start: number;
  end: number;
  document: string;
}

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
const WORD_SPLIT_MARK = /^\p{M}/u;

/**
 * The validation engine: feed it records (or raw lines) in any order, then call `finish()`.
 * Syntax and schema checks run per line; reference checks run as soon as what they refer to is
 * known, and are settled at the end for anything defined later. It keeps only what later checks
 * need (texts and spans of documents, paragraphs and sentences; ids), never the records.
 */
export class Validator {
  readonly incidents: Incident[] = [];
  readonly counts: Record<string, number> = {};
  records = 0;
  readonly #enabled: (check: CheckId) => boolean;
  readonly #options: ValidatorOptions;
  readonly #documents = new Map<string, CodePointText>();
  readonly #paragraphs = new Map<string, Span>();
  readonly #sentences = new Map<string, Span & { paragraph: string }>();
  readonly #entities = new Map<string, Entity>();
  readonly #targets = new Set<string>();
  readonly #stances = new Set<string>();
  readonly #ids = new Map<string, Set<string>>();
  readonly #pending: Array<() => void> = [];
  readonly #mentionsBySentence = new Map<string, Array<{ id: string; start: number; end: number; file: string; line: number }>>();
  readonly #labels = new Map<string, number>();
  readonly #labelledDocuments = new Set<string>();

  constructor(options: ValidatorOptions = {}) {
    this.#options = options;
    const level = options.level ?? 5;
    const only = options.only ? new Set(options.only) : null;
    const exclude = new Set(options.exclude ?? []);
    this.#enabled = (check) => checks[check].level <= level && (!only || only.has(check)) && !exclude.has(check);
    const ref = options.reference;
    if (ref) {
      for (const d of ref.documents) this.#documents.set(d.id, new CodePointText(d.text));
      for (const p of ref.paragraphs) this.#paragraphs.set(p.id, p);
      for (const s of ref.sentences) this.#sentences.set(s.id, s);
      for (const e of ref.entityCatalogue) this.#entities.set(e.id, e);
      for (const t of ref.stanceTargets) this.#targets.add(t.id);
      for (const s of ref.stances) this.#stances.add(s.id);
    }
  }

  report(check: CheckId, place: Omit<Incident, "check" | "level" | "message">, message: string): void {
    if (!this.#enabled(check)) return;
    this.counts[check] = (this.counts[check] ?? 0) + 1;
    this.incidents.push({ check, level: checks[check].level, ...place, message });
  }

  /** Validates one JSONL line (without its "\n"). */
  line(file: string, line: number, text: string, fallback?: RecordKind): void {
    if (text.endsWith("\r")) {
      this.report("crlf", { file, line, column: text.length }, "expected LF line endings, found CRLF");
      text = text.slice(0, -1);
    }
    if (text.trim() === "") {
      this.report("blank-line", { file, line, column: 1 }, "expected one JSON value per line, found a blank line");
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const column = jsonErrorColumn(text, error as Error);
      const found = column > text.length ? "the end of the line" : JSON.stringify(text.slice(column - 1, column + 11));
      this.report("json-syntax", { file, line, column }, `expected one valid JSON value, found ${found} (${(error as Error).message.split(/ in JSON| is not valid/)[0]})`);
      return;
    }
    if (this.#enabled("duplicate-key")) {
      const duplicate = firstDuplicateKey(text);
      if (duplicate) this.report("duplicate-key", { file, line, column: duplicate.offset + 1 }, `expected each key once per object, found ${JSON.stringify(duplicate.key)} twice`);
    }
    this.record(file, line, value, "", fallback);
  }

  /** Validates one parsed record. `pointer` prefixes JSON pointers (records inside a JSON array). */
  record(file: string, line: number | undefined, value: unknown, pointer = "", fallback?: RecordKind): void {
    this.records++;
    const place = { file, ...(line !== undefined ? { line } : {}) };
    const kind = this.#options.kind ?? detectKind(value, fallback);
    if (!kind) {
      this.report("unknown-kind", { ...place, pointer: pointer || "/" }, "expected a record whose type can be told from its id, its fields, the file name or --type, found none");
      return;
    }
    if (!kind.validate(value)) {
      for (const e of kind.validate.errors ?? []) {
        const detail = e.keyword === "additionalProperties" ? ` (${JSON.stringify(e.params.additionalProperty)})` : e.keyword === "enum" ? ` ${JSON.stringify(e.params.allowedValues)}` : "";
        const found = JSON.stringify(valueAt(value, e.instancePath)) ?? "nothing";
        this.report("schema", { ...place, pointer: `${pointer}${e.instancePath}` || "/" }, `expected ${kind.type} to satisfy "${e.keyword}" (${e.message}${detail}), found ${found.length > 80 ? `${found.slice(0, 80)}…` : found}`);
      }
      return;
    }
    this.#contents(kind, value as Record<string, unknown>, place, pointer);
  }

  #unique(kind: RecordKind, id: string, place: { file: string; line?: number }, pointer: string): void {
    let ids = this.#ids.get(kind.name);
    if (!ids) this.#ids.set(kind.name, (ids = new Set()));
    if (ids.has(id)) this.report("duplicate-id", { ...place, pointer: `${pointer}/id` }, `expected a unique ${kind.type} id, found ${JSON.stringify(id)} again`);
    ids.add(id);
  }

  /** A reference check that waits for the end of input when its target is not known yet. */
  #refer(check: CheckId, exists: () => boolean, place: { file: string; line?: number; pointer: string }, message: string): void {
    if (!this.#enabled(check)) return;
    if (exists()) return;
    this.#pending.push(() => {
      if (!exists()) this.report(check, place, message);
    });
  }

  #span(r: { start: number; end: number; document: string; text?: string }, place: { file: string; line?: number }, pointer: string, parent?: Span & { id: string }): void {
    const text = this.#documents.get(r.document);
    if (!text) return;
    if (r.end <= r.start || r.end > text.length) {
      this.report("offset-bounds", { ...place, pointer: `${pointer}/end` }, `expected 0 <= start < end <= ${text.length} (the length of ${r.document} in code points), found start ${r.start} and end ${r.end}`);
      return;
    }
    if (parent && (r.start < parent.start || r.end > parent.end)) {
      this.report("outside-parent", { ...place, pointer: `${pointer}/start` }, `expected [${r.start}, ${r.end}) to lie inside ${parent.id} [${parent.start}, ${parent.end}), found it outside`);
    }
    const slice = text.slice(r.start, r.end);
    if (r.text !== undefined && slice !== r.text) {
      this.report("text-mismatch", { ...place, pointer: `${pointer}/text` }, `expected text ${JSON.stringify(slice)} (the document at [${r.start}, ${r.end})), found ${JSON.stringify(r.text)}`);
    }
    if (this.#enabled("grapheme-boundary")) {
      const around = text.slice(Math.max(0, r.start - 8), Math.min(text.length, r.end + 8));
      const offset = r.start - Math.max(0, r.start - 8);
      const boundaries = new Set<number>();
      let at = 0;
      for (const { segment } of graphemes.segment(around)) {
        boundaries.add(at);
        at += [...segment].length;
      }
      boundaries.add(at);
      const local = [offset, offset + (r.end - r.start)];
      if (!local.every((b) => boundaries.has(b)) || WORD_SPLIT_MARK.test(slice)) {
        this.report("grapheme-boundary", { ...place, pointer: `${pointer}/start` }, `expected [${r.start}, ${r.end}) to start and end between grapheme clusters, found a boundary inside one`);
      }
    }
  }

  #nfc(text: string, place: { file: string; line?: number }, pointer: string): void {
    if (text !== text.normalize("NFC")) this.report("not-nfc", { ...place, pointer }, "expected text in Unicode Normalization Form C, found a non-NFC sequence");
  }

  #contents(kind: RecordKind, r: Record<string, unknown>, place: { file: string; line?: number }, pointer: string): void {
    const id = typeof r.id === "string" ? r.id : undefined;
    if (id !== undefined) this.#unique(kind, id, place, pointer);
    const p = (field: string) => ({ ...place, pointer: `${pointer}/${field}` });
    const documentExists = (doc: string) => () => this.#documents.has(doc);
    switch (kind.name) {
      case "document": {
        const d = r as unknown as Document;
        this.#nfc(d.text, place, `${pointer}/text`);
        this.#documents.set(d.id, new CodePointText(d.text));
        break;
      }
      case "paragraph":
      case "sentence":
      case "token": {
        const s = r as unknown as Paragraph & { paragraph?: string; sentence?: string };
        this.#refer("missing-document", documentExists(s.document), p("document"), `expected document ${JSON.stringify(s.document)} to exist, found none`);
        if (kind.name === "paragraph") this.#paragraphs.set(s.id, s);
        if (kind.name === "sentence") this.#sentences.set(s.id, { ...s, paragraph: s.paragraph! });
        const parentId = kind.name === "sentence" ? s.paragraph! : kind.name === "token" ? s.sentence! : undefined;
        const parentCheck: CheckId = kind.name === "sentence" ? "missing-paragraph" : "missing-sentence";
        const parents = kind.name === "sentence" ? this.#paragraphs : this.#sentences;
        const settle = () => {
          if (!this.#documents.has(s.document)) return;
          const parent = parentId ? parents.get(parentId) : undefined;
          this.#span(s, place, pointer, parent ? { ...parent, id: parentId! } : undefined);
          this.#nfc(s.text, place, `${pointer}/text`);
        };
        if (parentId) this.#refer(parentCheck, () => parents.has(parentId), p(kind.name === "sentence" ? "paragraph" : "sentence"), `expected ${parentId} to exist, found none`);
        if (this.#documents.has(s.document) && (!parentId || parents.has(parentId))) settle();
        else this.#pending.push(settle);
        break;
      }
      case "entity":
        this.#entities.set((r as unknown as Entity).id, r as unknown as Entity);
        break;
      case "stance-target":
        this.#targets.add((r as unknown as StanceTarget).id);
        break;
      case "entity-mention": {
        const m = r as unknown as EntityMention;
        this.#refer("missing-document", documentExists(m.document), p("document"), `expected document ${JSON.stringify(m.document)} to exist, found none`);
        this.#refer("missing-sentence", () => this.#sentences.get(m.sentence)?.paragraph === m.paragraph, p("sentence"), `expected sentence ${m.sentence} to exist in paragraph ${m.paragraph}, found none`);
        this.#refer("missing-entity", () => this.#entities.has(m.entity), p("entity"), `expected entity ${JSON.stringify(m.entity)} in the catalogue, found none`);
        const settle = () => {
          const sentence = this.#sentences.get(m.sentence);
          this.#span(m, place, pointer, sentence ? { ...sentence, id: m.sentence } : undefined);
          const entity = this.#entities.get(m.entity);
          const types: EntityType[] = entity ? [entity.type, ...(entity.metonymicTypes ?? [])] : [];
          if (entity && !types.includes(m.type)) this.report("entity-type", p("type"), `expected type ${types.join(" or ")} for entity ${entity.id}, found ${m.type}`);
        };
        if (this.#documents.has(m.document) && this.#sentences.has(m.sentence) && this.#entities.has(m.entity)) settle();
        else this.#pending.push(settle);
        const rest = m.text.startsWith(m.prefix) ? m.text.slice(m.prefix.length) : null;
        const allowed = rest === null ? [] : [rest, ...(m.prefix.endsWith("ل") && rest.startsWith("ل") ? [`ا${rest}`] : [])];
        if (!allowed.includes(m.canonical)) {
          this.report("clitic-canonical", p("canonical"), rest === null ? `expected the prefix ${JSON.stringify(m.prefix)} to begin the text ${JSON.stringify(m.text)}, found it does not` : `expected canonical ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, found ${JSON.stringify(m.canonical)}`);
        }
        const list = this.#mentionsBySentence.get(m.sentence) ?? [];
        list.push({ id: m.id, start: m.start, end: m.end, file: place.file, line: place.line ?? 0 });
        this.#mentionsBySentence.set(m.sentence, list);
        break;
      }
      case "stance": {
        const s = r as unknown as Stance;
        this.#stances.add(s.id);
        this.#refer("missing-document", documentExists(s.document), p("document"), `expected document ${JSON.stringify(s.document)} to exist, found none`);
        if (s.holder !== "writer") this.#refer("missing-entity", () => this.#entities.has(s.holder), p("holder"), `expected holder "writer" or a catalogue entity, found ${JSON.stringify(s.holder)}`);
        this.#refer("missing-target", () => this.#targets.has(s.target), p("target"), `expected target ${JSON.stringify(s.target)} in the target list, found none`);
        s.evidence.forEach((e, i) => {
          this.#refer("missing-sentence", () => this.#sentences.has(e.sentence), p(`evidence/${i}/sentence`), `expected sentence ${e.sentence} to exist, found none`);
          const settle = () => {
            const sentence = this.#sentences.get(e.sentence);
            this.#span({ ...e, document: s.document }, place, `${pointer}/evidence/${i}`, sentence ? { ...sentence, id: e.sentence } : undefined);
          };
          if (this.#documents.has(s.document) && this.#sentences.has(e.sentence)) settle();
          else this.#pending.push(settle);
        });
        break;
      }
      case "sentence-stance": {
        const l = r as unknown as SentenceStance;
        this.#refer("missing-sentence", () => this.#sentences.has(l.sentence), p("sentence"), `expected sentence ${l.sentence} to exist, found none`);
        this.#refer("missing-target", () => this.#targets.has(l.target), p("target"), `expected target ${JSON.stringify(l.target)} in the target list, found none`);
        l.stances.forEach((id, i) => this.#refer("missing-stance", () => this.#stances.has(id), p(`stances/${i}`), `expected stance ${id} to exist, found none`));
        const key = `${l.sentence}#${l.target}`;
        this.#labels.set(key, (this.#labels.get(key) ?? 0) + 1);
        if (this.#labels.get(key) === 2) this.report("sentence-label-count", p("id"), `expected one label for ${key}, found a second`);
        this.#labelledDocuments.add(l.document);
        break;
      }
    }
  }

  /** Settles deferred checks and whole-input rules; call once after the last record. */
  finish(): void {
    for (const settle of this.#pending.splice(0)) settle();
    for (const [sentence, mentions] of this.#mentionsBySentence) {
      for (const m of mentions) {
        const outers = mentions.filter((o) => o !== m && o.start <= m.start && m.end <= o.end && !(o.start === m.start && o.end === m.end));
        const crossing = mentions.find((o) => o.start < m.start && m.start < o.end && o.end < m.end);
        const place = { file: m.file, ...(m.line ? { line: m.line } : {}), pointer: "/start" };
        if (outers.length > 1) this.report("nesting-depth", place, `expected at most one level of nesting in ${sentence}, found ${m.id} inside ${outers.length} mentions`);
        if (crossing) this.report("nesting-depth", place, `expected nested or separate mentions, found ${m.id} crossing ${crossing.id}`);
      }
    }
    if (this.#labelledDocuments.size > 0 && this.#targets.size > 0) {
      for (const [id, s] of this.#sentences) {
        if (!this.#labelledDocuments.has(s.document)) continue;
        for (const target of this.#targets) {
          if (!this.#labels.has(`${id}#${target}`)) {
            this.report("sentence-label-count", { file: "(all input)", pointer: "/" }, `expected one label for ${id}#${target}, found none`);
          }
        }
      }
    }
  }

  get valid(): boolean {
    return this.incidents.length === 0;
  }
}

/** The value a JSON Pointer designates inside `root`. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/**
 * 1-based column of a JSON.parse error. V8 does not always say where; jsonc-parser, in strict
 * settings, locates the first error in one linear pass.
 */
function jsonErrorColumn(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (position) return Number(position[1]) + 1;
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return (errors[0]?.offset ?? text.length) + 1;
}
