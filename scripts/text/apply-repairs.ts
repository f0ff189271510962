import type { TextRepairs } from "../../src/generated/types.js";
import { BuildError, quote } from "../lib/build-error.js";

/** One published character and where it came from. */
export interface SourcedChar {
  ch: string;
  /** Raw code-point offset it was copied, moved or changed from; null when inserted. */
  raw: number | null;
  /** The rule or repair that moved, changed or inserted it; null for a plain copy. */
  by: string | null;
}

/** Raw characters that publish nothing, with the rule or repair that removed them. */
export interface Removal {
  raw: number;
  by: string;
}

export interface RepairedText {
  paragraphs: SourcedChar[][];
  removed: Removal[];
}

type Repair = TextRepairs["repairs"][number];

interface RawLine {
  number: number;
  /** Raw offset of the line's first code point. */
  start: number;
  chars: string[];
  /** Raw offset of the line's terminating "\n", or null on the last line. */
  newline: number | null;
}

const TATWEEL = "\u0640";
const isPrivateUse = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return cp >= 0xe000 && cp <= 0xf8ff;
};
const isSpace = (ch: string) => /^\s$/u.test(ch);
const isBoundary = (ch: string) => /^[\s\p{P}]$/u.test(ch);
const wordAt = (chars: string[], at: number) => {
  let from = at;
  while (from > 0 && !/\s/u.test(chars[from - 1]!)) from--;
  let to = at;
  while (to < chars.length && !/\s/u.test(chars[to]!)) to++;
  return chars.slice(from, to).join("").replace(/\u0640/gu, "");
};
export const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

function splitLines(raw: string): RawLine[] {
  const lines: RawLine[] = [];
  let chars: string[] = [];
  let start = 0;
  let offset = 0;
  for (const ch of raw) {
    if (ch === "\n") {
      lines.push({ number: lines.length + 1, start, chars, newline: offset });
      chars = [];
      start = offset + 1;
    } else {
      chars.push(ch);
    }
    offset++;
  }
  if (chars.length > 0 || lines.length === 0) lines.push({ number: lines.length + 1, start, chars, newline: null });
  return lines;
}

/**
 * Applies a document's declared rules and repairs to its raw text, deterministically, and keeps the
 * source of every character. Any repair that does not fit the raw file (wrong line, wrong glyph,
 * pieces that do not cover the line, two repairs on one character, a rejoined word other than the
 * one declared) and any damage left unrepaired (a private-use glyph) is a BuildError naming the
 * repair file and the repair's JSON pointer or the raw line.
 */
