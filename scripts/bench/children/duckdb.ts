/**
 * DuckDB, "what a user would pick instead" for loading JSONL: `count` runs
 * SELECT count(*) FROM read_json_auto(file); `load` materializes every column into a table.
 *
 * argv: <count|load> <file.jsonl>   prints one JSON line: rows, ms, maxRssKiB
 */
import { DuckDBInstance } from "@duckdb/node-api";

const [mode, file] = process.argv.slice(2);
const source = `read_json_auto('${file!.replace(/'/g, "''")}')`;
const t0 = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
let rows: unknown;
if (mode === "load") {
  await connection.run(`CREATE TABLE mentions AS SELECT * FROM ${source}`);
  rows = (await connection.runAndReadAll("SELECT count(*) FROM mentions")).getRowsJS()[0]?.[0];
} else {
  rows = (await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRowsJS()[0]?.[0];
}
const ms = performance.now() - t0;
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ rows: Number(rows), ms, maxRssKiB: process.resourceUsage().maxRSS, sinceStartMs: performance.now() }));
