import { SENTENCE_STANCE_LABELS } from "../../src/generated/labels.js";
import { stringify } from "yaml";
import { BANNER } from "./banner.js";
import { BIO_LABELS, ENTITY_TYPES } from "./entity-labels.js";

export const NER_FILE = "ner.jsonl";
export const STANCE_FILE = "stance.jsonl";
/** The only split: the corpus is for evaluation, not training, so it has no train split. */
export const SPLIT = "test";

/** The Hub's size bucket for a row count. */
function sizeCategory(rows: number): string {
  if (rows < 1_000) return "n<1K";
  if (rows < 10_000) return "1K<n<10K";
  if (rows < 100_000) return "10K<n<100K";
  return "100K<n<1M";
}

/** What the dataset card says about the rows it describes, counted as they are written. */
export interface CardFacts {
  version: string;
  /** Document ids, in corpus order. */
  documents: string[];
  paragraphs: number;
  sentences: number;
  mentions: number;
  /** Mentions without a parent: the ones `ner_tags` carries. */
  outermost: number;
  targets: number;
  nerRows: number;
  /** Tokens over all `ner` rows, and the most in one row. */
  nerTokens: number;
  longest: number;
  stanceRows: number;
  /** `stance` rows by label. */
  labels: Map<string, number>;
}

/**
 * The dataset card (`README.md`) of the Hugging Face export: YAML front matter the Hub reads
 * (configs, features, splits, license) and a short, honest card. Every number in it is counted
 * from the rows it describes, so the card cannot drift from the data.
 */
export function huggingfaceCard(facts: CardFacts): string {
  const { mentions, outermost, longest, labels } = facts;
  const tokens = facts.nerTokens;
  const none = labels.get("NONE") ?? 0;
  const documents = facts.documents.length;
  const names = Object.fromEntries(BIO_LABELS.map((label, id) => [String(id), label]));
  const frontMatter = {
    pretty_name: "Arabic News Corpus: entities and stance",
    language: ["ar"],
    license: "other",
    license_name: "mixed-mit-cc-by-4.0-publisher-text",
    license_link: `https://unpkg.com/arabic-news-corpus@${facts.version}/LICENSE.md`,
    annotations_creators: ["machine-generated"],
    language_creators: ["found"],
    multilinguality: ["monolingual"],
    size_categories: [sizeCategory(Math.max(facts.nerRows, facts.stanceRows))],
    source_datasets: ["original"],
    task_categories: ["token-classification", "text-classification"],
    task_ids: ["named-entity-recognition"],
    tags: ["arabic", "modern-standard-arabic", "news", "named-entity-recognition", "stance-detection"],
    configs: [
      { config_name: "ner", data_files: [{ split: SPLIT, path: NER_FILE }] },
      { config_name: "stance", data_files: [{ split: SPLIT, path: STANCE_FILE }] },
    ],
    dataset_info: [
      {
        config_name: "ner",
        features: [
          { name: "id", dtype: "string" },
          { name: "document", dtype: "string" },
          { name: "text", dtype: "string" },
          { name: "tokens", sequence: "string" },
          { name: "ner_tags", sequence: { class_label: { names } } },
          { name: "spans", list: [{ name: "start", dtype: "int32" }, { name: "end", dtype: "int32" }, { name: "label", dtype: "string" }] },
        ],
        splits: [{ name: SPLIT, num_examples: facts.nerRows }],
      },
      {
        config_name: "stance",
        features: ["id", "sentence", "text", "target", "target_name", "label"].map((name) => ({ name, dtype: "string" })),
        splits: [{ name: SPLIT, num_examples: facts.stanceRows }],
      },
    ],
  };

  const labelTable = BIO_LABELS.map((label, id) => `| ${id} | \`${label}\` |`).join("\n");
  const stanceCounts = SENTENCE_STANCE_LABELS.map((l) => `${l} ${labels.get(l) ?? 0}`).join(", ");
  const scope =
    documents === 1
      ? "It is **one article**: one source, one topic, one register. Scores on it say little about Arabic news in general."
      : `It holds only ${documents} articles, all political news: scores on it say little about Arabic news in general.`;
  const sentenceShape =
    facts.sentences === facts.paragraphs
      ? `Every paragraph is a single sentence, so sentences are long: up to ${longest} tokens.`
      : `Sentences are long: up to ${longest} tokens.`;
  const body = `# Arabic News Corpus: entities and stance

<!-- ${BANNER} -->

## Dataset Summary

The Hugging Face layout of [arabic-news-corpus](https://www.npmjs.com/package/arabic-news-corpus) ${facts.version}:
Modern Standard Arabic news text (${documents} document${documents === 1 ? "" : "s"}: ${facts.documents.map((id) => `\`${id}\``).join(", ")})
with entity mentions and stance labels.

