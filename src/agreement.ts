/**
 * Inter-annotator agreement between two annotation passes: span precision, recall and F1 for
 * entity mentions (pass A is the reference), and Cohen's κ for stance labels.
 */

export interface Prf {
  /** Matched items. */
  matched: number;
  /** Items in pass A (the reference) and in pass B. */
  a: number;
  b: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Span {
  start: number;
  end: number;
  type: string;
  /** Spans of different documents never match. */
  document?: string;
}

export interface MentionAgreement {
  /** Same start and end, type ignored. */
  exact: Prf;
  /** Overlapping spans, matched one-to-one, type ignored. */
  overlap: Prf;
  /** Same start, end and type (strict NER scoring). */
  exactTyped: Prf;
  /** Among exact span matches, how many also agree on the type. */
  typeAgreement: { matched: number; agreed: number; rate: number };
  /** Strict scoring per type. */
  perType: Record<string, Prf>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function prf(matched: number, a: number, b: number): Prf {
  const precision = b === 0 ? 0 : matched / b;
  const recall = a === 0 ? 0 : matched / a;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { matched, a, b, precision: round(precision), recall: round(recall), f1: round(f1) };
}

const key = (s: Span) => `${s.document ?? ""}|${s.start}|${s.end}`;

/** Greedy one-to-one matching, in document order, of pairs that satisfy `fits`. */
function matchOneToOne<T extends Span>(a: T[], b: T[], fits: (x: T, y: T) => boolean): Array<[T, T]> {
  const order = (x: T, y: T) => (x.document ?? "").localeCompare(y.document ?? "") || x.start - y.start || y.end - x.end;
  const free = [...b].sort(order);
  const pairs: Array<[T, T]> = [];
  for (const x of [...a].sort(order)) {
    const i = free.findIndex((y) => fits(x, y));
    if (i !== -1) pairs.push([x, free.splice(i, 1)[0]!]);
  }
  return pairs;
}

export function mentionAgreement(a: Span[], b: Span[]): MentionAgreement {
  const sameSpan = (x: Span, y: Span) => key(x) === key(y);
  const overlaps = (x: Span, y: Span) => (x.document ?? "") === (y.document ?? "") && x.start < y.end && y.start < x.end;
  const exactPairs = matchOneToOne(a, b, sameSpan);
  const typedPairs = matchOneToOne(a, b, (x, y) => sameSpan(x, y) && x.type === y.type);
  const agreed = exactPairs.filter(([x, y]) => x.type === y.type).length;
  const types = [...new Set([...a, ...b].map((s) => s.type))].sort();
  const perType: Record<string, Prf> = {};
  for (const type of types) {
    const ofType = (s: Span) => s.type === type;
    perType[type] = prf(typedPairs.filter(([x]) => ofType(x)).length, a.filter(ofType).length, b.filter(ofType).length);
  }
  return {
    exact: prf(exactPairs.length, a.length, b.length),
    overlap: prf(matchOneToOne(a, b, overlaps).length, a.length, b.length),
    exactTyped: prf(typedPairs.length, a.length, b.length),
    typeAgreement: { matched: exactPairs.length, agreed, rate: round(exactPairs.length === 0 ? 0 : agreed / exactPairs.length) },
    perType,
  };
}

export interface KappaResult {
  /** Number of items labelled by both passes. */
  n: number;
  /** Raw (observed) agreement; null when n is 0. */
  observed: number | null;
  /** Agreement expected by chance from each pass's label distribution; null when n is 0. */
  expected: number | null;
  /**
   * Cohen's κ; 1 when both passes use a single identical label throughout; null when n is 0, where
   * κ is undefined (a 0 would read as agreement exactly at chance).
   */
  kappa: number | null;
  /** confusion[labelA][labelB] = count. */
  confusion: Record<string, Record<string, number>>;
}

export function cohensKappa(pairs: Array<[string, string]>): KappaResult {
  const n = pairs.length;
  const labels = [...new Set(pairs.flat())].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const x of labels) confusion[x] = Object.fromEntries(labels.map((y) => [y, 0]));
  for (const [x, y] of pairs) confusion[x]![y]!++;
  if (n === 0) return { n, observed: null, expected: null, kappa: null, confusion };
  const observed = pairs.filter(([x, y]) => x === y).length / n;
  let expected = 0;
  for (const l of labels) {
    const pa = pairs.filter(([x]) => x === l).length / n;
    const pb = pairs.filter(([, y]) => y === l).length / n;
    expected += pa * pb;
  }
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { n, observed: round(observed), expected: round(expected), kappa: round(kappa), confusion };
}

export interface StanceLike {
  id: string;
  holder: string;
  target: string;
  label: string;
  evidence: Array<{ start: number; end: number }>;
  document: string;
  attribution?: string;
  explicit?: boolean;
  conditional?: boolean;
  negated?: boolean;
}

export interface LabelLike {
  id: string;
  label: string;
}

export interface StanceAgreement {
  /** κ and raw agreement on the sentence × target labels both passes derived. */
  sentenceLabels: KappaResult;
  /** Attributed records found by both passes: same holder and target, overlapping evidence. */
  records: { a: number; b: number; matched: number; labelAgreed: number; labelAgreement: number; kappa: KappaResult };
  /** Among matched records, how many agree on each of the other fields. */
  fields: Record<"attribution" | "explicit" | "conditional" | "negated", { agreed: number; rate: number }>;
  /**
   * Evidence extents of the matched records (matching asks only that they overlap): how many have
   * the same spans, and the code points both passes cover ÷ those either covers, over all of them.
   */
  evidence: { identical: number; rate: number; overlap: number };
}

/** Code points covered by a list of spans (overlaps counted once), and those two lists both cover. */
function coverage(a: Array<{ start: number; end: number }>, b: Array<{ start: number; end: number }>): { both: number; either: number } {
  const inA = new Set<number>();
  for (const e of a) for (let i = e.start; i < e.end; i++) inA.add(i);
  const inB = new Set<number>();
  for (const e of b) for (let i = e.start; i < e.end; i++) inB.add(i);
  let both = 0;
  for (const i of inA) if (inB.has(i)) both++;
  return { both, either: inA.size + inB.size - both };
}

const sameSpans = (a: Array<{ start: number; end: number }>, b: Array<{ start: number; end: number }>) => {
  const key = (spans: Array<{ start: number; end: number }>) => spans.map((e) => `${e.start}-${e.end}`).sort().join();
  return key(a) === key(b);
};

export function stanceAgreement(a: StanceLike[], b: StanceLike[], aLabels: LabelLike[], bLabels: LabelLike[]): StanceAgreement {
  const bById = new Map(bLabels.map((l) => [l.id, l.label]));
  const pairs: Array<[string, string]> = aLabels.filter((l) => bById.has(l.id)).map((l) => [l.label, bById.get(l.id)!]);
  const free = [...b];
  const matched: Array<[StanceLike, StanceLike]> = [];
  for (const x of a) {
    const i = free.findIndex(
      (y) =>
        y.document === x.document &&
        y.holder === x.holder &&
        y.target === x.target &&
        x.evidence.some((e) => y.evidence.some((f) => e.start < f.end && f.start < e.end)),
    );
    if (i !== -1) matched.push([x, free.splice(i, 1)[0]!]);
  }
  const labelAgreed = matched.filter(([x, y]) => x.label === y.label).length;
  const field = (name: "attribution" | "explicit" | "conditional" | "negated") => {
    const agreed = matched.filter(([x, y]) => x[name] === y[name]).length;
    return { agreed, rate: round(matched.length === 0 ? 0 : agreed / matched.length) };
  };
  const identical = matched.filter(([x, y]) => sameSpans(x.evidence, y.evidence)).length;
  const covered = matched.map(([x, y]) => coverage(x.evidence, y.evidence)).reduce((t, c) => ({ both: t.both + c.both, either: t.either + c.either }), { both: 0, either: 0 });
  return {
    sentenceLabels: cohensKappa(pairs),
    records: {
      a: a.length,
      b: b.length,
      matched: matched.length,
      labelAgreed,
      labelAgreement: round(matched.length === 0 ? 0 : labelAgreed / matched.length),
      kappa: cohensKappa(matched.map(([x, y]) => [x.label, y.label])),
    },
    fields: { attribution: field("attribution"), explicit: field("explicit"), conditional: field("conditional"), negated: field("negated") },
    evidence: { identical, rate: round(matched.length === 0 ? 0 : identical / matched.length), overlap: round(covered.either === 0 ? 0 : covered.both / covered.either) },
  };
}
