/**
 * The bare alternative to importing the package: read corpus/data/sentences.jsonl, split lines,
 * JSON.parse each, touch every text.
 *
 * argv: <sentences.jsonl>   prints one JSON line: parseMs, sentences, sinceStartMs, maxRssKiB
 */
import { readFileSync } from "node:fs";

const t0 = performance.now();
const sentences = readFileSync(process.argv[2]!, "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line) as { text: string });
let chars = 0;
for (const s of sentences) chars += s.text.length;
const t1 = performance.now();
console.log(JSON.stringify({ parseMs: t1 - t0, sentences: sentences.length, chars, sinceStartMs: t1, maxRssKiB: process.resourceUsage().maxRSS }));
