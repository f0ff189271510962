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
        while (j < n && (json.charCodeAt(j) === 0x20 || json.charCodeAt(j) === 0x09)) j++;
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
