import type { OffsetMap } from "./generated/types.js";

/** Where a published span comes from in the raw source file. */
export interface RawEvidence {
  /** Raw code-point ranges, in published order, that the span's characters come from. */
  ranges: Array<{ rawStart: number; rawEnd: number; by?: string }>;
  /** 1-based raw line numbers those characters lie on, ascending. */
  lines: number[];
  /**
   * Rules and repairs that moved, changed or inserted characters of the span, or that removed raw
   * characters inside its raw extent (between its first and last raw character).
   */
  by: string[];
  /** Whether some characters of the span were inserted (no raw source). */
  inserted: boolean;
}

/**
 * Answers "which raw characters and raw lines does this published span come from", from a
 * document's offset map and raw text (code points throughout).
 */
export function rawEvidence(map: OffsetMap, rawText: string, start: number, end: number): RawEvidence {
  const length = map.segments.length === 0 ? 0 : map.segments[map.segments.length - 1]!.end;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    throw new RangeError(`expected integer code-point offsets 0 <= start <= end <= ${length}, found start ${start} and end ${end}`);
  }
  const ranges: RawEvidence["ranges"] = [];
  const by = new Set<string>();
  let inserted = false;
  for (const segment of map.segments) {
    if (segment.end <= start || segment.start >= end) continue;
    const from = Math.max(start, segment.start);
    const to = Math.min(end, segment.end);
    if (segment.by) by.add(segment.by);
    if (segment.rawStart === undefined) {
      inserted = true;
      continue;
    }
    const rawStart = segment.rawStart + (from - segment.start);
    ranges.push({ rawStart, rawEnd: rawStart + (to - from), ...(segment.by ? { by: segment.by } : {}) });
  }
  // A removal inside the span (the tatweel of إيــران) leaves every published character a plain
  // copy, so the segments do not show it; only the removed ranges do.
  let first = Infinity;
  let last = -Infinity;
  for (const r of ranges) {
    first = Math.min(first, r.rawStart);
    last = Math.max(last, r.rawEnd);
  }
  for (const removal of map.removed) if (removal.rawStart < last && removal.rawEnd > first) by.add(removal.by);
  const lineStarts = lineStartOffsets(rawText);
  const lines = new Set<number>();
  for (const r of ranges) for (let p = r.rawStart; p < r.rawEnd; p++) lines.add(lineOf(lineStarts, p));
  return { ranges, lines: [...lines].sort((a, b) => a - b), by: [...by].sort(), inserted };
}

/** Code-point offsets at which each raw line starts. */
function lineStartOffsets(text: string): number[] {
  const starts = [0];
  let offset = 0;
  for (const ch of text) {
    offset++;
    if (ch === "\n") starts.push(offset);
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
