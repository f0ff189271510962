import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll } from "vitest";

/** Roots made by the test file that imported this module, removed when its tests are done. */
const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

export const repo = join(import.meta.dirname, "../..");

/** An empty temporary folder, removed when the test file's tests are done. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

/**
 * A throw-away project root holding a copy of this repo's package.json, schemas and corpus
 * sources (not its built outputs), so a test can break one input and run the real build on it.
 */
export function tempRoot(options: { withCorpus?: boolean } = {}): string {
  const root = scratchDir("anc-");
  cpSync(join(repo, "package.json"), join(root, "package.json"));
  cpSync(join(repo, "schema"), join(root, "schema"), { recursive: true });
  if (options.withCorpus !== false) {
    for (const dir of ["corpus/raw", "corpus/repairs", "corpus/annotations"]) {
      cpSync(join(repo, dir), join(root, dir), { recursive: true });
    }
  }
  return root;
}

export function writeIn(root: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export function readIn(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}

/** Runs `npm run build`'s script in `root`, as a user would, and returns its exit and output. */
export function runBuild(root: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repo, "node_modules/tsx/dist/cli.mjs"), join(repo, "scripts/build.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