export function applyRepairs(raw: string, repairs: TextRepairs, files: { raw: string; repairs: string }): RepairedText {
  const lines = splitLines(raw);
  const fail = (index: number, problem: string): never => {
    throw new BuildError(files.repairs, `/repairs/${index}`, problem);
  };
  const rules = new Set(repairs.rules.map((r) => r.id));
  const seen = new Set<string>();
  const reorders = new Map<number, { repair: Extract<Repair, { op: "reorder-line" }>; index: number }>();
  const glyphs = new Map<string, { repair: Extract<Repair, { op: "decode-glyph" }>; index: number }>();
  const joins = new Map<number, string>();
  const breaks = new Map<number, string>();
  const decodings = new Map<string, { decoded: string; id: string }>();

  repairs.repairs.forEach((repair, index) => {
    if (seen.has(repair.id)) fail(index, `expected a unique repair id, found ${repair.id} again`);
    seen.add(repair.id);
    const line = lines[repair.line - 1];
    if (!line) fail(index, `expected a line from 1 to ${lines.length}, found line ${repair.line}`);
    const blank = line!.chars.every(isSpace);
    switch (repair.op) {
      case "reorder-line": {
        if (blank) fail(index, `expected line ${repair.line} to hold text to reorder, found a blank line`);
        const other = reorders.get(repair.line);
        if (other) fail(index, `conflicting repairs: ${other.repair.id} already reorders line ${repair.line}`);
        const covered = new Array<number>(line!.chars.length).fill(0);
        for (const [from, to] of repair.segments as Array<[number, number]>) {
          if (to <= from || to > line!.chars.length) {
            fail(index, `expected segment columns 0 <= start < end <= ${line!.chars.length} on line ${repair.line}, found [${from}, ${to}]`);
          }
          for (let c = from; c < to; c++) covered[c]!++;
        }
        const bad = covered.findIndex((n) => n !== 1);
        if (bad !== -1) fail(index, `expected the segments to cover every column of line ${repair.line} once, found column ${bad} covered ${covered[bad]} times`);
        // Each cut between two pieces must fall between words: a piece that starts or ends inside a
        // word would move half of it, which is exactly the damage being repaired.
        for (const [from] of repair.segments as Array<[number, number]>) {
          const before = line!.chars[from - 1];
          const after = line!.chars[from]!;
          if (before !== undefined && !isBoundary(before) && !isBoundary(after)) {
            fail(index, `expected each piece of line ${repair.line} to start between words, found column ${from} inside ${quote(wordAt(line!.chars, from))}`);
          }
        }
        reorders.set(repair.line, { repair, index });
        break;
      }
      case "decode-glyph": {
        const found = line!.chars[repair.column];
        if (found === undefined || hex(found) !== repair.found) {
          fail(index, `expected ${repair.found} at line ${repair.line} column ${repair.column}, found ${found === undefined ? "the end of the line" : hex(found)}`);
        }
        const key = `${repair.line}:${repair.column}`;
        if (glyphs.has(key)) fail(index, `conflicting repairs: ${glyphs.get(key)!.repair.id} already decodes line ${repair.line} column ${repair.column}`);
        const earlier = decodings.get(repair.found);
        if (earlier && earlier.decoded !== repair.decoded) {
          fail(index, `inconsistent decoding: ${repair.found} is decoded as ${quote(earlier.decoded)} by ${earlier.id} but as ${quote(repair.decoded)} here`);
        }
        decodings.set(repair.found, { decoded: repair.decoded, id: repair.id });
        glyphs.set(key, { repair, index });
        break;
      }
      case "join-paragraph":
        if (!blank) fail(index, `expected line ${repair.line} to be blank (a join-paragraph repair names a blank line), found text`);
        if (joins.has(repair.line)) fail(index, `conflicting repairs: ${joins.get(repair.line)} already joins at line ${repair.line}`);
        joins.set(repair.line, repair.id);
        break;
      case "break-paragraph": {
        const previous = lines[repair.line - 2];
        if (blank || !previous || previous.chars.every(isSpace)) {
          fail(index, `expected line ${repair.line} to be text following a text line (a break-paragraph repair adds a missing blank line), found ${blank ? "a blank line" : "no text line before it"}`);
        }
        if (breaks.has(repair.line)) fail(index, `conflicting repairs: ${breaks.get(repair.line)} already breaks the paragraph at line ${repair.line}`);
        breaks.set(repair.line, repair.id);
        break;
      }
    }
  });

  const removed: Removal[] = [];
  const paragraphs: SourcedChar[][] = [];
  let current: SourcedChar[] = [];
  let pendingBlank: Array<{ ch: string; raw: number }> = [];
  const usedJoins = new Set<number>();
  let pendingBlankJoin: string | null = null;
  let pendingBlankFirstLine = 0;

  // Whitespace outside any paragraph can only go by the fold-whitespace rule; a document that
  // does not declare it keeps every character, or the build says which one it cannot place.
  const dropWhitespace = (raw: number) => {
    if (!rules.has("fold-whitespace")) {
      const line = lines.find((l) => raw >= l.start && raw <= (l.newline ?? l.start + l.chars.length));
      throw new BuildError(files.raw, `${line?.number ?? 1}:${raw - (line?.start ?? 0) + 1}`, "expected the fold-whitespace rule to be declared to remove whitespace outside paragraphs, found no such rule");
    }
    removed.push({ raw, by: "rule:fold-whitespace" });
  };
  const closeParagraph = () => {
    // Without fold-whitespace the paragraph's final line break would stay in its text; it is part of
    // the break between paragraphs, so the paragraph-separator rule removes it.
    while (!rules.has("fold-whitespace") && current.length > 0 && current[current.length - 1]!.ch === "\n" && current[current.length - 1]!.raw !== null) {
      removed.push({ raw: current.pop()!.raw!, by: "rule:paragraph-separator" });
    }
    if (current.some((c) => !isSpace(c.ch))) paragraphs.push(current);
    else for (const c of current) if (c.raw !== null) dropWhitespace(c.raw);
    current = [];
  };

  for (const line of lines) {
    const lineChars = line.chars.map((ch, column) => ({ ch, column, raw: line.start + column }));
    const blank = line.chars.every(isSpace);
    if (blank) {
      if (pendingBlank.length === 0) {
        pendingBlankFirstLine = line.number;
        pendingBlankJoin = joins.get(line.number) ?? null;
      }
      pendingBlank.push(...lineChars);
      if (line.newline !== null) pendingBlank.push({ ch: "\n", raw: line.newline });
      continue;
    }
    if (pendingBlank.length > 0) {
      if (pendingBlankJoin !== null) {
        // The join is used only once text follows the blank line: a join before the end of the file joins nothing.
        usedJoins.add(pendingBlankFirstLine);
        current.push(...pendingBlank.map(({ ch, raw }) => ({ ch, raw, by: `repair:${pendingBlankJoin}` })));
      } else if (rules.has("paragraph-separator")) {
        closeParagraph();
        for (const { raw } of pendingBlank) removed.push({ raw, by: "rule:paragraph-separator" });
      } else {
        throw new BuildError(files.raw, `${pendingBlankFirstLine}:1`, "expected the paragraph-separator rule to be declared for a blank line, found no rule");
      }
      pendingBlank = [];
    }
    const breakId = breaks.get(line.number);
    if (breakId) {
      // The line break before this line ends the paragraph; the separator is inserted later.
      const last = current[current.length - 1];
      if (last && last.raw !== null && last.ch === "\n") {
        current.pop();
        removed.push({ raw: last.raw, by: `repair:${breakId}` });
      }
      closeParagraph();
    }
    const reorder = reorders.get(line.number);
    const ordered = reorder
      ? (reorder.repair.segments as Array<[number, number]>).flatMap(([from, to], piece) =>
          lineChars.slice(from, to).map((c) => ({ ...c, piece })),
        )
      : lineChars.map((c) => ({ ...c, piece: 0 }));
    const pieces: number[] = [];
    const movedBy = reorder ? `repair:${reorder.repair.id}` : null;
    const kept: SourcedChar[] = [];
    for (const c of ordered) {
      const glyph = glyphs.get(`${line.number}:${c.column}`);
      if (glyph) {
        kept.push({ ch: glyph.repair.decoded, raw: c.raw, by: `repair:${glyph.repair.id}` });
        pieces.push(c.piece);
      } else if (isPrivateUse(c.ch)) {
        throw new BuildError(files.raw, `${line.number}:${c.column + 1}`, `expected no private-use glyph, found ${hex(c.ch)} with no decode-glyph repair in ${files.repairs}`);
      } else if (c.ch === TATWEEL && rules.has("remove-tatweel")) {
        removed.push({ raw: c.raw, by: "rule:remove-tatweel" });
      } else {
        kept.push({ ch: c.ch, raw: c.raw, by: movedBy });
        pieces.push(c.piece);
      }
    }
    if (reorder) checkJoins(kept, pieces, reorder.repair, line.number, files.repairs, reorder.index);
    current.push(...kept);
    if (line.newline !== null) current.push({ ch: "\n", raw: line.newline, by: null });
  }
  for (const { raw } of pendingBlank) dropWhitespace(raw);
  closeParagraph();

  for (const [line, id] of joins) {
    if (!usedJoins.has(line)) {
      const index = repairs.repairs.findIndex((r) => r.id === id);
      fail(index, `expected line ${line} to be the first blank line between two text lines, found it ${lines[line - 2]?.chars.every(isSpace) ? "after another blank line" : "before no further text"}`);
    }
  }
  const joinIds = new Set([...joins.values()].map((id) => `repair:${id}`));
  const folded = paragraphs.map((p) => (rules.has("fold-whitespace") ? foldWhitespace(p, removed, joinIds) : p));
  const normalized = folded.map((p) => (rules.has("nfc") ? normalizeClusters(p, removed) : p));
  return { paragraphs: normalized, removed };
}

