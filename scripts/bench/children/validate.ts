/**
 * The package's streaming validator (validateFiles, levels 1–5 by default), timed in process, as
 * the CLI calls it with --no-corpus (references resolve only against the files given).
 *
 * argv: <dist dir> <level> <file>...   prints one JSON line: records, incidents, counts, ms, maxRssKiB,
 * retainedHeapMiB (heap still held by the finished Validator after a full GC; needs --expose-gc).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type ValidateFiles = typeof import("../../../src/validate/validate-files.js");

const [dist, level, ...files] = process.argv.slice(2);
const { validateFiles } = (await import(pathToFileURL(join(dist!, "validate/validate-files.js")).href)) as ValidateFiles;

const t0 = performance.now();
const { validator } = await validateFiles(files, { level: Number(level) });
const ms = performance.now() - t0;
const maxRssKiB = process.resourceUsage().maxRSS;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const retainedHeapMiB = gc ? process.memoryUsage().heapUsed / 2 ** 20 : null;
console.log(
  JSON.stringify({ records: validator.records, incidents: validator.incidents.length, counts: validator.counts, ms, maxRssKiB, retainedHeapMiB, sinceStartMs: performance.now() }),
);
