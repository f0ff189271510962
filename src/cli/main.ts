#!/usr/bin/env node
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as shipped from "../generated/corpus-data.js";
import { kindByName, publishedKinds, recordKinds } from "../record-kinds.js";
import { checks, selectedChecks } from "../validate/checks.js";
import { formatChecks, formatGithub, formatJson, formatText } from "../validate/format-report.js";
import { MAX_LINE_BYTES } from "../validate/json-lines-reader.js";
import { validateFiles } from "../validate/validate-files.js";
import { agree, comparedKinds, formatAgree } from "./agree.js";
import { diffRecords, formatDiff } from "./diff.js";
import { loadRecords, packageVersionOf, type RecordsByKind } from "./load-records.js";
import { computeStats, countedKinds, formatStats } from "./stats.js";

/** Each command's part of the usage (synopsis, what it does, its options), printed alone by `<command> --help`. */
const COMMAND_USAGE: Record<string, [synopsis: string, summary: string, options: string[]]> = {
  validate: [
    "validate <files…>",
    "check JSONL/JSON records in levels 1–5 (globs allowed)",
    [
      "--format text|json|github   report format (default text)",
      "--level <1-5>               run checks up to this level (default 5)",
      "--only <ids>                run only these check ids (comma-separated)",
      "--exclude <ids>             skip these check ids (comma-separated)",
      "--type <kind>               record type of every record (default: detected)",
      "--max-errors <n>            incidents to print (default 100; all are counted)",
      "--max-line-bytes <n>        report longer lines (and .json files) as line-too-long, unparsed",
      "                            (default and most: 536870888, the longest JavaScript string)",
      "--no-corpus                 do not resolve references against the shipped corpus",
      "--list-checks               print the check ids and exit",
    ],
  ],
  stats: ["stats [path]", "counts by type, label and document (default: the shipped corpus)", ["--format text|json          output format (default text)"]],
  diff: ["diff <old> <new>", "records added, removed, relabelled or moved, and the version bump required", ["--format text|json          output format (default text)"]],
  agree: ["agree <a> <b>", "agreement between two annotation passes (published-format records)", ["--format text|json          output format (default text)"]],
};

const EXIT_CODES = "exit codes: 0 valid, 1 invalid data, 2 usage or I/O error";

const USAGE = `usage: arabic-news-corpus <command> [options]

commands:
${Object.values(COMMAND_USAGE)
  .map(([synopsis, summary, options]) => [`  ${synopsis.padEnd(18)}  ${summary}`, ...options.map((o) => `      ${o}`)].join("\n"))
  .join("\n")}

options:
  -h, --help          print this usage and exit (after a command: that command's part)
  -v, --version       print the package version and exit

${EXIT_CODES}`;

function commandUsage(command: string): string {
  const [synopsis, summary, options] = COMMAND_USAGE[command]!;
  return `usage: arabic-news-corpus ${synopsis} [options]

${summary}

options:
${[...options, `${"-h, --help".padEnd(26)}  print this usage and exit`].map((o) => `  ${o}`).join("\n")}

${EXIT_CODES}`;
}

/**
 * The package's version, read at run time from the package.json two folders above this file (in
 * dist/cli/ or src/cli/), so that it is the package the bin belongs to whatever the working folder.
 */
function packageVersion(): string {
  const path = fileURLToPath(new URL("../../package.json", import.meta.url));
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: expected the package's package.json, found ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version !== "string") throw new Error(`${path}: expected a "version" string, found ${JSON.stringify(version)}`);
  return version;
}

class UsageError extends Error {}

function shippedRecords(): RecordsByKind {
  const records = shipped as unknown as Record<string, Array<Record<string, unknown>>>;
  return new Map(publishedKinds.map((kind) => [kind.name, records[kind.exportName]!]));
}

function formatOption(value: string | undefined, allowed: string[]): string {
  const format = value ?? "text";
  if (!allowed.includes(format)) throw new UsageError(`expected --format ${allowed.join(" or ")}, found ${JSON.stringify(format)}`);
  return format;
}

