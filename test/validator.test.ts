import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as shipped from "../src/generated/corpus-data.js";
import { shown, Validator } from "../src/validate/validator.js";
import fc from "fast-check";
import { published } from "./helpers/published.js";
import { scratchDir } from "./helpers/temp-root.js";
import { validateFiles } from "../src/validate/validate-files.js";
import { REFERENCE_FILE } from "../src/validate/mention-nesting.js";
import type { EntityMention, Token } from "../src/generated/types.js";

/** Validates records in process against the shipped corpus and returns the check ids that fired. */
function fired(records: object[]): string[] {
  return reported(records).map(([check]) => check).sort();
}

/** Validates records in process against the shipped corpus; the incidents as [check, line, pointer, message]. */
function reported(records: object[]): Array<[string, number | undefined, string | undefined, string]> {
  const validator = new Validator({ reference: shipped });
  records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
  validator.finish();
  return validator.incidents.map((i) => [i.check, i.line, i.pointer, i.message]);
}

describe("Validator references across documents", () => {
  const doc = published.documents[0]!;
  const other = { ...doc, id: "other-doc", document: "other-doc" };

  it("should accept records of a second document that refer to its own sentences (control)", () => {
    const sentence = { ...published.sentences[0]!, id: "other-doc/p1/s1", document: "other-doc", paragraph: "other-doc/p1" };
    const paragraph = { ...published.paragraphs[0]!, id: "other-doc/p1", document: "other-doc" };
    // All of its tokens: a sentence given with tokens of its document needs every one of them.
    const tokens = published.tokens.filter((t) => t.sentence === published.sentences[0]!.id).map((t) => ({ ...t, id: t.id.replace(doc.id, "other-doc"), document: "other-doc", paragraph: "other-doc/p1", sentence: "other-doc/p1/s1" }));
    // A document of that one paragraph: its paragraphs and sentences must tile it.
    expect(fired([{ ...other, text: paragraph.text }, paragraph, sentence, ...tokens])).toEqual([]);
  });

  it("should refuse a mention, a stance, a label and a token of one document that point into another", () => {
    const mention = { ...published.mentions[0]!, id: "other-doc/e1", document: "other-doc" };
    const stance = { ...published.stances[0]!, id: "other-doc/st1", document: "other-doc" };
    const label = { ...published.sentenceStances[0]!, document: "other-doc" };
    const token = { ...published.tokens[0]!, id: "other-doc/p1/s1/t1", document: "other-doc" };
    const checks = fired([other, mention, stance, label, token]);
    // The token's id names its own sentence, which its sentence field does not; the label lists
    // the first document's stances, one label-stances each.
    expect(checks.filter((c) => c !== "missing-sentence")).toEqual(["id-fields", ...label.stances.map(() => "label-stances")]);
    expect(label.stances.length).toBeGreaterThan(0);
    // one for the mention, the label and the token, and one per evidence span of the stance
    expect(checks.filter((c) => c === "missing-sentence")).toHaveLength(3 + stance.evidence.length);
  });

  it("should find the stances that labels name in the reference data when only the labels are given", () => {
    expect(fired(published.sentenceStances)).toEqual([]);
  });

  it("should report a record of an unknown document once, not again for its sentence", () => {
    const mention = { ...published.mentions[0]!, id: "nowhere/e1", document: "nowhere" };
    expect(fired([mention])).toEqual(["missing-document"]);
  });
});

describe("Validator ids made from fields", () => {
  it("should report, for each kind, an id that its fields do not make, naming the id they make", () => {
    const label = published.sentenceStances[0]!;
    const validator = new Validator({ reference: shipped });
    const records = [
      { ...published.paragraphs[1]!, index: 5 },
      { ...published.sentences[1]!, index: 1 },
      { ...published.tokens[1]!, index: 0 },
      { ...published.mentions[0]!, id: "other-doc/e1" },
      { ...published.stances[0]!, id: "other-doc/st1" },
      { ...label, id: `${label.sentence}#${label.target}-x` },
      // Controls: the published records themselves.
      published.paragraphs[1]!,
      published.tokens[1]!,
      label,
    ];
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    const found = validator.incidents.filter((i) => i.check === "id-fields");
    expect(found.map((i) => [i.line, i.pointer, i.message.split(" (")[0]])).toEqual([
      [1, "/id", `expected id ${published.paragraphs[1]!.document}/p6`],
      [2, "/id", `expected id ${published.sentences[1]!.paragraph}/s2`],
      [3, "/id", `expected id ${published.tokens[1]!.sentence}/t1`],
      [4, "/id", `expected id ${published.mentions[0]!.document}/e<n>`],
      [5, "/id", `expected id ${published.stances[0]!.document}/st<n>`],
      [6, "/id", `expected id ${label.id}`],
    ]);
  });
});

