import type { Document, Entity, EntityMention, EntityType, Paragraph, Sentence, SentenceStance, Stance, StanceTarget } from "../generated/types.js";
import { jsonErrorOffset } from "./json-error.js";
import { CodePointText } from "../code-points.js";
import { detectKind, type RecordKind } from "../record-kinds.js";
import { checks, type CheckId, type Incident } from "./checks.js";
import { allowedCanonicals, WRITER } from "../clitics.js";
import { IdSet } from "./id-set.js";
import { countsAllowDuplicates, firstDuplicateKey, mayHaveDuplicateKeys } from "./scan-keys.js";
import { SpanStore } from "./span-store.js";
import { insideGraphemeCluster } from "./grapheme-boundary.js";

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
  /** Keep at most this many incidents in memory (all are counted); default: all. */
  maxIncidents?: number;
}

interface Span {
  start: number;
  end: number;
  document: string;
}


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
  readonly #deep: boolean;
  readonly #options: ValidatorOptions;
  readonly #documents = new Map<string, CodePointText>();
  readonly #paragraphs = new Map<string, Span>();
  readonly #sentences = new Map<string, Span & { paragraph: string }>();
  /** Total incidents, including those not kept because of maxIncidents. */
  incidentCount = 0;
  readonly #entities = new Map<string, Entity>();
  readonly #targets = new Set<string>();
  readonly #stances = new Set<string>();
  readonly #ids = new Map<string, IdSet>();
  readonly #pending: Array<() => void> = [];
  readonly #spans = new Map<string, SpanStore>();
  readonly #labels = new Map<string, number>();
  readonly #labelledDocuments = new Set<string>();

  constructor(options: ValidatorOptions = {}) {
    this.#options = options;
    const level = options.level ?? 5;
    const only = options.only ? new Set(options.only) : null;
    const exclude = new Set(options.exclude ?? []);
    // Decided once, not per record: these are looked up for every check of every record.
    const enabled = Object.fromEntries(Object.keys(checks).map((c) => [c, checks[c as CheckId].level <= level && (!only || only.has(c)) && !exclude.has(c)]));
    this.#enabled = (check) => enabled[check] === true;
    this.#deep = Object.keys(checks).some((c) => enabled[c] && checks[c as CheckId].level >= 3);
    const ref = options.reference;
    if (ref) {
      for (const d of ref.documents) this.#documents.set(d.id, new CodePointText(d.text));
      for (const p of ref.paragraphs) this.#paragraphs.set(p.id, { start: p.start, end: p.end, document: p.document });
      for (const s of ref.sentences) this.#sentences.set(s.id, { start: s.start, end: s.end, document: s.document, paragraph: s.paragraph });
      for (const e of ref.entityCatalogue) this.#entities.set(e.id, e);
      for (const t of ref.stanceTargets) this.#targets.add(t.id);
      for (const s of ref.stances) this.#stances.add(s.id);
    }
  }

  report(check: CheckId, place: Omit<Incident, "check" | "level" | "message">, message: string): void {
    if (!this.#enabled(check)) return;
    this.counts[check] = (this.counts[check] ?? 0) + 1;
    this.incidentCount++;
    if (this.#options.maxIncidents === undefined || this.incidents.length < this.#options.maxIncidents) {
      this.incidents.push({ check, level: checks[check].level, ...place, message });
    }
  }

  /**
   * Validates one JSONL line (without its "\n"). `keys`, when the caller counted them on the raw
   * bytes (see keyTokensPerLine), spares the duplicate-key test a pass over the text.
   */
  line(file: string, line: number, text: string, fallback?: RecordKind, keys?: { tokens: number; spaced: boolean }): void {
    if (text.endsWith("\r")) {
      this.report("crlf", { file, line, column: text.length }, "expected LF line endings, found CRLF");
      text = text.slice(0, -1);
    }
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === "")) {
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
    // A \uD800-style escape can put a lone surrogate in a string: JavaScript accepts it, UTF-8 cannot encode it.
    if (text.includes("\\u")) {
      const pointer = loneSurrogate(value);
      if (pointer !== null) this.report("utf8", { file, line, pointer }, "expected well-formed Unicode text, found a lone surrogate escape (text that UTF-8 cannot encode)");
    }
    const suspicious = keys ? countsAllowDuplicates(keys.tokens, keys.spaced, value) : mayHaveDuplicateKeys(text, value);
    if (this.#enabled("duplicate-key") && suspicious) {
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
        this.report("schema", { ...place, pointer: `${pointer}${e.instancePath}` || "/" }, `expected ${kind.type} to satisfy "${e.keyword}" (${e.message}${detail}), found ${shown(valueAt(value, e.instancePath))}`);
      }
      return;
    }
    // Levels 3–5 need what the record refers to; below them nothing of the record is kept.
    if (this.#deep) this.#contents(kind, value as Record<string, unknown>, place, pointer);
  }

  #unique(kind: RecordKind, id: string, place: { file: string; line?: number }, pointer: string): void {
    let ids = this.#ids.get(kind.name);
    if (!ids) this.#ids.set(kind.name, (ids = new IdSet()));
    if (!ids.add(id)) this.report("duplicate-id", { ...place, pointer: `${pointer}/id` }, `expected a unique ${kind.type} id, found ${JSON.stringify(id)} again`);
  }

  /**
   * A reference check that waits for the end of input when its target is not known yet. The place
   * and message are built only on failure: this runs several times for every record.
   */
  #refer(check: CheckId, exists: () => boolean, place: { file: string; line?: number }, pointer: string, field: string, message: () => string): void {
    if (!this.#enabled(check) || exists()) return;
    this.#pending.push(() => {
      if (!exists()) this.report(check, { ...place, pointer: `${pointer}/${field}` }, message());
    });
  }

  #span(r: { start: number; end: number; document: string; text?: string }, place: { file: string; line?: number }, pointer: string, parent?: Span, parentId?: string): void {
    const text = this.#documents.get(r.document);
    if (!text) return;
    if (r.end <= r.start || r.end > text.length) {
      this.report("offset-bounds", { ...place, pointer: `${pointer}/end` }, `expected 0 <= start < end <= ${text.length} (the length of ${r.document} in code points), found start ${r.start} and end ${r.end}`);
      return;
    }
    if (parent && (r.start < parent.start || r.end > parent.end)) {
      this.report("outside-parent", { ...place, pointer: `${pointer}/start` }, `expected [${r.start}, ${r.end}) to lie inside ${parentId} [${parent.start}, ${parent.end}), found it outside`);
    }
    const slice = text.slice(r.start, r.end);
    if (r.text !== undefined && slice !== r.text) {
      this.report("text-mismatch", { ...place, pointer: `${pointer}/text` }, `expected text ${shown(slice)} (the document at [${r.start}, ${r.end})), found ${shown(r.text)}`);
    }
    if (this.#enabled("grapheme-boundary") && (insideGraphemeCluster(text.text, text.toUnit(r.start)) || insideGraphemeCluster(text.text, text.toUnit(r.end)))) {
      this.report("grapheme-boundary", { ...place, pointer: `${pointer}/start` }, `expected [${r.start}, ${r.end}) to start and end between grapheme clusters, found a boundary inside one`);
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
        this.#refer("missing-document", documentExists(s.document), place, pointer, "document", () => `expected document ${JSON.stringify(s.document)} to exist, found none`);
        if (kind.name === "paragraph") this.#paragraphs.set(s.id, { start: s.start, end: s.end, document: s.document });
        if (kind.name === "sentence") this.#sentences.set(s.id, { start: s.start, end: s.end, document: s.document, paragraph: s.paragraph! });
        const parentId = kind.name === "sentence" ? s.paragraph! : kind.name === "token" ? s.sentence! : undefined;
        const parentCheck: CheckId = kind.name === "sentence" ? "missing-paragraph" : "missing-sentence";
        const parents = kind.name === "sentence" ? this.#paragraphs : this.#sentences;
        const settle = () => {
          if (!this.#documents.has(s.document)) return;
          const parent = parentId ? parents.get(parentId) : undefined;
          this.#span(s, place, pointer, parent, parentId);
          this.#nfc(s.text, place, `${pointer}/text`);
        };
        // The parent must exist and belong to the same paragraph (tokens) or document (sentences).
        // A record of an unknown document is reported once, as missing-document, not again for its parent.
        const parentFits = () => {
          if (!this.#documents.has(s.document)) return true;
          const parent = parents.get(parentId!);
          if (!parent) return false;
          return parent.document === s.document && (kind.name !== "token" || (parent as { paragraph?: string }).paragraph === s.paragraph);
        };
        if (parentId) this.#refer(parentCheck, parentFits, place, pointer, kind.name === "sentence" ? "paragraph" : "sentence", () => `expected ${parentId} to exist in ${kind.name === "token" ? `paragraph ${s.paragraph}` : `document ${s.document}`}, found ${parents.has(parentId) ? "it elsewhere" : "none"}`);
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
        this.#refer("missing-document", documentExists(m.document), place, pointer, "document", () => `expected document ${JSON.stringify(m.document)} to exist, found none`);
        this.#refer("missing-sentence", () => { const s = this.#sentences.get(m.sentence); return !this.#documents.has(m.document) || (s?.paragraph === m.paragraph && s.document === m.document); }, place, pointer, "sentence", () => `expected sentence ${m.sentence} to exist in paragraph ${m.paragraph} of ${m.document}, found ${this.#sentences.has(m.sentence) ? "it elsewhere" : "none"}`);
        this.#refer("missing-entity", () => this.#entities.has(m.entity), place, pointer, "entity", () => `expected entity ${JSON.stringify(m.entity)} in the catalogue, found none`);
        const settle = () => {
          const sentence = this.#sentences.get(m.sentence);
          this.#span(m, place, pointer, sentence, m.sentence);
          const entity = this.#entities.get(m.entity);
          if (entity && entity.type !== m.type && !entity.metonymicTypes?.includes(m.type)) {
            const types: EntityType[] = [entity.type, ...(entity.metonymicTypes ?? [])];
            this.report("entity-type", p("type"), `expected type ${types.join(" or ")} for entity ${entity.id}, found ${m.type}`);
          }
        };
        if (this.#documents.has(m.document) && this.#sentences.has(m.sentence) && this.#entities.has(m.entity)) settle();
        else this.#pending.push(settle);
        const allowed = allowedCanonicals(m.text, m.prefix);
        if (!allowed.includes(m.canonical)) {
          const rest = allowed.length === 0 ? null : allowed[0];
          this.report("clitic-canonical", p("canonical"), rest === null ? `expected the prefix ${JSON.stringify(m.prefix)} to begin the text ${JSON.stringify(m.text)}, found it does not` : `expected canonical ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, found ${JSON.stringify(m.canonical)}`);
        }
        let spans = this.#spans.get(m.document);
        if (!spans) this.#spans.set(m.document, (spans = new SpanStore()));
        spans.add(m.start, m.end, place.file, place.line ?? 0);
        break;
      }
      case "stance": {
        const s = r as unknown as Stance;
        this.#stances.add(s.id);
        this.#refer("missing-document", documentExists(s.document), place, pointer, "document", () => `expected document ${JSON.stringify(s.document)} to exist, found none`);
        if (s.holder !== WRITER) this.#refer("missing-entity", () => this.#entities.has(s.holder), place, pointer, "holder", () => `expected holder "writer" or a catalogue entity, found ${JSON.stringify(s.holder)}`);
        this.#refer("missing-target", () => this.#targets.has(s.target), place, pointer, "target", () => `expected target ${JSON.stringify(s.target)} in the target list, found none`);
        s.evidence.forEach((e, i) => {
          this.#refer("missing-sentence", () => !this.#documents.has(s.document) || this.#sentences.get(e.sentence)?.document === s.document, place, pointer, `evidence/${i}/sentence`, () => `expected sentence ${e.sentence} to exist in ${s.document}, found ${this.#sentences.has(e.sentence) ? "it elsewhere" : "none"}`);
          const settle = () => {
            const sentence = this.#sentences.get(e.sentence);
            this.#span({ ...e, document: s.document }, place, `${pointer}/evidence/${i}`, sentence, e.sentence);
          };
          if (this.#documents.has(s.document) && this.#sentences.has(e.sentence)) settle();
          else this.#pending.push(settle);
        });
        break;
      }
      case "sentence-stance": {
        const l = r as unknown as SentenceStance;
        this.#refer("missing-document", documentExists(l.document), place, pointer, "document", () => `expected document ${JSON.stringify(l.document)} to exist, found none`);
        this.#refer("missing-sentence", () => !this.#documents.has(l.document) || this.#sentences.get(l.sentence)?.document === l.document, place, pointer, "sentence", () => `expected sentence ${l.sentence} to exist in ${l.document}, found ${this.#sentences.has(l.sentence) ? "it elsewhere" : "none"}`);
        this.#refer("missing-target", () => this.#targets.has(l.target), place, pointer, "target", () => `expected target ${JSON.stringify(l.target)} in the target list, found none`);
        l.stances.forEach((id, i) => this.#refer("missing-stance", () => this.#stances.has(id), place, pointer, `stances/${i}`, () => `expected stance ${id} to exist, found none`));
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
    for (const [document, spans] of this.#spans) {
      spans.sweep((problem, at, other) => {
        const place = { file: at.file, ...(at.line ? { line: at.line } : {}), pointer: "/start" };
        if (problem === "depth") this.report("nesting-depth", place, `expected at most one level of nesting in ${document}, found [${at.start}, ${at.end}) inside two mentions, the outer [${other.start}, ${other.end})`);
        else this.report("nesting-depth", place, `expected nested or separate mentions in ${document}, found [${at.start}, ${at.end}) crossing [${other.start}, ${other.end})`);
      });
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
    return this.incidentCount === 0;
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

/** 1-based column of a JSON.parse error: V8 does not always say where, so a scan finds it. */
function jsonErrorColumn(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  return (position ? Number(position[1]) : jsonErrorOffset(text)) + 1;
}

/** A value for an error message: short, and true to what the input said (1e400 is Infinity, not null). */
export function shown(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? "nothing";
    } catch {
      text = "a value nested too deeply to show";
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The JSON Pointer of the first string in `value` that is not well-formed Unicode, if any. */
function loneSurrogate(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === "string") {
      if (LONE_SURROGATE.test(node)) return pointer || "/";
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) return `${pointer}/${key}`;
        stack.push([child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`]);
      }
    }
  }
  return null;
}