const list = (value: string | undefined) => (value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined);

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      level: { type: "string" },
      only: { type: "string" },
      exclude: { type: "string" },
      type: { type: "string" },
      "max-errors": { type: "string" },
      "max-line-bytes": { type: "string" },
      "no-corpus": { type: "boolean" },
      "list-checks": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${commandUsage("validate")}\n`);
    return 0;
  }
  if (values["list-checks"]) {
    process.stdout.write(`${formatChecks()}\n`);
    return 0;
  }
  const format = formatOption(values.format, ["text", "json", "github"]);
  const level = values.level === undefined ? 5 : Number(values.level);
  if (!Number.isInteger(level) || level < 1 || level > 5) throw new UsageError(`expected --level 1 to 5, found ${JSON.stringify(values.level)}`);
  const maxErrors = values["max-errors"] === undefined ? 100 : Number(values["max-errors"]);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new UsageError(`expected --max-errors to be a whole number, found ${JSON.stringify(values["max-errors"])}`);
  const maxLineBytes = values["max-line-bytes"] === undefined ? MAX_LINE_BYTES : Number(values["max-line-bytes"]);
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES) throw new UsageError(`expected --max-line-bytes to be a whole number from 1 to ${MAX_LINE_BYTES}, found ${JSON.stringify(values["max-line-bytes"])}`);
  for (const id of [...(list(values.only) ?? []), ...(list(values.exclude) ?? [])]) {
    if (!(id in checks)) throw new UsageError(`expected a check id (see --list-checks), found ${JSON.stringify(id)}`);
  }
  // A selection that leaves no check to run would print "valid" having checked nothing.
  const only = list(values.only);
  const exclude = list(values.exclude);
  if (selectedChecks({ level, ...(only ? { only } : {}), ...(exclude ? { exclude } : {}) }).size === 0) {
    throw new UsageError(`expected --level, --only and --exclude to leave at least one check to run, found none (--level ${level}${only ? ` --only ${only.join(",")}` : ""}${exclude ? ` --exclude ${exclude.join(",")}` : ""}; --list-checks gives each check's level)`);
  }
  const kind = values.type === undefined ? undefined : kindByName(values.type);
  if (values.type !== undefined && !kind) throw new UsageError(`expected --type to be one of ${recordKinds.map((k) => k.name).join(", ")}, found ${JSON.stringify(values.type)}`);
  if (positionals.length === 0) throw new UsageError("expected at least one file or glob to validate, found none");
  const progress = process.stderr.isTTY
    ? (records: number, file: string) => process.stderr.write(`\r${records.toLocaleString("en")} records … ${file}`)
    : undefined;
  const { validator, files, unreadable } = await validateFiles(positionals, {
    level,
    maxIncidents: maxErrors,
    maxLineBytes,
    ...(values.only ? { only: list(values.only)! } : {}),
    ...(values.exclude ? { exclude: list(values.exclude)! } : {}),
    ...(kind ? { kind } : {}),
    ...(values["no-corpus"] ? {} : { reference: shipped }),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (progress) process.stderr.write("\r\u001b[K");
  const report = { files, records: validator.records, incidents: validator.incidents, incidentCount: validator.incidentCount, counts: validator.counts, maxErrors, unchecked: validator.unchecked, notRun: validator.notRun };
  const text = format === "json" ? formatJson(report) : format === "github" ? formatGithub(report) : formatText(report);
  process.stdout.write(`${text}\n`);
  if (unreadable) return 2;
  return validator.valid ? 0 : 1;
}

function output(command: string, args: string[], positionalCount: [number, number], run: (paths: string[], format: string) => string): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  const format = formatOption(values.format, ["text", "json"]);
  const [min, max] = positionalCount;
  if (positionals.length < min || positionals.length > max) {
    throw new UsageError(`expected ${min === max ? min : `${min} to ${max}`} path${max === 1 ? "" : "s"}, found ${positionals.length}`);
  }
  process.stdout.write(`${run(positionals, format)}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "validate":
        return await validate(args);
      case "stats":
        return output("stats", args, [0, 1], ([path], format) => {
          const stats = computeStats(path ? loadRecords(path, { checked: countedKinds }) : shippedRecords());
          return format === "json" ? JSON.stringify(stats, null, 2) : formatStats(stats);
        });
      case "diff":
        return output("diff", args, [2, 2], ([a, b], format) => {
          const d = diffRecords(loadRecords(a!, { ids: true, unique: true }), loadRecords(b!, { ids: true, unique: true }), packageVersionOf(a!));
          return format === "json" ? JSON.stringify(d, null, 2) : formatDiff(d);
        });
      case "agree":
        return output("agree", args, [2, 2], ([a, b], format) => {
          const side = (path: string) => ({ path, records: loadRecords(path, { checked: comparedKinds, unique: true }) });
          const r = agree(side(a!), side(b!));
          return format === "json" ? JSON.stringify(r, null, 2) : formatAgree(r);
        });
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case "--version":
      case "-v":
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      default:
        throw new UsageError(`expected a command (validate, stats, diff, agree), found ${JSON.stringify(command)}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`arabic-news-corpus: ${message}\n`);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      // The flag the README documents, after the command when there is one: its usage is the part that applies.
      const help = command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? `${command} --help` : "--help";
      process.stderr.write(`run \`arabic-news-corpus ${help}\` for usage\n`);
    }
    return 2;
  }
}

/**
 * Without a listener, a failed write to stdout or stderr is an uncaught 'error' event: a stack
 * trace and exit 1, as if the data were invalid. A reader that closes the pipe early (`| head`)
 * has had what it wanted, so EPIPE drops the rest quietly and the exit code stays the verdict;
 * any other failure (a full disk) is an I/O error, exit 2. Returns whether such a failure occurred.
 */
function guardOutput(): () => boolean {
  let failed = false;
  for (const [stream, name] of [[process.stdout, "stdout"], [process.stderr, "stderr"]] as const) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") return;
      failed = true;
      process.exitCode = 2;
      if (stream !== process.stderr) process.stderr.write(`arabic-news-corpus: expected to write the output to ${name}, found ${error.code ?? "an error"} (${error.message})\n`);
    });
  }
  return () => failed;
}

// Run only as the bin, so that importing this module (to call `main` from a test) runs nothing.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outputFailed = guardOutput();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = outputFailed() ? 2 : code;
  });
}