describe("Validator segment tiling", () => {
  /** The incidents of the published document, paragraphs and sentences, edited, with no reference data: "check line message". */
  const tiling = (edit: (records: { paragraphs: object[]; sentences: object[] }) => void, order: "in order" | "reversed" | "sentences reversed" = "in order") => {
    const records = { paragraphs: published.paragraphs.map((p) => ({ ...p })), sentences: published.sentences.map((x) => ({ ...x })) };
    edit(records);
    const validator = new Validator({});
    const sentences = order === "sentences reversed" ? [...records.sentences].reverse() : records.sentences;
    const lines: Array<[string, object]> = [["documents.jsonl", published.documents[0]!], ...records.paragraphs.map((r) => ["paragraphs.jsonl", r] as [string, object]), ...sentences.map((r) => ["sentences.jsonl", r] as [string, object])];
    (order === "reversed" ? [...lines].reverse() : lines).forEach(([file, r], i) => validator.record(file, i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => `${i.check} ${i.message}`);
  };
  const p = (n: number) => `${published.documents[0]!.id}/p${n}`;

  it("should accept the published paragraphs and sentences, in order and reversed (control)", () => {
    expect(tiling(() => undefined)).toEqual([]);
    expect(tiling(() => undefined, "reversed")).toEqual([]);
  });

  it("should refuse a paragraph that takes in the blank line after it", () => {
    const found = tiling(({ paragraphs }) => Object.assign(paragraphs[0]!, { end: published.paragraphs[0]!.end + 2, text: `${published.paragraphs[0]!.text}\n\n` }));
    expect(found.map((f) => f.split(", found ")[0])).toEqual([
      `segment-tiling expected ${p(1)} to start and end on a character that is not whitespace`,
      `segment-tiling expected ${p(1)} [0, ${published.paragraphs[0]!.end + 2}) to be text between blank lines ("\\n\\n") of ${published.documents[0]!.id}`,
      `segment-tiling expected one blank line between ${p(1)} and ${p(2)}, so the second to start at ${published.paragraphs[1]!.start + 2}`,
    ]);
    expect(found.slice(1)).toEqual([
      `segment-tiling expected ${p(1)} [0, ${published.paragraphs[0]!.end + 2}) to be text between blank lines ("\\n\\n") of ${published.documents[0]!.id}, found it ending inside a paragraph`,
      `segment-tiling expected one blank line between ${p(1)} and ${p(2)}, so the second to start at ${published.paragraphs[1]!.start + 2}, found ${published.paragraphs[1]!.start}`,
    ]);
  });

  it("should find a paragraph missing, before the next one or at the end, once", () => {
    /** Leaves out paragraph n and its sentences. */
    const without = (n: number) => ({ paragraphs, sentences }: { paragraphs: object[]; sentences: object[] }) => {
      paragraphs.splice(n - 1, 1);
      const drop = sentences.filter((x) => (x as { paragraph: string }).paragraph === p(n));
      for (const x of drop) sentences.splice(sentences.indexOf(x), 1);
    };
    expect(tiling(without(3))).toEqual([`segment-tiling expected paragraph ${p(3)} before ${p(4)}, found none`]);
    expect(tiling(without(3), "reversed")).toEqual([`segment-tiling expected paragraph ${p(3)} before ${p(4)}, found none`]);
    const last = published.paragraphs.length;
    expect(tiling(without(last))).toEqual([`segment-tiling expected paragraph ${p(last)} after ${p(last - 1)}, which the text after it needs, found none`]);
    expect(tiling(without(1))).toEqual([`segment-tiling expected paragraph ${p(1)} before ${p(2)}, found none`]);
  });

  it("should refuse a sentence that leaves text of its paragraph in no sentence, or starts after its paragraph does", () => {
    const s1 = published.sentences[1]!;
    const shorter = tiling(({ sentences }) => Object.assign(sentences[1]!, { end: s1.end - 1, text: s1.text.slice(0, -1) }));
    expect(shorter).toEqual([`segment-tiling expected sentence ${s1.paragraph}/s2 after ${s1.id}, which the text after it needs, found none`]);
    const later = tiling(({ sentences }) => Object.assign(sentences[1]!, { start: s1.start + 1, text: [...s1.text].slice(1).join("") }));
    expect(later).toEqual([`segment-tiling expected ${s1.id}, the first of ${s1.paragraph}, to start at ${s1.start}, found ${s1.start + 1}`]);
  });

  it("should check the gap between two sentences whichever comes first", () => {
    // p1's one sentence cut in two after its first word, with a letter of the second left out.
    const s0 = published.sentences[0]!;
    const cut = s0.text.indexOf(" ");
    const split = (gap: number) => ({ sentences }: { sentences: object[] }) => {
      sentences.splice(0, 1, { ...s0, end: s0.start + cut, text: s0.text.slice(0, cut) }, { ...s0, id: `${s0.paragraph}/s2`, index: 1, start: s0.start + cut + gap, text: [...s0.text].slice(cut + gap).join("") });
    };
    expect(tiling(split(1))).toEqual([]);
    expect(tiling(split(1), "reversed")).toEqual([]);
    const message = `segment-tiling expected only whitespace between ${s0.id} and ${s0.paragraph}/s2, found ${JSON.stringify(s0.text.slice(cut, cut + 2))} in no sentence`;
    expect(tiling(split(2))).toEqual([message]);
    expect(tiling(split(2), "reversed")).toEqual([message]);
    // The document at hand, the second sentence first: the gap is checked when the first comes.
    expect(tiling(split(1), "sentences reversed")).toEqual([]);
    expect(tiling(split(2), "sentences reversed")).toEqual([message]);
  });
});

describe("Validator NFC of free text", () => {
  it("should refuse names, descriptions and reasons not in NFC, by pointer, and say so when a canonical form differs only so", () => {
    const nfd = (text: string) => text.normalize("NFD");
    // إيران: alef with hamza below decomposes, so NFD differs from the shipped NFC.
    const entity = published.catalogue.find((e) => e.canonical.normalize("NFD") !== e.canonical)!;
    const target = published.targets.find((t) => t.nameAr.normalize("NFD") !== t.nameAr)!;
    const stance = published.stances.find((x) => x.holderDescription !== undefined && x.holderDescription.normalize("NFD") !== x.holderDescription)!;
    const found = reported([{ ...entity, canonical: nfd(entity.canonical) }, { ...target, nameAr: nfd(target.nameAr) }, { ...stance, holderDescription: nfd(stance.holderDescription!) }]);
    expect(found.map(([check, line, pointer]) => `${check} ${line} ${pointer}`)).toEqual(["not-nfc 1 /canonical", "not-nfc 2 /nameAr", "not-nfc 3 /holderDescription"]);
    const mention = published.mentions.find((m) => m.canonical.normalize("NFD") !== m.canonical)!;
    const [clitic] = reported([{ ...mention, canonical: nfd(mention.canonical) }]);
    expect([clitic![0], clitic![3].endsWith("(not in NFC)")]).toEqual(["clitic-canonical", true]);
    expect(reported([entity, target, stance, mention])).toEqual([]);
    // A mention's note, its one free-text field.
    expect(reported([{ ...mention, note: nfd("إيران هنا") }]).map(([check, , pointer]) => `${check} ${pointer}`)).toEqual(["not-nfc /note"]);
    expect(reported([{ ...mention, note: "إيران هنا" }])).toEqual([]);
  });
});

describe("Validator offset maps", () => {
  const map = published.offsetMaps[0]!;
  const found = (edit: (m: typeof map) => void) => {
    const m = structuredClone(map);
    edit(m);
    return reported([m]).map(([check, , pointer, message]) => `${check} ${pointer} ${message.split(", found ")[1] ?? message}`);
  };

  it("should accept the published map (control), and refuse one whose segments do not tile the text", () => {
    expect(found(() => undefined)).toEqual([]);
    expect(found((m) => m.segments.splice(3, 1))).toEqual([`offset-map /segments/3 [${map.segments[4]!.start}, ${map.segments[4]!.end})`]);
    // The last segment's raw characters are then in none as well.
    const last = map.segments.at(-1)!;
    expect(found((m) => m.segments.pop())).toEqual([`offset-map /segments ${map.segments.at(-2)!.end}`, expect.stringContaining(`raw characters [${last.rawStart}, ${last.rawStart! + last.end - last.start}) in no segment`)]);
  });

  it("should refuse raw characters taken twice, in none, or past rawLength", () => {
    const copied = map.segments.findIndex((x) => x.rawStart !== undefined && x.end - x.start > 2);
    const x = map.segments[copied]!;
    // Shifted by one: the raw character before it is in none (and the one after it, found no more: the first problem is reported).
    expect(found((m) => (m.segments[copied]!.rawStart = x.rawStart! + 1))).toEqual([`offset-map /segments/${copied}/rawStart raw characters [${x.rawStart}, ${x.rawStart! + 1}) in no segment and not removed`]);
    expect(found((m) => (m.segments[copied]!.rawStart = x.rawStart! - 1))).toEqual([`offset-map /segments/${copied}/rawStart raw characters [${x.rawStart! - 1}, ${x.rawStart!}) taken twice`]);
    expect(found((m) => (m.rawLength += 3))).toEqual([`offset-map /rawLength raw characters [${map.rawLength}, ${map.rawLength + 3}) in none`]);
    expect(found((m) => (m.rawLength -= 1))[0]).toMatch(/^offset-map \/(segments|removed)\/\d+(\/rawStart)? \[\d+, \d+\), past rawLength/);
  });

  it("should want the map's id to be its document, and the document to exist; likewise a document's id", () => {
    expect(found((m) => (m.id = "other-doc"))).toEqual(['id-fields /id "other-doc"']);
    expect(found((m) => Object.assign(m, { id: "nowhere", document: "nowhere" }))).toEqual(["missing-document /document none"]);
    const document = published.documents[0]!;
    expect(reported([{ ...document, document: "other-doc" }]).map(([check]) => check)).toEqual(["id-fields"]);
  });
});

describe("Validator id numbers within what its tables hold", () => {
  it("should refuse, by schema, mention and stance numbers past 999,999,999 and paragraph or sentence indexes past 65,534", () => {
    const mention = published.mentions[0]!;
    const stance = published.stances[0]!;
    const at = (records: object[]) => reported(records).filter(([check]) => check === "schema").map(([, , pointer]) => pointer);
    expect(at([{ ...mention, id: `${mention.document}/e1000000000` }])).toEqual(["/id"]);
    expect(at([{ ...mention, id: `${mention.document}/e999999999` }])).toEqual([]);
    expect(at([{ ...stance, id: `${stance.document}/st1000000000` }])).toEqual(["/id"]);
    expect(at([{ ...published.paragraphs[0]!, id: `${mention.document}/p65536`, index: 65535 }])).toEqual(["/index"]);
    expect(at([{ ...published.sentences[0]!, id: `${published.sentences[0]!.paragraph}/s65536`, index: 65535 }])).toEqual(["/index"]);
  });
});

describe("shown", () => {
  // What it used to be: the whole value's JSON, cut.
  const whole = (value: unknown, max: number) => {
    const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? "nothing");
    return text.length > max ? `${text.slice(0, max)}…` : text;
  };

  it("should give the start of the value's JSON, as cutting the whole JSON would", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 120 }), (value, max) => {
        expect(shown(value, max)).toBe(whole(value, max));
      }),
      { numRuns: 3000 },
    );
    expect([shown(Infinity), shown(undefined), shown("")]).toEqual(["Infinity", "nothing", '""']);
  });

  it("should read only the start of a huge value, not all of it", () => {
    let reads = 0;
    const counted = <T extends object>(target: T): T => new Proxy(target, { get: (t, key) => (reads++, Reflect.get(t, key)) });
    const huge = counted(Array.from({ length: 1_000_000 }, (_, i) => counted({ id: i, text: "نص" })));
    expect(shown(huge)).toBe(whole(Array.from({ length: 10 }, (_, i) => ({ id: i, text: "نص" })), 80));
    expect(reads).toBeLessThan(200);
  });
});

