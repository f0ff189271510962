/**
 * Code-point helpers. Every offset in the corpus counts Unicode code points, while JavaScript
 * strings index UTF-16 code units; these helpers convert between the two so that a character
 * outside the Basic Multilingual Plane is never split.
 */

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A string indexed by code point: `slice` takes code-point offsets, and the conversions
 * to and from UTF-16 offsets are O(1) after an O(n) set-up.
 */
export class CodePointText {
  readonly text: string;
  /** UTF-16 offset of each code point, plus one entry for the end of the text. */
  readonly #unitOffsets: number[];
  /** Code-point index of each UTF-16 offset (for offsets inside a pair: the pair's index). */
  readonly #pointIndex: Int32Array;

  constructor(text: string) {
    this.text = text;
    const units: number[] = [];
    const points = new Int32Array(text.length + 1);
    let unit = 0;
    for (const ch of text) {
      points[unit] = units.length;
      if (ch.length === 2) points[unit + 1] = units.length;
      units.push(unit);
      unit += ch.length;
    }
    units.push(unit);
    points[unit] = units.length - 1;
    this.#unitOffsets = units;
    this.#pointIndex = points;
  }

  /** Length in code points. */
  get length(): number {
    return this.#unitOffsets.length - 1;
  }

  /** The text between two code-point offsets, half-open [start, end). */
  slice(start: number, end: number = this.length): string {
    this.#check(start, "start");
    this.#check(end, "end");
    if (end < start) throw new RangeError(`expected end >= start, found start ${start} and end ${end}`);
    return this.text.slice(this.#unitOffsets[start], this.#unitOffsets[end]);
  }

  /** UTF-16 offset of a code-point offset. */
  toUnit(point: number): number {
    this.#check(point, "offset");
    return this.#unitOffsets[point]!;
  }

  /** Code-point offset of a UTF-16 offset; throws when the offset splits a surrogate pair. */
  toPoint(unit: number): number {
    if (!Number.isInteger(unit) || unit < 0 || unit > this.text.length) {
      throw new RangeError(`expected a UTF-16 offset from 0 to ${this.text.length}, found ${unit}`);
    }
    const point = this.#pointIndex[unit]!;
    if (this.#unitOffsets[point] !== unit) throw new RangeError(`UTF-16 offset ${unit} splits a surrogate pair`);
    return point;
  }

  #check(point: number, what: string): void {
    if (!Number.isInteger(point) || point < 0 || point > this.length) {
      throw new RangeError(`expected ${what} to be an integer code-point offset from 0 to ${this.length}, found ${point}`);
    }
  }
}
