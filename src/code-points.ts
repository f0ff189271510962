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
  /**
   * UTF-16 offset of each code point plus one for the end, and the code-point index of each UTF-16
   * offset. Both are null for text without surrogate pairs (all of this corpus), where the two
   * offsets coincide: large documents then cost no extra memory.
   */
  readonly #unitOffsets: Uint32Array | null;
  readonly #pointIndex: Uint32Array | null;
  readonly #length: number;

  constructor(text: string) {
    this.text = text;
    if (!/[\uD800-\uDFFF]/.test(text)) {
      this.#unitOffsets = null;
      this.#pointIndex = null;
      this.#length = text.length;
      return;
    }
    const units: number[] = [];
    const points = new Uint32Array(text.length + 1);
    let unit = 0;
    for (const ch of text) {
      points[unit] = units.length;
      if (ch.length === 2) points[unit + 1] = units.length;
      units.push(unit);
      unit += ch.length;
    }
    units.push(unit);
    points[unit] = units.length - 1;
    this.#unitOffsets = Uint32Array.from(units);
    this.#pointIndex = points;
    this.#length = units.length - 1;
  }

  /** Length in code points. */
  get length(): number {
    return this.#length;
  }

  /** The text between two code-point offsets, half-open [start, end). */
  slice(start: number, end: number = this.length): string {
    this.#check(start, "start");
    this.#check(end, "end");
    if (end < start) throw new RangeError(`expected end >= start, found start ${start} and end ${end}`);
    return this.text.slice(this.#unit(start), this.#unit(end));
  }

  /** UTF-16 offset of a code-point offset. */
  toUnit(point: number): number {
    this.#check(point, "offset");
    return this.#unit(point);
  }

  /** Code-point offset of a UTF-16 offset; throws when the offset splits a surrogate pair. */
  toPoint(unit: number): number {
    if (!Number.isInteger(unit) || unit < 0 || unit > this.text.length) {
      throw new RangeError(`expected a UTF-16 offset from 0 to ${this.text.length}, found ${unit}`);
    }
    if (!this.#pointIndex) return unit;
    const point = this.#pointIndex[unit]!;
    if (this.#unitOffsets![point] !== unit) throw new RangeError(`UTF-16 offset ${unit} splits a surrogate pair`);
    return point;
  }

  #unit(point: number): number {
    return this.#unitOffsets ? this.#unitOffsets[point]! : point;
  }

  #check(point: number, what: string): void {
    if (!Number.isInteger(point) || point < 0 || point > this.length) {
      throw new RangeError(`expected ${what} to be an integer code-point offset from 0 to ${this.length}, found ${point}`);
    }
  }
}