describe("Validator stance sentences", () => {
  it("should want a stance's sentences to be those of its evidence, each once, in text order", () => {
    // A stance with evidence in two paragraphs, the later one first.
    const [first, second] = [published.stances[0]!, published.stances.find((s) => s.evidence[0]!.sentence !== published.stances[0]!.evidence[0]!.sentence)!];
    const evidence = [second.evidence[0]!, first.evidence[0]!];
    const stance = { ...first, evidence, sentences: [first.evidence[0]!.sentence, second.evidence[0]!.sentence] };
    expect(fired([stance])).toEqual([]);
    expect(fired([{ ...stance, sentences: [...stance.sentences].reverse() }])).toEqual(["stance-sentences"]);
    expect(fired([{ ...stance, sentences: [stance.sentences[0]!] }])).toEqual(["stance-sentences"]);
    expect(fired([{ ...stance, sentences: [...stance.sentences, stance.sentences[1]!] }])).toEqual(["stance-sentences"]);
  });
});

describe("Validator labels against their stances", () => {
  const validate = (records: object[]) => {
    const validator = new Validator({ reference: shipped });
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => `${i.check} ${i.pointer} ${i.line}`);
  };
  const labels = published.sentenceStances;

  it("should accept the published labels against the shipped stances (control)", () => {
    expect(validate(labels)).toEqual([]);
  });

  it("should derive from a stance given for validation, not from the shipped stance it replaces", () => {
    const label = labels.find((l) => l.label === "FAVOR" && l.stances.length > 1)!;
    const turned = { ...published.stances.find((s) => s.id === label.stances[0])!, label: "AGAINST" };
    // FAVOR and AGAINST now, with no resolution declared.
    expect(validate([turned, ...labels])).toEqual([`label-derivation /resolution ${labels.indexOf(label) + 2}`]);
  });

  it("should take any label where the stances conflict and a resolution is declared, NONE too (a balanced sentence, guidelines §7), as the build does", () => {
    const conflict = labels.find((l) => l.resolution !== undefined)!;
    for (const label of ["FAVOR", "AGAINST", "NONE"]) expect(validate(labels.map((l) => (l === conflict ? { ...l, label } : l)))).toEqual([]);
    // Without the resolution, none will do.
    const { resolution: _, ...bare } = conflict;
    expect(validate(labels.map((l) => (l === conflict ? { ...bare, label: "NONE" } : l)))).toEqual([`label-derivation /resolution ${labels.indexOf(conflict) + 1}`]);
  });

  it("should report a stance that a label listing nothing misses, on the stance, or on the labels file for a shipped stance", () => {
    const label = labels.find((l) => l.stances.length === 1 && l.label === "FAVOR")!;
    const emptied = labels.map((l) => (l === label ? { ...l, label: "NONE", stances: [] } : l));
    // The shipped stance: no line of its own to show.
    expect(validate(emptied)).toEqual(["label-stances  undefined"]);
    // The stance given: its line.
    const stance = published.stances.find((s) => s.id === label.stances[0])!;
    expect(validate([stance, ...emptied])).toEqual(["label-stances /id 1"]);
  });

  it("should find the line of a label listing nothing that misses a shipped stance, when its file can be read again", async () => {
    const label = labels.find((l) => l.stances.length === 1 && l.label === "FAVOR")!;
    const file = join(scratchDir("anc-lineless-"), "sentence-stances.jsonl");
    writeFileSync(file, labels.map((l) => `${JSON.stringify(l === label ? { ...l, label: "NONE", stances: [] } : l)}\n`).join(""));
    const { validator } = await validateFiles([file], { reference: shipped });
    expect(validator.incidents.map((i) => [i.check, i.line, i.pointer])).toEqual([["label-stances", labels.indexOf(label) + 1, "/stances"]]);
  });

  it("should refuse a listed stance of another document, and one listed twice", () => {
    const label = labels.find((l) => l.stances.length === 1)!;
    const at = labels.indexOf(label) + 2;
    // The other document's stance exists (it is given), so only the label's own list is wrong.
    const stranger = { ...published.stances.find((s) => s.id === label.stances[0])!, id: "other-doc/st1", document: "other-doc" };
    const listed = (stances: string[]) => validate([stranger, ...labels.map((l) => (l === label ? { ...l, stances } : l))]).filter((i) => i.endsWith(` ${at}`));
    expect(listed([...label.stances, "other-doc/st1"])).toEqual(["label-stances /stances/1 " + at]);
    expect(listed([...label.stances, label.stances[0]!])).toEqual(["label-stances /stances/1 " + at]);
    expect(listed(label.stances)).toEqual([]);
    // A long list (searched with a set): the repeat is still found.
    const many = published.stances.slice(0, 18).map((x) => x.id);
    expect(listed([...many, many[3]!])).toContain(`label-stances /stances/18 ${at}`);
    expect(listed(many)).not.toContain(`label-stances /stances/18 ${at}`);
  });

  it("should refuse a resolution where the stances do not conflict", () => {
    const calm = labels.find((l) => l.label === "FAVOR")!;
    expect(validate(labels.map((l) => (l === calm ? { ...l, resolution: "Nothing to resolve." } : l)))).toEqual([`label-derivation /resolution ${labels.indexOf(calm) + 1}`]);
  });
});