- \`ner\`: ${facts.nerRows} sentences, ${tokens} tokens, BIO tags over the ${outermost} outermost of ${mentions} entity mentions.
- \`stance\`: ${facts.stanceRows} sentence × target rows, SemEval-2016 style (${stanceCounts}).

The npm package holds the same data as validated JSONL with JSON Schemas, plus the raw source and
an offset map from every published character back to it.

## Dataset Structure

Each config has one split, \`${SPLIT}\`: the data is meant for evaluation, not training.

### \`ner\` (${NER_FILE})

One row per sentence.

| field | content |
| --- | --- |
| \`id\` | sentence id, \`<document>/p<n>/s<m>\` |
| \`document\` | document id |
| \`text\` | the sentence |
| \`tokens\` | orthographic words with their clitics attached (وإيران is one token), and punctuation split off |
| \`ner_tags\` | one label id per token, from the **outermost** mentions only |
| \`spans\` | **every** mention, nested ones included (so spans may overlap): \`start\` and \`end\` are code-point offsets into \`text\`, end exclusive (Python \`text[start:end]\`), \`label\` the entity type |

Entity types: ${ENTITY_TYPES.map((t) => `\`${t}\``).join(", ")} (OntoNotes 5 names). Mentions nest one level
deep; a nested mention (for example a person inside an organisation's name) appears in \`spans\` only.
Label ids of \`ner_tags\`, in this fixed order:

| id | label |
| --- | --- |
${labelTable}

### \`stance\` (${STANCE_FILE})

One row per sentence × stance target, for every target of the closed list (${facts.targets} targets).

| field | content |
| --- | --- |
| \`id\` | \`<sentence id>#<target id>\` |
| \`sentence\` | sentence id |
| \`text\` | the sentence |
| \`target\` | target id |
| \`target_name\` | the target's short English name |
| \`label\` | \`FAVOR\`, \`AGAINST\` or \`NONE\` (NEUTRAL is merged into NONE) |

## Source Data

News reporting in Modern Standard Arabic, received as a damaged PDF text extraction. The text was
repaired by declared rules and repairs, each with its evidence and confidence; the npm package keeps
the raw file byte for byte and maps every published character back to it.

## Annotations

The annotators were **AI agents**, not human experts, working from written guidelines (in the
package's \`docs/\`). Treat the labels as machine-generated. The build checks every span, offset and
reference mechanically; it cannot check that a label is right.

- Entities: each mention is linked to a catalogue entity (in the npm package); spans cover whole
  words with their proclitics, as in ANERcorp and Wojood.
- Stance: the gold layer is attributed records (holder, target, label, evidence) in the npm
  package. The sentence labels here are derived from them by a fixed rule, not annotated directly.

## Limitations

- ${scope}
- It is small: ${facts.nerRows} sentences and ${tokens} tokens. Use it for evaluation, error analysis and tooling, not as training data.
- ${sentenceShape}
- The text was repaired from a damaged PDF extraction. Not every repair is certain; each one's evidence and confidence are in the npm package (\`corpus/repairs/\`).
- \`ner_tags\` cannot hold the ${mentions - outermost} nested mentions; use \`spans\` for them.
- Most stance rows are \`NONE\` (${none} of ${facts.stanceRows}); the target list is closed and small.

## License

The parts have different terms, hence \`license: other\`:

- code (the npm package's scripts and library): MIT;
- annotations (entity mentions, entity catalogue, stance records and labels): CC BY 4.0;
- article text: the rights belong to its publisher. It is **not** licensed by this dataset; check
  the publisher's terms before redistributing it.

See [LICENSE.md](${frontMatter.license_link}).
`;
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body}`;
}
