/** JSON Lines: one compact JSON value per line, LF, a trailing newline (none for no rows). */
export function jsonl(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join("");
}
