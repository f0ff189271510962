import { checks, type Incident } from "./checks.js";
import { printable } from "./printable.js";

export interface ReportInput {
  files: string[];
  records: number;
  /** The incidents kept (at most maxErrors of them). */
  incidents: Incident[];
  /** All incidents found, kept or not. */
  incidentCount: number;
  counts: Record<string, number>;
  maxErrors: number;
  /** Records the checks run could not look at (they fail their schema, which was not run). */
  unchecked?: number;
  /** Problems found by checks that were not run, by check (see Validator.notRun). */
  notRun?: Record<string, number>;
}

// A file name may hold a line break too: each incident stays one line.
const where = (i: Incident) => `${printable(i.file)}${i.line !== undefined ? `:${i.line}` : ""}${i.column !== undefined ? `:${i.column}` : ""}${i.pointer ? ` ${i.pointer}` : ""}`;

/** The readable report: one line per incident (up to maxErrors), then a count per check. */
export function formatText(r: ReportInput): string {
  const shown = r.incidents.slice(0, r.maxErrors);
  const lines = shown.map((i) => `${where(i)}: error [${i.check}] ${i.message}`);
  const hidden = r.incidentCount - shown.length;
  if (hidden > 0) lines.push(`… ${hidden} more incident${hidden === 1 ? "" : "s"} not shown (--max-errors ${r.maxErrors})`);
  return [...lines, summaryLine(r)].join("\n");
}

/** One line: valid, or how many incidents of which checks; and how many records were not checked. */
export function summaryLine(r: ReportInput): string {
  const total = r.incidentCount;
  const line =
    total === 0
      ? `valid: ${r.records} record${r.records === 1 ? "" : "s"} in ${r.files.length} file${r.files.length === 1 ? "" : "s"}`
      : `invalid: ${total} incident${total === 1 ? "" : "s"} in ${r.records} record${r.records === 1 ? "" : "s"} (${Object.entries(r.counts).sort().map(([k, v]) => `${k} ${v}`).join(", ")})`;
  const unchecked = r.unchecked ?? 0;
  const parts = [line];
  if (unchecked > 0) parts.push(`${unchecked} record${unchecked === 1 ? "" : "s"} not checked past the schema, which ${unchecked === 1 ? "it fails" : "they fail"} (the schema check was not run)`);
  // Schema failures are the records counted above; the other checks not run are named with counts.
  const notRun = Object.entries(r.notRun ?? {}).filter(([check]) => check !== "schema").sort(([a], [b]) => a.localeCompare(b));
  const found = notRun.reduce((sum, [, n]) => sum + n, 0);
  if (found > 0) parts.push(`checks that were not run found ${found} problem${found === 1 ? "" : "s"} (${notRun.map(([k, v]) => `${k} ${v}`).join(", ")}), and checks that depend on them skip such records`);
  return parts.join("; ");
}

/** The machine-readable report; its shape is stable across minor versions. */
export function formatJson(r: ReportInput): string {
  return JSON.stringify(
    {
      valid: r.incidentCount === 0,
      files: r.files,
      records: r.records,
      incidentCount: r.incidentCount,
      counts: r.counts,
      incidents: r.incidents.slice(0, r.maxErrors),
      truncated: r.incidentCount > r.maxErrors,
      unchecked: r.unchecked ?? 0,
      notRun: r.notRun ?? {},
    },
    null,
    2,
  );
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: each incident becomes an annotation on its file and line. */
export function formatGithub(r: ReportInput): string {
  const lines = r.incidents.slice(0, r.maxErrors).map((i) => {
    const props = [`file=${escapeProperty(i.file)}`, ...(i.line !== undefined ? [`line=${i.line}`] : []), ...(i.column !== undefined ? [`col=${i.column}`] : []), `title=${escapeProperty(i.check)}`];
    return `::error ${props.join(",")}::${escapeData(`${i.pointer ? `${i.pointer}: ` : ""}${i.message}`)}`;
  });
  lines.push(summaryLine(r));
  return lines.join("\n");
}

/** The check catalogue as a table, for `validate --list-checks`. */
export function formatChecks(): string {
  return Object.entries(checks)
    .map(([id, c]) => `${c.level}  ${id.padEnd(22)} ${c.description}`)
    .join("\n");
}