/**
 * The words formed where two pieces of a reordered line meet must be exactly the declared `joins`,
 * which guards against segments that are off by a few columns.
 */
function checkJoins(
  kept: SourcedChar[],
  pieces: number[],
  repair: Extract<Repair, { op: "reorder-line" }>,
  lineNumber: number,
  file: string,
  index: number,
): void {
  const found: string[] = [];
  for (let i = 1; i < kept.length; i++) {
    const before = kept[i - 1]!;
    const after = kept[i]!;
    if (pieces[i] === pieces[i - 1]) continue;
    if (isSpace(before.ch) || isSpace(after.ch)) continue;
    let from = i - 1;
    while (from > 0 && !isSpace(kept[from - 1]!.ch)) from--;
    let to = i;
    while (to < kept.length && !isSpace(kept[to]!.ch)) to++;
    const word = kept
      .slice(from, to)
      .map((c) => c.ch)
      .join("")
      .replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, "");
    if (word && !found.includes(word)) found.push(word);
  }
  const declared = repair.joins;
  if (found.join("|") !== declared.join("|")) {
    throw new BuildError(file, `/repairs/${index}/joins`, `line ${lineNumber}: expected the reordered pieces to join the words ${JSON.stringify(declared)}, found ${JSON.stringify(found)}`);
  }
}

