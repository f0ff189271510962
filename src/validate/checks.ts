/**
 * Every check of the validator, with a stable id and a level, in the spirit of the Universal
 * Dependencies validator: 1 syntax, 2 schema, 3 references, 4 offsets, 5 guideline rules.
 * Ids never change meaning; new checks get new ids.
 */
export const checks = {
  "file-unreadable": { level: 1, description: "The file exists and can be read (not a directory, not missing)." },
  "utf8": { level: 1, description: "The file is valid UTF-8." },
  "bom": { level: 1, description: "The file has no byte-order mark." },
  "crlf": { level: 1, description: "Lines end with LF, not CRLF." },
  "empty-file": { level: 1, description: "The file holds at least one record." },
  "blank-line": { level: 1, description: "JSONL has no blank lines: one JSON value per line." },
  "line-too-long": { level: 1, description: "A JSONL line, or a whole JSON file, is at most 536,870,888 bytes, the longest text a JavaScript string can hold (or the --max-line-bytes given): a longer one is reported and not parsed." },
  "json-syntax": { level: 1, description: "Each line (JSONL) or the file (JSON) is one valid JSON value." },
  "duplicate-key": { level: 1, description: "No object has the same key twice (JSON.parse would silently keep the last)." },
  "unknown-kind": { level: 2, description: "The record's type can be told from its id, its fields, the file name or --type." },
  "schema": { level: 2, description: "The record satisfies its JSON Schema (ajv, all errors, with JSON Pointers)." },
  "duplicate-id": { level: 3, description: "Ids are unique within their record type." },
  "id-fields": { level: 3, description: "A record's id is the one its fields make: `<document>/p<index + 1>`, `<paragraph>/s<index + 1>`, `<sentence>/t<index + 1>`, `<document>/e<n>`, `<document>/st<n>`, `<sentence>#<target>`; a document's and an offset map's id is their `document`." },
  "missing-document": { level: 3, description: "The document referred to exists (shipped corpus or files given)." },
  "missing-paragraph": { level: 3, description: "The paragraph referred to exists and belongs to the record's document." },
  "missing-sentence": { level: 3, description: "The sentence referred to exists and belongs to the record's paragraph or document." },
  "missing-entity": { level: 3, description: "The catalogue entity referred to exists." },
  "missing-target": { level: 3, description: "The stance target referred to exists." },
  "missing-stance": { level: 3, description: "The attributed stance referred to exists." },
  "manifest-files": { level: 3, description: "A manifest (`corpus/manifest.json`) matches the files it lists, found from the folder above its own: each is there with the listed size, SHA-256 and JSONL records; each count is the records of its `corpus/data/<kind>.jsonl`; every JSONL file in `corpus/data` is listed; and `version` is the package's." },
  "stance-sentences": { level: 3, description: "A stance's `sentences` are the sentences of its evidence, each once, in text order." },
  "offset-bounds": { level: 4, description: "0 <= start < end <= length of the document text (code points)." },
  "text-mismatch": { level: 4, description: "`text` equals the document text at [start, end)." },
  "outside-parent": { level: 4, description: "A span lies inside its sentence (or a sentence inside its paragraph)." },
  "grapheme-boundary": { level: 4, description: "Span boundaries do not fall inside a grapheme cluster." },
  "segment-tiling": { level: 4, description: "Paragraphs tile their document and sentences their paragraph, in order and with none missing: a paragraph is the text between blank lines (\"\\n\\n\"), only whitespace lies between consecutive sentences, the first starts where its paragraph (or document) starts, and neither has whitespace at its edges." },
  "token-tiling": { level: 4, description: "A sentence's tokens are the ones its text makes under the token schema's rule (whitespace-delimited words, each punctuation or symbol character at a word's edge a token of its own): token `index` has that token's span and kind, and none is missing." },
  "mention-tokens": { level: 4, description: "A mention starts where a token of its sentence starts and ends where one ends, and `tokenStart` and `tokenEnd` (exclusive) are those tokens' indices." },
  "offset-map": { level: 4, description: "An offset map's segments tile its document's text in order, and their raw sources and its removed ranges take every raw character (up to `rawLength`) exactly once." },
  "raw-source": { level: 4, description: "Where a document's raw file is found (its `raw` path, from the folder above the data file's folder, as in a package), its SHA-256 is the document's `rawSha256`, its length the offset map's `rawLength`, and every segment without `by` copies it unchanged." },
  "not-nfc": { level: 4, description: "Text is in Unicode Normalization Form C: documents, spans that are not slices of an NFC document, and the free text of catalogue entities, targets, stances, labels, mention notes and authored records." },
  "quote-selector": { level: 4, description: "An authored quote selector resolves as the build resolves it: the quote occurs in its paragraph as often as `occurrence` asks, starts and ends on word boundaries (an entity's quote on token boundaries), and lies inside one sentence." },
  "clitic-canonical": { level: 5, description: "A mention's prefix begins its text, and its canonical form is the text without the prefix (ل + ال restored after لل)." },
  "span-edges": { level: 5, description: "A mention (published text or authored quote) has no punctuation at its edges: quotation marks, parentheses, ، . : are never part of a span (guidelines §3); punctuation inside one expression stays." },
  "entity-type": { level: 5, description: "A mention's type is its catalogue entity's type or one of its declared metonymic types." },
  "nesting-depth": { level: 5, description: "Mentions nest at most one level, and never cross." },
  "duplicate-span": { level: 5, description: "No two mentions of a document have the same span: a nested mention is shorter than the one it is inside." },
  "mention-parent": { level: 5, description: "A mention nested inside another names it as `parent`, and a `parent` is a mention of the same document that encloses the mention." },
  "label-stances": { level: 5, description: "A sentence label lists exactly the attributed stances on its target with evidence in its sentence." },
  "label-derivation": { level: 5, description: "A sentence label is derived from its stances: FAVOR or AGAINST when they hold only that polar label, NONE when they hold neither; when they hold both, a declared resolution chooses, and only then is there one." },
  "sentence-label-count": { level: 5, description: "There is exactly one sentence-level label per sentence × target." },
} as const;

export type CheckId = keyof typeof checks;

/** The checks that run for a level (default 5), `only` and `exclude`, as `validate` selects them. */
export function selectedChecks(options: { level?: number; only?: readonly string[]; exclude?: readonly string[] }): Set<CheckId> {
  const level = options.level ?? 5;
  const only = options.only ? new Set(options.only) : null;
  const exclude = new Set(options.exclude ?? []);
  return new Set((Object.keys(checks) as CheckId[]).filter((c) => checks[c].level <= level && (!only || only.has(c)) && !exclude.has(c)));
}

/** One finding of the validator. */
export interface Incident {
  check: CheckId;
  level: number;
  file: string;
  /** 1-based line of the record (JSONL) or of the error (JSON syntax). */
  line?: number;
  /** 1-based column, for syntax errors. */
  column?: number;
  /** JSON Pointer into the record, for schema and field errors. */
  pointer?: string;
  message: string;
}