describe("Validator mention parents", () => {
  it("should report a parent in another document where the mention is read, and a nested mention without its parent at the end", () => {
    const nested = published.mentions.find((m) => m.parent !== undefined)!;
    const outer = published.mentions.find((m) => m.id === nested.parent)!;
    const { parent: _, ...orphan } = nested;
    const validator = new Validator({ reference: shipped });
    [outer, { ...nested, parent: "other-doc/e1" }].forEach((r, i) => validator.record("a.jsonl", i + 1, r));
    [outer, orphan, nested].forEach((r, i) => validator.record("b.jsonl", i + 1, r));
    validator.finish();
    expect(validator.incidents.filter((i) => i.check === "mention-parent").map((i) => [i.file, i.line, i.pointer, i.message])).toEqual([
      ["a.jsonl", 2, "/parent", `expected parent ${nested.document}/e<n> (a mention of the same document), found "other-doc/e1"`],
      ["b.jsonl", 2, "/parent", `expected parent ${outer.id}, the mention at [${outer.start}, ${outer.end}) that encloses [${nested.start}, ${nested.end}), found none`],
    ]);
  });
});

describe("Validator mentions added to a document of the reference data", () => {
  const [e1, e2] = published.mentions;
  const run = (mentions: object[]) => {
    const validator = new Validator({ reference: shipped });
    mentions.forEach((r, i) => validator.record("mine.jsonl", i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => [i.check, i.file, i.line, i.message]);
  };

  it("should check a new mention against the shipped mentions it does not replace", () => {
    const id = `${e1!.document}/e500`;
    expect(run([{ ...e1, id }])).toEqual([["duplicate-span", "mine.jsonl", 1, `expected one mention per span in ${e1!.document}, found [${e1!.start}, ${e1!.end}) again, the span of ${e1!.id}`]]);
    // A new mention over both: the shipped ones it encloses name no parent.
    const text = [...published.documents[0]!.text].slice(e1!.start, e2!.end).join("");
    const outer = { ...e1, id, end: e2!.end, text, canonical: text, tokenEnd: e2!.tokenEnd, type: e2!.type, entity: e2!.entity };
    expect(run([outer]).map(([check, file]) => `${check} ${file}`)).toEqual([`mention-parent ${REFERENCE_FILE}`, `mention-parent ${REFERENCE_FILE}`]);
  });

  it("should let a given mention replace the shipped one of its id", () => {
    // The shipped e1 and e2 are not there a second time: no duplicate span, no parent to name.
    expect(run([e1!, e2!])).toEqual([]);
  });
});

describe("Validator mentions out of their document's bounds", () => {
  const nesting = new Set(["nesting-depth", "duplicate-span", "mention-parent"]);
  const outer = published.mentions.find((m) => published.mentions.some((n) => n.parent === m.id))!;
  const broken = published.mentions.map((m) => (m === outer ? { ...m, end: 999_999 } : m));

  it("should leave the span to offset-bounds, not report each mention it seems to enclose or cross", async () => {
    // Held in memory to the end.
    const validator = new Validator({ reference: shipped });
    broken.forEach((r, i) => validator.record("entities.jsonl", i + 1, r));
    validator.finish();
    expect(validator.incidents.filter((i) => nesting.has(i.check))).toEqual([]);
    expect(validator.counts["offset-bounds"]).toBe(1);
    // Streamed from files, in order and with the mentions before their document (swept at the end).
    const dir = scratchDir("anc-bounds-");
    const lines = (records: object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");
    writeFileSync(join(dir, "entities.jsonl"), lines(broken));
    writeFileSync(join(dir, "mixed.jsonl"), lines([...broken, ...published.documents]));
    for (const files of [["corpus/data/documents.jsonl", join(dir, "entities.jsonl")], [join(dir, "mixed.jsonl")]]) {
      const { validator: streamed } = await validateFiles(files, { exclude: ["outside-parent", "mention-tokens", "missing-sentence", "missing-paragraph", "missing-entity"] });
      expect(streamed.incidents.map((i) => i.check)).toEqual(["offset-bounds"]);
    }
  });
});

describe("Validator references to records that fail their schema", () => {
  const run = (records: object[]) => {
    const validator = new Validator();
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    return validator;
  };
  const rest = [...published.paragraphs, ...published.sentences, ...published.catalogue, ...published.targets, ...published.mentions];

  it("should report the record's schema once, not every reference to it as missing", () => {
    const stances = published.stances.map((s, i) => (i === 2 ? { ...s, rationale: "" } : s));
    const validator = run([...published.documents.map((d) => ({ ...d, language: "Arabic!" })), ...rest, ...stances, ...published.sentenceStances]);
    expect(validator.counts).toEqual({ schema: 2 });
  });

  it("should still report a reference that no record of any kind answers", () => {
    const validator = run([...published.documents, ...rest, { ...published.stances[0]!, target: "no-such-target" }]);
    expect(validator.counts).toEqual({ "missing-target": 1 });
  });
});

describe("Validator pointers at the offset at fault", () => {
  const document = published.documents[0]!;
  const codePoints = [...document.text];
  const slice = (start: number, end: number) => codePoints.slice(start, end).join("");
  const pointers = (records: object[], check: string) => {
    const validator = new Validator({ reference: shipped });
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    return validator.incidents.filter((i) => i.check === check).map((i) => i.pointer);
  };

  it("should point at start or end for a span that leaves its sentence, or that cuts a grapheme cluster", () => {
    const m = published.mentions[0]!;
    const s = published.sentences.find((x) => x.id === m.sentence)!;
    expect(pointers([{ ...m, end: s.end + 2, text: slice(m.start, s.end + 2) }], "outside-parent")).toEqual(["/end"]);
    // A tanween is a cluster with the letter before it.
    const mark = codePoints.indexOf("\u064B");
    expect(mark).toBeGreaterThan(3);
    expect(pointers([{ ...m, start: mark - 3, end: mark, text: slice(mark - 3, mark) }], "grapheme-boundary")).toEqual(["/end"]);
    expect(pointers([{ ...m, start: mark, end: mark + 3, text: slice(mark, mark + 3) }], "grapheme-boundary")).toEqual(["/start"]);
  });

  it("should point at end for a paragraph that ends inside its paragraph", () => {
    const p = published.paragraphs[0]!;
    expect(pointers([{ ...p, end: p.end - 1, text: slice(p.start, p.end - 1) }], "segment-tiling")).toEqual(["/end"]);
  });

  it("should say where a sentence that exists is, when it is not in the record's document", () => {
    const other = { ...document, id: "doc-b", document: "doc-b" };
    const token = { ...published.tokens[0]!, document: "doc-b" };
    const validator = new Validator({ reference: shipped, exclude: ["id-fields"] });
    [other, token].forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    expect(validator.incidents.filter((i) => i.check === "missing-sentence").map((i) => i.message)).toEqual([
      `expected ${token.sentence} to be in doc-b (the record's document), found it in ${document.id}`,
    ]);
  });
});

describe("Validator sentence labels", () => {
  // More targets than one bit table holds (15), named as the corpus names them.
  const targets = Array.from({ length: 20 }, (_, i) => ({ ...published.targets[0]!, id: `extra-${String.fromCharCode(0x61 + i)}` }));
  const sentences = published.sentences;
  const label = (s: (typeof sentences)[number], target: string, id = `${s.id}#${target}`) => ({ id, document: s.document, sentence: s.id, target, label: "NONE", stances: [] });
  const labels = [...published.sentenceStances, ...sentences.flatMap((s) => targets.map((t) => label(s, t.id)))];
  const base = [...published.documents, ...published.paragraphs, ...sentences, ...published.catalogue, ...published.targets, ...targets, ...published.stances];

  function incidents(records: object[]): string[] {
    // Labels given twice carry ids of their own, so that they are not duplicate ids as well.
    const validator = new Validator({ exclude: ["id-fields"] });
    records.forEach((r, i) => validator.record("input.jsonl", i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => `${i.check}: ${i.message}`);
  }

  it("should accept one label per sentence and target (control)", () => {
    expect(incidents([...base, ...labels])).toEqual([]);
  });

  it("should report each missing label, and a second one once however many follow, for targets of either table", () => {
    const first = sentences[0]!;
    const last = sentences.at(-1)!;
    const missing = new Set([`${first.id}#extra-d`, `${last.id}#extra-r`]);
    const extra = [1, 2, 3, 4, 5, 6].map((n) => label(sentences[1]!, "extra-q", `${sentences[1]!.id}#copy-${n}`));
    expect(incidents([...base, ...labels.filter((l) => !missing.has(l.id)), ...extra]).sort()).toEqual([
      `sentence-label-count: expected one label for ${first.id}#extra-d, found none`,
      `sentence-label-count: expected one label for ${last.id}#extra-r, found none`,
      `sentence-label-count: expected one label for ${sentences[1]!.id}#extra-q, found a second`,
    ].sort());
  });

  it("should report a label's stance that no record has, and only that one", () => {
    // The label's own stances and one that does not exist.
    const stances = [labels[0]!.stances[0]!, `${published.documents[0]!.id}/st999`, ...labels[0]!.stances.slice(1)];
    const wrong = labels.map((l) => (l.id === labels[0]!.id ? { ...l, stances } : l));
    expect(incidents([...base, ...wrong])).toEqual([`missing-stance: expected stance ${stances[1]} to exist, found none`]);
  });
});

describe("Validator on authored annotation files (quote selectors)", () => {
  const DOC = "us-iran-iraq-2014";
  const authored = (name: string): Array<Record<string, unknown>> =>
    readFileSync(`corpus/annotations/${name}`, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const entities = authored(`${DOC}.entities.jsonl`);
  const stances = authored(`${DOC}.stances.jsonl`);
  const resolutions = authored(`${DOC}.sentence-stance-resolutions.jsonl`);

  /** Validates records as lines of the named files, against `reference`; returns "check pointer (line)". */
  function incidents(files: Record<string, object[]>, reference: ConstructorParameters<typeof Validator>[0] = { reference: shipped }): string[] {
    const validator = new Validator(reference);
    for (const [file, records] of Object.entries(files)) records.forEach((r, i) => validator.record(file, i + 1, r));
    validator.finish();
    return validator.incidents.map((i) => `${i.check} ${i.pointer} (${i.file}:${i.line})`);
  }

  it("should accept the shipped authored annotations", () => {
    const files = readdirSync("corpus/annotations").filter((f) => f.endsWith(".jsonl"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(incidents(Object.fromEntries(files.map((f) => [`corpus/annotations/${f}`, authored(f)])))).toEqual([]);
  });

  it("should refuse a quote with punctuation at its edges, as the published mention would be (span-edges)", () => {
    const kerry = entities.find((e) => e.quote === "جون كيري")!;
    const file = `annotations/${DOC}.entities.jsonl`;
    expect(incidents({ [file]: [{ ...kerry, quote: "“جون كيري”", canonical: "“جون كيري”" }] })).toEqual([`span-edges /quote (${file}:1)`]);
    expect(incidents({ [file]: [kerry] })).toEqual([]);
  });

  it("should report each mistake the build would refuse, with its check, pointer and line", () => {
    const e1 = entities[0]!; // فيينا in p1, GPE vienna
    const st1 = stances[0]!;
    const found = incidents({
      [`annotations/${DOC}.entities.jsonl`]: [
        { ...e1, quote: "لندن", canonical: "لندن" },
        { ...e1, id: "e2", occurrence: 9 },
        { ...e1, id: "e3", quote: "يينا", canonical: "يينا" },
        { ...e1, id: "e4", entity: "ghost-entity" },
        { ...e1, id: "e5", paragraph: "p99" },
        { ...e1, id: "e6", type: "PER" },
        { ...e1, id: "e7", prefix: "و" },
        { ...e1, id: "e7" },
      ],
      [`annotations/${DOC}.stances.jsonl`]: [
        { ...st1, holder: "ghost-holder" },
        { ...st1, id: "st2", target: "ghost-target" },
        { ...st1, id: "st3", evidence: [(st1.evidence as object[])[0], { paragraph: "p1", quote: "لا يوجد هذا النص", occurrence: 1 }] },
      ],
      [`annotations/${DOC}.sentence-stance-resolutions.jsonl`]: [
        { ...resolutions[0]!, sentence: "p99/s1" },
        { ...resolutions[0]!, target: "ghost-target" },
      ],
    });
    const e = `annotations/${DOC}.entities.jsonl`;
    const s = `annotations/${DOC}.stances.jsonl`;
    const r = `annotations/${DOC}.sentence-stance-resolutions.jsonl`;
    expect(found.sort()).toEqual(
      [
        `quote-selector /quote (${e}:1)`,
        `quote-selector /quote (${e}:2)`,
        `quote-selector /quote (${e}:3)`,
        `missing-entity /entity (${e}:4)`,
        `missing-paragraph /paragraph (${e}:5)`,
        `entity-type /type (${e}:6)`,
        `clitic-canonical /canonical (${e}:7)`,
        `duplicate-id /id (${e}:8)`,
        // Lines 4, 6, 7 and 8 resolve to one span: each is reported but the lowest id (e4, line 4).
        `duplicate-span /quote (${e}:6)`,
        `duplicate-span /quote (${e}:7)`,
        `duplicate-span /quote (${e}:8)`,
        // The stances given hold no conflict for either resolution to settle.
        `label-derivation  (${r}:1)`,
        `label-derivation  (${r}:2)`,
        `missing-entity /holder (${s}:1)`,
        `missing-target /target (${s}:2)`,
        `quote-selector /evidence/1/quote (${s}:3)`,
        `missing-sentence /sentence (${r}:1)`,
        `missing-target /target (${r}:2)`,
      ].sort(),
    );
  });

  it("should take a document's authored files together, as the build does: spans against spans, resolutions against stances", () => {
    const e = `annotations/${DOC}.entities.jsonl`;
    const s = `annotations/${DOC}.stances.jsonl`;
    const r = `annotations/${DOC}.sentence-stance-resolutions.jsonl`;
    const e1 = entities[0]!; // فيينا, the fourth word of p1
    const crossing = { ...e1, id: "e501", quote: "فيينا يوم", canonical: "فيينا يوم" };
    const all = { [e]: entities, [s]: stances, [r]: resolutions };
    expect(incidents(all)).toEqual([]);
    expect(incidents({ ...all, [e]: [...entities, { ...e1, id: "e500" }] })).toEqual([`duplicate-span /quote (${e}:${entities.length + 1})`]);
    // The sweep reports the later-starting of two crossing spans.
    expect(incidents({ ...all, [e]: [...entities, crossing] })).toEqual([`nesting-depth /quote (${e}:2)`]);
    // The one conflict of the shipped stances (p7/s1) left without its resolution.
    expect(incidents({ [e]: entities, [s]: stances })).toEqual([`label-derivation  (${s}:undefined)`]);
    const conflict = resolutions[0]!;
    expect(incidents({ ...all, [r]: [...resolutions, { ...conflict, label: "FAVOR" }] })).toEqual([`label-derivation  (${r}:${resolutions.length + 1})`]);
    expect(incidents({ ...all, [r]: [...resolutions, { ...conflict, sentence: "p1/s1" }] })).toEqual([`label-derivation  (${r}:${resolutions.length + 1})`]);
    // A new conflict: a FAVOR stance turned AGAINST where another FAVOR stance on its target has
    // evidence in the same sentence (found in the published stances, which list their sentences).
    const pair = published.stances.find((x) => x.label === "FAVOR" && published.stances.some((y) => y !== x && y.target === x.target && y.label === "FAVOR" && y.sentences.some((id) => x.sentences.includes(id))))!;
    const flipped = stances.map((x) => (`${DOC}/${x.id as string}` === pair.id ? { ...x, label: "AGAINST" } : x));
    expect(incidents({ ...all, [s]: flipped })).toEqual([`label-derivation  (${r}:undefined)`]);
    // Resolutions can be judged only against the document's stances: alone, nothing is unused.
    expect(incidents({ [r]: [...resolutions, { ...conflict, sentence: "p1/s1" }] })).toEqual([]);
  });

  it("should take the document from the file name, so that the same authored id in two documents is no duplicate", () => {
    const other = { ...published.documents[0]!, id: "other-doc", document: "other-doc" };
    const paragraphs = published.paragraphs.map((p) => ({ ...p, id: p.id.replace(DOC, "other-doc"), document: "other-doc" }));
    const sentences = published.sentences.map((s) => ({ ...s, id: s.id.replace(DOC, "other-doc"), document: "other-doc", paragraph: s.paragraph.replace(DOC, "other-doc") }));
    expect(incidents({ "documents.jsonl": [other], "paragraphs.jsonl": paragraphs, "sentences.jsonl": sentences, [`${DOC}.entities.jsonl`]: [entities[0]!], "other-doc.entities.jsonl": [entities[0]!] })).toEqual([]);
    expect(incidents({ "third-doc.entities.jsonl": [entities[0]!] })).toEqual(["missing-document  (third-doc.entities.jsonl:1)"]);
  });

  it("should find a quote that crosses a sentence boundary, waiting for sentences given after it", () => {
    // The first paragraph cut into two sentences after its first word.
    const p1 = published.sentences[0]!;
    const cut = p1.text.indexOf(" ");
    const s1 = { ...p1, end: p1.start + cut, text: p1.text.slice(0, cut) };
    const s2 = { ...p1, id: `${p1.paragraph}/s2`, index: 1, start: p1.start + cut + 1, text: p1.text.slice(cut + 1) };
    const across = { ...entities[0]!, quote: p1.text.slice(0, cut + 6), canonical: p1.text.slice(0, cut + 6) };
    const found = incidents(
      {
        [`${DOC}.entities.jsonl`]: [across, { ...entities[0]!, id: "e2" }],
        "documents.jsonl": published.documents,
        "paragraphs.jsonl": published.paragraphs,
        "sentences.jsonl": [s1, s2, ...published.sentences.slice(1)],
        "entity-catalogue.jsonl": published.catalogue,
      },
      {},
    );
    expect(found).toEqual([`quote-selector /quote (${DOC}.entities.jsonl:1)`]);
  });
});

describe("Validator tokens against their sentences' tokenization", () => {
  const incidents = reported;
  const { documents, paragraphs, sentences, tokens } = published;
  const given = [...documents, ...paragraphs, ...sentences];

  it("should accept every shipped token, given with its sentences or alone (control)", () => {
    expect(incidents([...given, ...tokens])).toEqual([]);
    expect(incidents(tokens.slice(0, 3))).toEqual([]);
  });

  it("should report a token of another span or kind, one past the sentence's last, and the tokens missing from a given sentence", () => {
    const sentence = sentences[1]!.id;
    const of = tokens.filter((t) => t.sentence === sentence);
    const [word, punct] = [of.find((t) => t.kind === "word" && t.index > 0)!, of.find((t) => t.kind === "punct")!];
    const next = of[word.index + 1]!;
    const document = documents[0]!.text;
    const changed = tokens
      .filter((t) => t !== of[0])
      .map((t) => (t === word ? { ...t, end: next.end, text: document.slice(t.start, next.end) } : t === punct ? { ...t, kind: "word" } : t));
    const last = of.at(-1)!;
    const past = { ...last, id: `${sentence}/t${of.length + 1}`, index: of.length };
    const records: object[] = [...given, ...changed, past];
    const line = (t: object) => records.indexOf(t) + 1;
    const wrongSpan = changed.find((t) => t.id === word.id)!;
    const wrongKind = changed.find((t) => t.id === punct.id)!;
    expect(incidents(records)).toEqual([
      ["token-tiling", line(wrongSpan), "/end", `expected token ${word.index} of ${sentence} at [${word.start}, ${word.end}) ${JSON.stringify(word.text)}, found [${word.start}, ${next.end})`],
      ["token-tiling", line(wrongKind), "/kind", `expected kind "punct" for ${JSON.stringify(punct.text)}, found "word"`],
      ["token-tiling", line(past), "/index", `expected an index below ${of.length} (the tokens ${sentence} makes), found ${of.length}`],
      ["token-tiling", undefined, "", `expected ${of.length} tokens for ${sentence} (the tokens its text makes), found ${of.length - 1}`],
    ]);
    // A given sentence none of whose tokens is given.
    expect(incidents([...given, ...tokens.filter((t) => t.sentence !== sentence)])).toEqual([
      ["token-tiling", undefined, "", `expected ${of.length} tokens for ${sentence} (the tokens its text makes), found none`],
    ]);
  });

  it("should leave a token whose text is not at its offsets to text-mismatch, and still count it", () => {
    const shifted = { ...tokens[1]!, start: tokens[1]!.start + 1, end: tokens[1]!.end + 1 };
    const records = [...given, ...tokens.map((t) => (t === tokens[1] ? shifted : t))];
    expect(incidents(records).map(([check, line, pointer]) => [check, line, pointer])).toEqual([["text-mismatch", records.indexOf(shifted) + 1, "/text"]]);
  });

  it("should tokenize a sentence again once a sentence given for validation replaces the shipped one", () => {
    const [first, second, third] = tokens as [Token, Token, Token];
    const shorter = { ...sentences[0]!, end: second.end, text: documents[0]!.text.slice(0, second.end) };
    // The third token fits the shipped sentence; the sentence given then makes two tokens only.
    expect(incidents([third, shorter, first, second, { ...third }]).filter(([check]) => check === "token-tiling")).toEqual([
      ["token-tiling", 5, "/index", `expected an index below 2 (the tokens ${shorter.id} makes), found 2`],
    ]);
  });

  it("should count the tokens of a sentence of more than 65,535 of them, which the tally keeps apart", () => {
    const id = "long-doc";
    const words = 65_537;
    const text = Array.from({ length: words }, () => "ب").join(" ");
    const doc = { ...documents[0]!, id, document: id, text };
    const paragraph = { id: `${id}/p1`, document: id, index: 0, start: 0, end: text.length, text };
    const sentence = { id: `${id}/p1/s1`, document: id, paragraph: paragraph.id, index: 0, start: 0, end: text.length, text };
    const token = (index: number) => ({ id: `${sentence.id}/t${index + 1}`, document: id, paragraph: paragraph.id, sentence: sentence.id, index, start: 2 * index, end: 2 * index + 1, text: "ب", kind: "word" });
    const all = Array.from({ length: words }, (_, i) => token(i));
    expect(incidents([doc, paragraph, sentence, ...all])).toEqual([]);
    expect(incidents([doc, paragraph, sentence, ...all.slice(1)])).toEqual([
      ["token-tiling", undefined, "", `expected ${words} tokens for ${sentence.id} (the tokens its text makes), found ${words - 1}`],
    ]);
  });

  it("should count tokens in code points in a text with a character outside the BMP", () => {
    const id = "astral-doc";
    const text = "قال 😀 نعم.";
    const doc = { ...documents[0]!, id, document: id, text };
    const paragraph = { id: `${id}/p1`, document: id, index: 0, start: 0, end: 10, text };
    const sentence = { id: `${id}/p1/s1`, document: id, paragraph: paragraph.id, index: 0, start: 0, end: 10, text };
    const token = (index: number, start: number, end: number, kind: string) => ({ id: `${sentence.id}/t${index + 1}`, document: id, paragraph: paragraph.id, sentence: sentence.id, index, start, end, text: [...text].slice(start, end).join(""), kind });
    const right = [token(0, 0, 3, "word"), token(1, 4, 5, "punct"), token(2, 6, 9, "word"), token(3, 9, 10, "punct")] as const;
    expect(incidents([doc, paragraph, sentence, ...right])).toEqual([]);
    // UTF-16 offsets for نعم: one unit further on, past the emoji's second half.
    const units = { ...right[2], start: 7, end: 10, text: "عم." };
    expect(incidents([doc, paragraph, sentence, right[0], right[1], units, right[3]]).map(([check, line, pointer]) => [check, line, pointer])).toEqual([
      ["token-tiling", 6, "/start"],
    ]);
  });
});

describe("Validator mentions' token indices", () => {
  // One record at a time here: the line says nothing more than the pointer.
  const incidents = (records: object[]) => reported(records).map(([check, , pointer, message]) => [check, pointer, message]);
  const { mentions, tokens, documents } = published;
  const text = documents[0]!.text;

  it("should accept every shipped mention (control)", () => {
    expect(incidents(mentions)).toEqual([]);
  });

  it("should report a wrong tokenStart or tokenEnd, naming the token the mention starts or ends with", () => {
    const m = mentions.find((x) => x.tokenEnd - x.tokenStart === 1 && x.parent === undefined)!;
    const token = tokens.find((t) => t.sentence === m.sentence && t.index === m.tokenStart)!;
    expect(incidents([{ ...m, tokenStart: m.tokenStart + 1, tokenEnd: m.tokenEnd + 1 }])).toEqual([
      ["mention-tokens", "/tokenStart", `expected tokenStart ${m.tokenStart} (the token at [${token.start}, ${token.end}), where the mention starts), found ${m.tokenStart + 1}`],
      ["mention-tokens", "/tokenEnd", `expected tokenEnd ${m.tokenEnd} (just past the token at [${token.start}, ${token.end}), where the mention ends), found ${m.tokenEnd + 1}`],
    ]);
  });

  it("should tokenize again against a document given for validation that replaces the shipped one", () => {
    const [before, m] = mentions.filter((x) => x.sentence === mentions[0]!.sentence && x.parent === undefined) as [EntityMention, EntityMention];
    expect(text[m.end]).toBe(" ");
    // A tatweel for the space after the mention: its last word runs on into the next.
    const joined = { ...documents[0]!, text: `${text.slice(0, m.end)}ـ${text.slice(m.end + 1)}` };
    expect(incidents([before, joined, m]).filter(([check]) => check === "mention-tokens").map(([, pointer]) => pointer)).toEqual(["/end"]);
  });

  it("should leave a mention whose text is not at its offsets to text-mismatch", () => {
    const m = mentions[0]!;
    expect(incidents([{ ...m, start: m.start + 1, end: m.end + 1 }]).map(([check, pointer]) => [check, pointer])).toEqual([["text-mismatch", "/text"]]);
  });

  it("should report a mention that starts inside a token or ends between tokens", () => {
    const m = mentions.find((x) => x.prefix !== "" && x.parent === undefined)!;
    const token = tokens.find((t) => t.sentence === m.sentence && t.index === m.tokenStart)!;
    const inside = { ...m, start: m.start + 1, text: m.text.slice(1), prefix: "" };
    // One character more: the space after the mention's last token.
    const spaced = { ...m, end: m.end + 1, text: text.slice(m.start, m.end + 1) };
    expect(text[m.end]).toBe(" ");
    expect(incidents([inside])).toEqual([
      ["mention-tokens", "/start", `expected the mention to start where a token of ${m.sentence} starts, found ${m.start + 1} inside token ${token.index} ${JSON.stringify(token.text)} [${token.start}, ${token.end})`],
    ]);
    expect(incidents([spaced]).filter(([check]) => check === "mention-tokens")).toEqual([
      ["mention-tokens", "/end", `expected the mention to end where a token of ${m.sentence} ends, found ${m.end + 1} between tokens`],
    ]);
  });
});
