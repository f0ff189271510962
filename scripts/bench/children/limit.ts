/**
 * The LIMIT for the validator benchmark: a loop that only reads the files in 1 MiB chunks, decodes
 * UTF-8, splits lines, calls JSON.parse and calls the precompiled schema validator of each file's
 * record type. Nothing else: no duplicate-key scan, no references, no offsets, no incidents.
 *
 * argv: <validators.js> <Type>=<file.jsonl>...   prints one JSON line: records, invalid, bytes, ms, maxRssKiB
 */
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";

type Validators = typeof import("../../../src/generated/validators.js");

const [validatorsPath, ...jobs] = process.argv.slice(2);
const validators = (await import(pathToFileURL(validatorsPath!).href)) as Validators;

const t0 = performance.now();
let records = 0;
let invalid = 0;
let bytes = 0;
for (const job of jobs) {
  const at = job.indexOf("=");
  const validate = validators[job.slice(0, at) as keyof Validators] as (value: unknown) => boolean;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  const take = (line: string) => {
    records++;
    if (!validate(JSON.parse(line))) invalid++;
  };
  for await (const chunk of createReadStream(job.slice(at + 1), { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
      take(text.slice(start, i));
      start = i + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) take(rest);
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ records, invalid, bytes, ms, maxRssKiB: process.resourceUsage().maxRSS, sinceStartMs: performance.now() }));
