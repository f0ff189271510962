import type { Document, EntityMention } from "../../src/generated/types.js";
import { CodePointText } from "../../src/code-points.js";
import { assertBmp } from "./assert-bmp.js";
import { BANNER } from "./banner.js";
import { ENTITY_TYPES } from "./entity-labels.js";

const DIR = "corpus/exports/brat";

/** brat's `T` number of a mention: its authored number (`…/e12` → T12), so ids stay traceable. */
function textBoundId(mention: string, document: string): string {
  const prefix = `${document}/e`;
  const n = mention.startsWith(prefix) ? mention.slice(prefix.length) : "";
  if (!/^[1-9][0-9]*$/.test(n)) throw new Error(`${mention}: expected a mention id of the form ${document}/e<n>, found another form`);
  return `T${n}`;
}

/**
 * brat standoff (https://brat.nlplab.org/standoff.html) of one document: `<id>.txt` with the
 * document text exactly (no banner, no added newline: brat offsets index this file) and `<id>.ann`
 * with one text-bound annotation per mention, nested ones included. brat counts characters; the
 * corpus counts code points; assertBmp guarantees both equal UTF-16 units here. Expects the
 * document's mentions in canonical order.
 */
export function bratFiles(document: Document, mentions: readonly EntityMention[]): Record<string, string> {
  assertBmp(document.text, `${document.id} text`);
  const text = new CodePointText(document.text);
  const lines = mentions.map((m) => {
    if (text.slice(m.start, m.end) !== m.text) throw new Error(`${m.id}: expected its text ${JSON.stringify(m.text)} at [${m.start}, ${m.end}) of ${document.id}, found ${JSON.stringify(text.slice(m.start, m.end))}`);
    // brat splits a line at tabs and ends it at a newline; the span text must hold neither.
    if (/[\t\n\r]/.test(m.text)) throw new Error(`${m.id}: expected mention text without tabs or line breaks for brat, found ${JSON.stringify(m.text)}`);
    return `${textBoundId(m.id, document.id)}\t${m.type} ${m.start} ${m.end}\t${m.text}\n`;
  });
  return { [`${DIR}/${document.id}.txt`]: document.text, [`${DIR}/${document.id}.ann`]: lines.join("") };
}

/** brat's `annotation.conf`, declaring the entity types. */
export function bratConf(): Record<string, string> {
  const conf = [
    `# ${BANNER}`,
    "# Entity types of arabic-news-corpus (schema/v1/defs.schema.json, $defs/entityType).",
    "[entities]",
    ...ENTITY_TYPES,
    "[relations]",
    "# No relation layer. Mentions nest one level (an outer mention contains inner ones):",
    "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain",
    "[events]",
    "[attributes]",
    "",
  ].join("\n");
  return { [`${DIR}/annotation.conf`]: conf };
}
