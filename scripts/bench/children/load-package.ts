/**
 * A cold import of the compiled package entry (dist/index.js) in a fresh process, then a first
 * access to every sentence (which is when the corpus's lazy indexes and arrays are touched).
 *
 * argv: <dist/index.js>   prints one JSON line: importMs, firstAccessMs, sentences, sinceStartMs, maxRssKiB
 */
import { pathToFileURL } from "node:url";

type Entry = typeof import("../../../src/index.js");

const t0 = performance.now();
const { corpus } = (await import(pathToFileURL(process.argv[2]!).href)) as Entry;
const t1 = performance.now();
let chars = 0;
for (const s of corpus.sentences) chars += s.text.length + (corpus.sentence(s.id) ? 0 : 1);
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstAccessMs: t2 - t1, sentences: corpus.sentences.length, chars, sinceStartMs: t2, maxRssKiB: process.resourceUsage().maxRSS }));
