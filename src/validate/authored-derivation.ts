/** Where an authored record is: its file and line. */
export interface AuthoredPlace {
  file: string;
  line?: number;
}

/** What the derivation of a document's authored stances finds (see AuthoredDerivation.finish). */
export type AuthoredDerivationFinding =
  | { problem: "unresolved"; document: string; label: string; stances: string; file: string }
  | { problem: "unused"; document: string; label: string; at: AuthoredPlace }
  | { problem: "again"; document: string; label: string; at: AuthoredPlace; first: AuthoredPlace };

interface DocumentStances {
  /** `<sentence>#<target>` → the polar labels of the stances with evidence there, and who said them. */
  readonly polar: Map<string, Array<{ id: string; label: "FAVOR" | "AGAINST" }>>;
  readonly resolutions: Map<string, AuthoredPlace>;
  readonly again: Array<{ label: string; at: AuthoredPlace; first: AuthoredPlace }>;
  stanceFile?: string;
  resolutionFile?: string;
}

/**
 * The build's rule for a document's authored stances and resolutions, applied to the files given:
 * where stances on one target with evidence in one sentence say both FAVOR and AGAINST, a declared
 * resolution must settle it; a resolution must settle such a conflict; and there is one resolution
 * per sentence × target. Authored files are small and hand-made, so a document's records are held
 * until the end, when all of its files have been read.
 */
export class AuthoredDerivation {
  readonly #documents = new Map<string, DocumentStances>();

  #of(document: string): DocumentStances {
    let d = this.#documents.get(document);
    if (!d) this.#documents.set(document, (d = { polar: new Map(), resolutions: new Map(), again: [] }));
    return d;
  }

  /** A stance (`st<n>`) with evidence in `sentences` (`p<n>/s<m>`, as resolutions name them). */
  stance(document: string, id: string, target: string, label: string, sentences: Iterable<string>, file: string): void {
    const d = this.#of(document);
    d.stanceFile ??= file;
    if (label !== "FAVOR" && label !== "AGAINST") return;
    for (const sentence of new Set(sentences)) {
      const key = `${sentence}#${target}`;
      let list = d.polar.get(key);
      if (!list) d.polar.set(key, (list = []));
      list.push({ id, label });
    }
  }

  /** A declared resolution of `sentence` × `target`. */
  resolution(document: string, sentence: string, target: string, at: AuthoredPlace): void {
    const d = this.#of(document);
    d.resolutionFile ??= at.file;
    const key = `${sentence}#${target}`;
    const first = d.resolutions.get(key);
    if (first) d.again.push({ label: key, at, first });
    else d.resolutions.set(key, at);
  }

  /** Reports, document by document in the order first seen, what the build would refuse. */
  finish(report: (finding: AuthoredDerivationFinding) => void): void {
    for (const [document, d] of this.#documents) {
      for (const { label, at, first } of d.again) report({ problem: "again", document, label, at, first });
      const conflicts = new Set<string>();
      for (const [key, list] of d.polar) {
        if (!list.some((s) => s.label === "FAVOR") || !list.some((s) => s.label === "AGAINST")) continue;
        conflicts.add(key);
        // Without the document's stances file, a conflict cannot be known; without its resolutions
        // file, none is declared (the build reads the two together).
        if (!d.resolutions.has(key)) {
          report({ problem: "unresolved", document, label: key, stances: list.map((s) => `${s.id}=${s.label}`).join(", "), file: d.resolutionFile ?? d.stanceFile! });
        }
      }
      // A resolution can be checked for a conflict only against the document's stances.
      if (d.stanceFile === undefined) continue;
      for (const [key, at] of d.resolutions) if (!conflicts.has(key)) report({ problem: "unused", document, label: key, at });
    }
    this.#documents.clear();
  }
}
