import { grown } from "./grown.js";

/**
 * A few bits per row of a SpanTable (up to 8), for what a row still waits for at the end of input:
 * a byte a row, so that a million sentences cost a megabyte, not a Set entry each.
 */
export class RowFlags {
  #bits = new Uint8Array(0);

  set(row: number, flag: number): void {
    if (row >= this.#bits.length) this.#bits = grown(this.#bits, Math.max(row + 1, Math.floor(this.#bits.length * 1.5), 256));
    this.#bits[row]! |= flag;
  }

  clear(row: number, flag: number): void {
    if (row < this.#bits.length) this.#bits[row]! &= ~flag;
  }

  has(row: number, flag: number): boolean {
    return row < this.#bits.length && (this.#bits[row]! & flag) !== 0;
  }
}
