import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repo } from "./temp-root.js";

/** Runs the CLI from source as a subprocess, as a user's shell would, and returns what it did. */
export function runCli(args: string[], options: { cwd?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repo, "node_modules/tsx/dist/cli.mjs"), join(repo, "src/cli/main.ts"), ...args], {
    cwd: options.cwd ?? repo,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
