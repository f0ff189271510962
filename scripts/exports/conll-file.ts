import { BANNER } from "./banner.js";
import type { SentenceView } from "./sentence-views.js";

/** Throws when a value would break the line-and-tab layout of a CoNLL file. */
function oneField(value: string, where: string, allowSpaces: boolean): string {
  if (/[\t\n\r]/.test(value) || (!allowSpaces && /\s/.test(value)) || value === "") {
    throw new Error(`${where}: expected a non-empty value without tabs or line breaks${allowSpaces ? "" : " or spaces"} for CoNLL, found ${JSON.stringify(value)}`);
  }
  return value;
}

/** The CoNLL file of a document. */
export const conllPath = (document: string) => `corpus/exports/conll/${document}.conll`;

/**
 * `corpus/exports/conll/<document>.conll`: one token per line (`token<TAB>tag`), BIO tags from the
 * outermost mentions, each sentence preceded by CoNLL-U style `# sent_id` and `# text` comments and
 * followed by a blank line. The document's first comment block also names the document
 * (`# newdoc id`, as in CoNLL-U) and carries the generated-file banner, so that readers that keep
 * comments as sentence metadata see no extra empty sentence.
 */
export function conllFile(document: string, views: readonly SentenceView[]): string {
  const lines = [`# newdoc id = ${document}`, `# ${BANNER}`];
  for (const { sentence, tokens, tags } of views) {
    lines.push(`# sent_id = ${sentence.id}`, `# text = ${oneField(sentence.text, sentence.id, true)}`);
    tokens.forEach((t, i) => lines.push(`${oneField(t.text, t.id, false)}\t${tags[i]}`));
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
