import type { Entity, SentenceStance, Stance, StanceAnnotation, StanceResolution, StanceTarget } from "../../src/generated/types.js";
import { BuildError } from "../lib/build-error.js";
import { resolveQuote, type SegmentedDocument } from "./resolve-quote.js";

import { WRITER } from "../../src/clitics.js";

/** Resolves a document's authored stance records: holders, targets and evidence spans. */
export function resolveStances(
  doc: SegmentedDocument,
  authored: Array<{ line: number; record: StanceAnnotation }>,
  catalogue: Map<string, Entity>,
  targets: Map<string, StanceTarget>,
  file: string,
): Stance[] {
  const seen = new Set<string>();
  return authored.map(({ line, record: a }) => {
    const fail = (problem: string): never => {
      throw new BuildError(file, `${line}`, `stance ${a.id}: ${problem}`);
    };
    if (seen.has(a.id)) fail(`expected a unique stance id, found ${a.id} again`);
    seen.add(a.id);
    if (a.holder !== WRITER && !catalogue.has(a.holder)) fail(`expected holder "${WRITER}" or a catalogue entity, found ${JSON.stringify(a.holder)}`);
    if (!targets.has(a.target)) fail(`expected a target from the closed list (${[...targets.keys()].join(", ")}), found ${JSON.stringify(a.target)}`);
    const spans = a.evidence.map((e) => resolveQuote(doc, e, file, line));
    const sentences = [...new Set(spans.map((s) => s.sentence.id))].sort((x, y) => sentenceOrder(doc, x) - sentenceOrder(doc, y));
    return {
      id: `${doc.id}/${a.id}`,
      document: doc.id,
      holder: a.holder,
      ...(a.holderDescription ? { holderDescription: a.holderDescription } : {}),
      target: a.target,
      label: a.label,
      evidence: spans.map((s) => ({ sentence: s.sentence.id, start: s.start, end: s.end, text: s.text })) as Stance["evidence"],
      sentences: sentences as Stance["sentences"],
      attribution: a.attribution,
      explicit: a.explicit,
      conditional: a.conditional,
      negated: a.negated,
      rationale: a.rationale,
    };
  });
}

function sentenceOrder(doc: SegmentedDocument, id: string): number {
  return doc.sentences.findIndex((s) => s.id === id);
}

/**
 * The derivation rule of the guidelines: for each sentence × target, the attributed records on the
 * target with evidence in the sentence; NEUTRAL and NONE count as NONE; no FAVOR or AGAINST gives
 * NONE; one of them alone gives that label; both is a conflict that needs a declared resolution.
 * A resolution that resolves no conflict is an error too, so that none goes stale silently.
 */
export function deriveSentenceStances(
  doc: SegmentedDocument,
  stances: Stance[],
  targets: StanceTarget[],
  resolutions: Array<{ line: number; record: StanceResolution }>,
  file: string,
): SentenceStance[] {
  const declared = new Map<string, { line: number; record: StanceResolution }>();
  for (const r of resolutions) {
    const key = `${doc.id}/${r.record.sentence}#${r.record.target}`;
    const earlier = declared.get(key);
    if (earlier) throw new BuildError(file, `${r.line}`, `expected one resolution per sentence × target, found ${key} again (first on line ${earlier.line})`);
    declared.set(key, r);
  }
  const used = new Set<string>();
  const out: SentenceStance[] = [];
  for (const sentence of doc.sentences) {
    for (const target of targets) {
      const id = `${sentence.id}#${target.id}`;
      const records = stances.filter((s) => s.target === target.id && s.sentences.includes(sentence.id));
      const polar = new Set(records.map((s) => s.label).filter((l) => l === "FAVOR" || l === "AGAINST"));
      const resolution = declared.get(id);
      let label: SentenceStance["label"] = polar.size === 1 ? ([...polar][0] as "FAVOR" | "AGAINST") : "NONE";
      if (polar.size === 2) {
        if (!resolution) {
          throw new BuildError(file, undefined, `expected a declared resolution for ${id}, found conflicting stances ${records.map((r) => `${r.id.split("/").pop()}=${r.label}`).join(", ")} and none declared`);
        }
        label = resolution.record.label;
        used.add(id);
      }
      out.push({
        id,
        document: doc.id,
        sentence: sentence.id,
        target: target.id,
        label,
        stances: records.map((r) => r.id),
        ...(polar.size === 2 && resolution ? { resolution: resolution.record.reason } : {}),
      });
    }
  }
  for (const [id, r] of declared) {
    if (!used.has(id)) throw new BuildError(file, `${r.line}`, `expected a resolution to settle a FAVOR/AGAINST conflict, found none at ${id}`);
  }
  return out;
}