/** Trims a paragraph and folds each run of whitespace to one space (rule fold-whitespace). */
function foldWhitespace(chars: SourcedChar[], removed: Removal[], joinIds: Set<string>): SourcedChar[] {
  const out: SourcedChar[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (!isSpace(c.ch)) {
      out.push(c);
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isSpace(chars[j]!.ch)) j++;
    const run = chars.slice(i, j);
    const edge = i === 0 || j === chars.length;
    const keep = edge ? null : run[0]!;
    // A blank line that a join-paragraph repair kept inside the paragraph is folded away by that
    // repair, so the offset map names it; other whitespace is folded by the rule.
    const join = run.find((r) => r.by !== null && joinIds.has(r.by))?.by ?? null;
    for (const r of run) if (r !== keep && r.raw !== null) removed.push({ raw: r.raw, by: r.by !== null && joinIds.has(r.by) ? r.by : "rule:fold-whitespace" });
    if (keep) {
      const unchanged = keep.ch === " " && run.length === 1;
      out.push({ ch: " ", raw: keep.raw, by: unchanged ? keep.by : (join ?? "rule:fold-whitespace") });
    }
    i = j;
  }
  return out;
}

const graphemes = new Intl.Segmenter("ar", { granularity: "grapheme" });

/** Applies NFC per grapheme cluster (rule nfc), keeping the source of each character. */
function normalizeClusters(chars: SourcedChar[], removed: Removal[]): SourcedChar[] {
  const text = chars.map((c) => c.ch).join("");
  if (text === text.normalize("NFC")) return chars;
  const out: SourcedChar[] = [];
  let unit = 0;
  let index = 0;
  for (const { segment } of graphemes.segment(text)) {
    const cluster: SourcedChar[] = [];
    while (unit < text.length && cluster.map((c) => c.ch).join("").length < segment.length) {
      const c = chars[index++]!;
      cluster.push(c);
      unit += c.ch.length;
    }
    const nfc = [...segment.normalize("NFC")];
    if (nfc.join("") === segment) {
      out.push(...cluster);
      continue;
    }
    nfc.forEach((ch, k) => {
      const source = cluster[k];
      out.push({ ch, raw: source ? source.raw : null, by: "rule:nfc" });
    });
    for (const extra of cluster.slice(nfc.length)) if (extra.raw !== null) removed.push({ raw: extra.raw, by: "rule:nfc" });
  }
  return out;
}
