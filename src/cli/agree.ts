import { mentionAgreement, stanceAgreement, type KappaResult, type MentionAgreement, type StanceAgreement, type StanceLike } from "../agreement.js";
import type { RecordsByKind } from "./load-records.js";

export interface AgreeResult {
  entities?: MentionAgreement;
  stances?: StanceAgreement;
}

/** The kinds agree compares, whose fields it reads as typed: load them with `checked` set to this. */
export const comparedKinds: ReadonlySet<string> = new Set(["entity-mention", "stance", "sentence-stance"]);

/** One side of a comparison: the path as given, and the records read from it. */
export interface AgreeSide {
  path: string;
  records: RecordsByKind;
}

/** Quote-selector files as annotators write them: the build resolves them to published records. */
const authoredKinds = ["entity-annotation", "stance-annotation", "stance-resolution"];

/** The kinds a side holds, with their counts: `stance (32), entity-mention (99)`. */
const kindsIn = (records: RecordsByKind, kinds: Iterable<string>) =>
  [...kinds].filter((k) => (records.get(k)?.length ?? 0) > 0).map((k) => `${k} (${records.get(k)!.length})`);

/**
 * Throws unless both sides hold the same compared kinds, at least one: an empty comparison has no
 * figures to give, and a kind on one side only would count every record of it as missed.
 */
function checkComparable(a: AgreeSide, b: AgreeSide): void {
  const compared = (side: AgreeSide) => kindsIn(side.records, comparedKinds).map((k) => k.split(" ")[0]!);
  const [inA, inB] = [compared(a), compared(b)];
  const authored = [a, b].some((side) => authoredKinds.some((k) => side.records.has(k)))
    ? "; authored annotation files (quote selectors, as in corpus/annotations and corpus/agreement/pass-*) are not read: `npm run build` resolves them against the text, " +
      "and writes the agreement of the corpus's own two passes to corpus/agreement/report.json (arabic-news-corpus/agreement/report.json in the package)"
    : "";
  const found = (side: AgreeSide, kinds: Iterable<string>) => `${kindsIn(side.records, kinds).join(", ") || "no such records"} in ${side.path}`;
  if (inA.length === 0 && inB.length === 0) {
    const all = (side: AgreeSide) => side.records.keys();
    throw new Error(
      `expected entity mentions, stances or sentence-stances (published-format records, as in corpus/data) to compare, found ${found(a, all(a))} and ${found(b, all(b))}${authored}`,
    );
  }
  if (inA.join() !== inB.join()) {
    throw new Error(`expected the same kinds of records on both sides, found ${found(a, comparedKinds)} and ${found(b, comparedKinds)}${authored}`);
  }
}

/** Agreement between two passes given as published-format records (offsets resolved). */
export function agree(sideA: AgreeSide, sideB: AgreeSide): AgreeResult {
  checkComparable(sideA, sideB);
  const [a, b] = [sideA.records, sideB.records];
  const result: AgreeResult = {};
  const mentions = (r: RecordsByKind) => (r.get("entity-mention") ?? []) as unknown as Array<{ start: number; end: number; type: string; document: string }>;
  if (mentions(a).length || mentions(b).length) result.entities = mentionAgreement(mentions(a), mentions(b));
  const stances = (r: RecordsByKind) => (r.get("stance") ?? []) as unknown as StanceLike[];
  const labels = (r: RecordsByKind) => (r.get("sentence-stance") ?? []) as unknown as Array<{ id: string; label: string }>;
  if (stances(a).length || stances(b).length || labels(a).length || labels(b).length) {
    result.stances = stanceAgreement(stances(a), stances(b), labels(a), labels(b));
  }
  return result;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** κ and the agreement it rests on, or why there is none: nothing labelled by both passes. */
const kappaText = (k: KappaResult) => (k.kappa === null ? "no κ (nothing labelled by both passes)" : `raw agreement ${pct(k.observed!)}, chance ${pct(k.expected!)}, Cohen's κ ${k.kappa.toFixed(3)}`);

export function formatAgree(r: AgreeResult): string {
  const lines: string[] = [];
  if (r.entities) {
    const e = r.entities;
    const row = (name: string, p: { matched: number; a: number; b: number; precision: number; recall: number; f1: number }) =>
      `${name.padEnd(14)} ${String(p.matched).padStart(5)} ${String(p.a).padStart(5)} ${String(p.b).padStart(5)} ${pct(p.precision).padStart(7)} ${pct(p.recall).padStart(7)} ${pct(p.f1).padStart(7)}`;
    lines.push("Entity mentions (A is the reference)", `${"".padEnd(14)} ${"match".padStart(5)} ${"A".padStart(5)} ${"B".padStart(5)} ${"P".padStart(7)} ${"R".padStart(7)} ${"F1".padStart(7)}`);
    lines.push(row("exact span", e.exact), row("overlap", e.overlap), row("exact + type", e.exactTyped));
    for (const [type, p] of Object.entries(e.perType)) lines.push(row(`  ${type}`, p));
    lines.push(`type agreement on exact spans: ${e.typeAgreement.agreed}/${e.typeAgreement.matched} (${pct(e.typeAgreement.rate)})`);
  }
  if (r.stances) {
    const s = r.stances;
    if (lines.length) lines.push("");
    lines.push(
      "Stance",
      `sentence × target labels: n=${s.sentenceLabels.n}, ${kappaText(s.sentenceLabels)}`,
      `attributed records: A ${s.records.a}, B ${s.records.b}, found by both ${s.records.matched}, same label ${s.records.labelAgreed}${s.records.matched ? ` (${pct(s.records.labelAgreement)})` : ""}, ${s.records.kappa.kappa === null ? "no κ" : `κ ${s.records.kappa.kappa.toFixed(3)}`}`,
      `flags on records found by both: ${Object.entries(s.fields).map(([k, v]) => `${k} ${v.agreed}/${s.records.matched}`).join(", ")}`,
      `evidence on records found by both: identical spans ${s.evidence.identical}/${s.records.matched}, overlap ${pct(s.evidence.overlap)} of the code points either covers`,
    );
  }
  return lines.join("\n");
}
