/** A key that repeats one of its object's keys. */
export interface DuplicateKey {
  key: string;
  /** UTF-16 offset of the repetition's opening quote. */
  offset: number;
  /** How many times the key has occurred in its object with this one (2 for the first repetition). */
  count: number;
  /** JSON Pointer of the object that holds it ("" for the outermost). */
  pointer: string;
}

/** A container open during the scan: an object's keys and its current key, or an array's current index. */
interface Frame {
  keys: Map<string, number> | null;
  key: string;
  index: number;
}

/**
 * Calls `each` for every key repeated within one JSON object of a text already known to be valid
 * JSON, in text order. JSON.parse keeps the last of duplicate keys without a word; this scan is
 * what notices them. It walks the text once, with a count per key per open object and the index
 * in each open array (for the pointer, built only for a repetition).
 */
export function forEachDuplicateKey(json: string, each: (duplicate: DuplicateKey) => void): void {
  const stack: Frame[] = [];
  let i = 0;
  const n = json.length;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 0x7b /* { */) {
      stack.push({ keys: new Map(), key: "", index: 0 });
      i++;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: null, key: "", index: 0 });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top && top.keys === null) top.index++;
      i++;
    } else if (c === 0x22 /* " */) {
      const start = i;
      i++;
      let escaped = false;
      while (i < n) {
        const d = json.charCodeAt(i);
        if (d === 0x5c) escaped = true;
        else if (d === 0x22) break;
        i++;
        if (d === 0x5c) i++;
      }
      i++;
      const top = stack[stack.length - 1];
      if (top?.keys) {
        let j = i;
        while (j < n && (json.charCodeAt(j) === 0x20 || json.charCodeAt(j) === 0x09 || json.charCodeAt(j) === 0x0d || json.charCodeAt(j) === 0x0a)) j++;
        if (json.charCodeAt(j) === 0x3a /* : */) {
          const raw = json.slice(start, i);
          const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          const count = (top.keys.get(key) ?? 0) + 1;
          top.keys.set(key, count);
          top.key = key;
          if (count > 1) each({ key, offset: start, count, pointer: pointerOf(stack) });
        }
      }
    } else {
      i++;
    }
  }
}

/** The JSON Pointer of the innermost open container. */
function pointerOf(stack: Frame[]): string {
  let pointer = "";
  for (let k = 0; k < stack.length - 1; k++) {
    const frame = stack[k]!;
    pointer += `/${frame.keys ? frame.key.replace(/~/g, "~0").replace(/\//g, "~1") : frame.index}`;
  }
  return pointer;
}

/** The message of a duplicate-key incident. */
export const duplicateKeyMessage = (d: DuplicateKey): string => `expected each key once per object, found ${JSON.stringify(d.key)} ${d.count === 2 ? "twice" : `${d.count} times`}`;

/**
 * A lower bound on the length (UTF-16 units) of any JSON text that parses to `value`: every
 * string spelled without escapes, every number at its shortest spelling, no whitespace. JSON.parse
 * keeps the last of duplicate keys without a word, so a line with duplicates is a spelling of its
 * parsed value plus each repeated member, and a member with its comma is at least 5 units
 * (`,"":0`): a line shorter than this bound plus 5 has no duplicate key, and a line exactly this
 * long has no escape and no whitespace either. Lines that are not so short (whitespace, escapes,
 * numbers far from their shortest spelling) are the ones forEachDuplicateKey scans. With
 * `lineBreaks`, each line break in a string counts one more (it can only be written `\n`): a
 * slower, closer bound for lines with such text (documents).
 */
export function minimalJsonLength(value: unknown, lineBreaks = false): number {
  let n = 0;
  // Records are flat objects mostly: the stack is made only for what nests.
  let stack: unknown[] | null = null;
  for (let node: unknown = value; ; node = stack!.pop()) {
    if (typeof node === "string") n += node.length + 2 + (lineBreaks ? lineBreaksIn(node) : 0);
    else if (typeof node === "number") n += minimalNumberLength(node);
    else if (typeof node === "boolean") n += node ? 4 : 5;
    else if (node === null) n += 4;
    else if (Array.isArray(node)) {
      n += node.length === 0 ? 2 : node.length + 1;
      for (const item of node) (stack ??= []).push(item);
    } else {
      let keys = 0;
      for (const key in node as Record<string, unknown>) {
        keys++;
        n += key.length + 3 + (lineBreaks ? lineBreaksIn(key) : 0);
        const child = (node as Record<string, unknown>)[key];
        if (typeof child === "string") n += child.length + 2 + (lineBreaks ? lineBreaksIn(child) : 0);
        else if (typeof child === "number") n += minimalNumberLength(child);
        else (stack ??= []).push(child);
      }
      n += keys === 0 ? 2 : keys + 1;
    }
    if (stack === null || stack.length === 0) return n;
  }
}

/**
 * How many line breaks a string holds: each must be escaped (`\n`), one character more. Other
 * characters that need escaping are not counted: the bound stays a lower bound, only less close
 * for them, and documents hold line breaks only.
 */
function lineBreaksIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The length of the shortest JSON spelling of a number (`1e3` for 1000, `15e2` for 1500). */
export function minimalNumberLength(x: number): number {
  // Most numbers here are 32-bit integers: counted without making a string. A run of z trailing
  // zeros is written out up to z = 2 (150, 1500 = 15e2: as long); from 3 on, `e` and one digit do.
  if ((x | 0) === x) {
    if (x === 0) return Object.is(x, -0) ? 2 : 1;
    let a = x < 0 ? -x : x;
    let zeros = 0;
    while (a % 10 === 0) {
      a /= 10;
      zeros++;
    }
    let digits = 1;
    for (let p = 10; a >= p; p *= 10) digits++;
    return (x < 0 ? 1 : 0) + digits + (zeros < 2 ? zeros : 2);
  }
  const negative = x < 0 || Object.is(x, -0) ? 1 : 0;
  const a = negative ? -x : x;
  // toExponential() gives the fewest digits that read back as the same number. Written as an
  // integer mantissa (15e29, 12e-11), the exponent without "+": a point in the mantissa costs one
  // character and saves at most one exponent digit (17 digits cannot span two decades), so the
  // shortest spelling is this or the plain one.
  const [mantissa, exponent] = a.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "").length;
  const whole = digits + 1 + String(Number(exponent) - (digits - 1)).length;
  return negative + Math.min(String(a).length, whole);
}
