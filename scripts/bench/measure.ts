/**
 * Measurement plumbing for the benchmarks: every measurement runs in a child process, its wall
 * time taken by the parent (process.hrtime around the spawn) and its peak RSS read by
 * `/usr/bin/time -f %M` when present, else from the child's own process.resourceUsage().maxRSS.
 * Children that are part of the benchmark (scripts/bench/children/*.ts) are transpiled with the
 * TypeScript compiler to plain .mjs beside a freshly compiled copy of the package, so that no
 * loader (tsx) runs inside a measured process.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import ts from "typescript";

export const repo = join(import.meta.dirname, "../..");
export const TIME = "/usr/bin/time";
export const hasTime = existsSync(TIME);

export interface Sample {
  ok: boolean;
  status: number | null;
  wallMs: number;
  /** Peak resident set size of the child, KiB. */
  maxRssKiB: number | null;
  /** The 1-minute load average just before the child started (2 cores: about 1 is the child itself, later). */
  loadBefore: number;
  /** The child's last stdout line parsed as JSON, when it is JSON. */
  result: Record<string, unknown> | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
}

/** Runs one command in a child process and measures it. */
export function runChild(command: string, args: string[], options: RunOptions = {}): Sample {
  const rssFile = join(tmpdir(), `anc-bench-rss-${process.pid}`);
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, args];
  const loadBefore = loadavg()[0]!;
  const t0 = process.hrtime.bigint();
  const child = spawnSync(cmd, argv, {
    cwd: options.cwd ?? repo,
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
    timeout: options.timeoutMs ?? 60 * 60 * 1000,
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let maxRssKiB: number | null = null;
  if (hasTime && existsSync(rssFile)) {
    const lines = readFileSync(rssFile, "utf8").trim().split("\n");
    const n = Number(lines[lines.length - 1]);
    if (Number.isFinite(n) && n > 0) maxRssKiB = n;
    rmSync(rssFile, { force: true });
  }
  const stdout = child.stdout ?? "";
  const last = stdout.trim().split("\n").pop() ?? "";
  let result: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(last);
    if (parsed && typeof parsed === "object") result = parsed as Record<string, unknown>;
  } catch {
    result = null;
  }
  if (maxRssKiB === null && result && typeof result.maxRssKiB === "number") maxRssKiB = result.maxRssKiB;
  return { ok: child.status === 0 && !child.error, status: child.status, wallMs, maxRssKiB, loadBefore, result, stdout, stderr: `${child.stderr ?? ""}${child.error ? String(child.error) : ""}` };
}

/** Median and maximum of the 1-minute load average seen before a set of samples. */
export function loadNote(samples: Sample[]): string {
  const loads = samples.map((s) => s.loadBefore);
  if (loads.length === 0) return "";
  return `1-minute load average before each measurement: median ${median(loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)} (${cpus().length} cores; the benchmark's own child keeps it near 1).`;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------------
// Formatting

export const fmt = (n: number | null | undefined, digits = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? "—" : n.toFixed(digits));
export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? "—" : Math.round(n).toLocaleString("en"));
export const mib = (kib: number | null): number | null => (kib === null ? null : kib / 1024);

export function table(headers: string[], rows: string[][]): string {
  const right = (s: string) => /^[\d,.—×≥≤~%+-]+( ?[a-zA-Z%]*)?$/.test(s.trim());
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = headers.map((_, i) => (rows.length > 0 && rows.every((r) => right(r[i] ?? "")) ? "---:" : "---"));
  return [line(headers), line(align), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// The machine

export function machine(): Record<string, string> {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trimEnd();
    } catch {
      return "(unavailable)";
    }
  };
  let cpu = cpus()[0]?.model ?? "(unknown)";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    nproc: sh("nproc", []),
    cpu,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    "free -h": sh("free", ["-h"]),
    node: process.version,
    "peak RSS from": hasTime ? "/usr/bin/time -f %M (the child process)" : "the child's process.resourceUsage().maxRSS",
  };
}

/**
 * What source was measured (the tree may change between runs; no git is used here): SHA-256 over
 * the paths and contents of src/**, and its most recently modified file.
 */
export function sourceFingerprint(): string {
  const files = (readdirSync(join(repo, "src"), { recursive: true }) as string[]).filter((f) => /\.(ts|js)$/.test(f)).sort();
  const hash = createHash("sha256");
  let newest = { file: "", mtime: 0 };
  for (const f of files) {
    const path = join(repo, "src", f);
    hash.update(`${f}\0`).update(readFileSync(path)).update("\0");
    const mtime = statSync(path).mtimeMs;
    if (mtime > newest.mtime) newest = { file: f, mtime };
  }
  return `src/ sha256 ${hash.digest("hex").slice(0, 16)} over ${files.length} files; newest src/${newest.file} modified ${new Date(newest.mtime).toISOString()}`;
}

// ---------------------------------------------------------------------------------------------
// A compiled copy of the package, and the transpiled children

export interface Workspace {
  dir: string;
  /** The compiled package: <pkg>/dist, with node_modules linked to the repo's. */
  pkg: string;
  dist: string;
  /** Where the children's .mjs files are. */
  children: string;
  /** How dist was made: "tsc" (fresh) or "repo dist/" (fallback). */
  distSource: string;
  distNote: string;
}

/**
 * Compiles src/ with `tsc -p tsconfig.build.json --outDir <dir>/pkg/dist` (and copies the generated
 * modules, as `npm run compile` does), links node_modules, and transpiles the children. Falls back to
 * the repo's dist/ when tsc emits nothing.
 */
export function prepareWorkspace(dir: string): Workspace {
  const pkg = join(dir, "pkg");
  const dist = join(pkg, "dist");
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(repo, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(repo, "node_modules"), join(pkg, "node_modules"), "dir");
  let distSource = "tsc";
  let distNote = "";
  const tsc = spawnSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", join(repo, "tsconfig.build.json"), "--outDir", dist], { cwd: repo, encoding: "utf8" });
  if (tsc.status !== 0) distNote = `tsc exited ${tsc.status}: ${(tsc.stdout + tsc.stderr).trim().split("\n").slice(0, 3).join(" / ")}`;
  if (existsSync(join(dist, "index.js"))) {
    mkdirSync(join(dist, "generated"), { recursive: true });
    for (const file of readdirSync(join(repo, "src/generated"))) {
      if (file.endsWith(".js") || file.endsWith(".d.ts")) copyFileSync(join(repo, "src/generated", file), join(dist, "generated", file));
    }
  } else if (existsSync(join(repo, "dist/index.js"))) {
    rmSync(dist, { recursive: true, force: true });
    execFileSync("cp", ["-r", join(repo, "dist"), dist]);
    distSource = "repo dist/";
  } else {
    throw new Error(`could not compile the package (${distNote}) and the repo has no dist/`);
  }
  const children = join(pkg, "bench");
  mkdirSync(children, { recursive: true });
  const source = join(repo, "scripts/bench/children");
  for (const file of readdirSync(source).filter((f) => f.endsWith(".ts"))) {
    const out = ts.transpileModule(readFileSync(join(source, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    });
    writeFileSync(join(children, file.replace(/\.ts$/, ".mjs")), out.outputText);
  }
  return { dir, pkg, dist, children, distSource, distNote };
}
