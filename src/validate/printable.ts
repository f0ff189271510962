/**
 * Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and lone
 * surrogates: what must not reach a report as itself, since it would break an incident's line,
 * print nothing, or become U+FFFD on the way out.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text from input (V8's JSON error messages quote it, system error messages name paths) made one
 * line of printable text, as JSON escapes it: `\n`, `\t`, `\u0000`. JSON.stringify already does
 * this for the found values quoted in messages.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => (c.charCodeAt(0) < 0x20 ? JSON.stringify(c).slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
