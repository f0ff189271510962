/**
 * Finds the first key repeated within one JSON object of a line already known to be valid JSON.
 * JSON.parse keeps the last of duplicate keys without a word; this scan is what notices them. It
 * walks the text once, tracking one key set per open object.
 */
export function firstDuplicateKey(json: string): { key: string; offset: number } | null {
  const stack: Array<Set<string> | null> = [];
  let i = 0;
  const n = json.length;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 0x7b /* { */) {
      stack.push(new Set());
      i++;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
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
      if (top) {
        let j = i;
        while (j < n && (json.charCodeAt(j) === 0x20 || json.charCodeAt(j) === 0x09 || json.charCodeAt(j) === 0x0d || json.charCodeAt(j) === 0x0a)) j++;
        if (json.charCodeAt(j) === 0x3a /* : */) {
          const raw = json.slice(start, i);
          const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          if (top.has(key)) return { key, offset: start };
          top.add(key);
        }
      }
    } else {
      i++;
    }
  }
  return null;
}

/**
 * A cheap test that rules duplicate keys out for most lines, so that the full scan runs rarely.
 * When no key is written with space before its colon, every key contributes one `":` to the
 * text; if the count of `":` equals the number of keys JSON.parse produced, no key was lost to a
 * duplicate (a `":` inside a string value only makes the count larger, never equal by accident).
 */
export function mayHaveDuplicateKeys(json: string, parsed: unknown): boolean {
  // A key written with whitespace before its colon breaks the count; `"` followed by whitespace
  // is rare in compact JSONL, so the regex runs only then.
  if ((json.indexOf('" ') !== -1 || json.indexOf('"\t') !== -1 || json.indexOf('"\r') !== -1 || json.indexOf('"\n') !== -1) && /"\s+:/.test(json)) return true;
  let tokens = 0;
  for (let i = json.indexOf('":'); i !== -1; i = json.indexOf('":', i + 2)) tokens++;
  return tokens !== countKeys(parsed);
}

/**
 * For each line of a chunk of JSONL bytes: how many `":` it has, and whether a quote is followed
 * by whitespace and a colon (a key written with space before its colon). One pass over the colons
 * of the chunk in native indexOf calls, so the per-line cost is a fraction of JSON.parse.
 */
export function keyTokensPerLine(bytes: Uint8Array & { indexOf(value: number, from?: number): number }): { tokens: Int32Array; spaced: Uint8Array } {
  let lines = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines++;
  const tokens = new Int32Array(lines);
  const spaced = new Uint8Array(lines);
  let line = 0;
  let nextNewline = bytes.indexOf(0x0a);
  for (let j = bytes.indexOf(0x3a); j !== -1; j = bytes.indexOf(0x3a, j + 1)) {
    while (nextNewline !== -1 && nextNewline < j) {
      line++;
      nextNewline = bytes.indexOf(0x0a, nextNewline + 1);
    }
    let k = j - 1;
    if (bytes[k] === 0x22) {
      tokens[line]!++;
      continue;
    }
    while (k >= 0 && (bytes[k] === 0x20 || bytes[k] === 0x09 || bytes[k] === 0x0d || bytes[k] === 0x0a)) k--;
    if (k < j - 1 && bytes[k] === 0x22) spaced[line] = 1;
  }
  return { tokens, spaced };
}

/**
 * The same decision as mayHaveDuplicateKeys, from the count of `":` made on the raw bytes of a line
 * with no key written with space before its colon (keyTokensPerLine).
 */
export function countsAllowDuplicates(tokens: number, parsed: unknown): boolean {
  return tokens !== countKeys(parsed);
}

/** Keys in all objects of a parsed value, counted with an explicit stack (input may nest deeply). */
function countKeys(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === "object") stack.push(item);
      continue;
    }
    for (const key in node as Record<string, unknown>) {
      n++;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === "object") stack.push(child);
    }
  }
  return n;
}
