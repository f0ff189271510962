import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repo, scratchDir } from "./helpers/temp-root.js";

/** A stream closed before the CLI writes, stdout closed once its first chunk arrives, or stdout sent to a file. */
type Closed = "stdout" | "stderr" | "stdout after a chunk" | { stdout: string };

/**
 * Runs the CLI from source with one of its output pipes closed before it writes (as `| head -0`
 * would), or sent to a file, and returns its exit code and what it wrote on the other stream.
 */
function runClosed(args: string[], closed: Closed): Promise<{ status: number | null; other: string }> {
  const fd = typeof closed === "object" ? openSync(closed.stdout, "w") : undefined;
  const child = spawn(process.execPath, [join(repo, "node_modules/tsx/dist/cli.mjs"), join(repo, "src/cli/main.ts"), ...args], {
    cwd: repo,
    stdio: ["ignore", fd ?? "pipe", "pipe"],
  });
  if (fd !== undefined) closeSync(fd);
  // The CLI takes far longer to start than this takes to run, so the pipe is closed before any write.
  if (closed === "stdout" || closed === "stderr") child[closed]!.destroy();
  if (closed === "stdout after a chunk") child.stdout!.once("data", () => child.stdout!.destroy());
  const other = closed === "stderr" ? child.stdout! : child.stderr!;
  let text = "";
  other.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, other: text })));
}

describe("the CLI with its output closed early", () => {
  for (const [args, verdict] of [
    [["validate", "corpus/data/*.jsonl"], 0],
    [["validate", "test/fixtures/checks/schema/invalid/entities.jsonl"], 1],
    [["validate", "--list-checks"], 0],
    [["stats"], 0],
    [["diff", "test/fixtures/diff/old", "test/fixtures/diff/new"], 0],
    [["agree", "test/fixtures/diff/old", "test/fixtures/diff/new"], 0],
    [["help"], 0],
  ] as const) {
    it(`should stop quietly with exit ${verdict}, no stack trace, when stdout is closed: ${args.join(" ")}`, async () => {
      const run = await runClosed([...args], "stdout");
      expect(run.other).toBe("");
      expect(run.status).toBe(verdict);
    });
  }

  it("should stop quietly with the verdict when stdout is closed in the middle of a long report (| head -1)", async () => {
    const file = join(scratchDir("anc-cli-output-"), "entities.jsonl");
    // Far more report than a pipe holds (64 KiB), so the reader leaves while the CLI is still writing.
    writeFileSync(file, "{}\n".repeat(5000));
    const run = await runClosed(["validate", "--no-corpus", "--max-errors", "100000", file], "stdout after a chunk");
    expect(run.other).toBe("");
    expect(run.status).toBe(1);
  });

  it("should keep exit 2 for a usage error, with no crash, when stderr is closed", async () => {
    const run = await runClosed(["stats", "--format", "yaml"], "stderr");
    expect(run.other).toBe("");
    expect(run.status).toBe(2);
  });

  it.runIf(existsSync("/dev/full"))("should exit 2 naming the write error, with no stack trace, when stdout is a full disk", async () => {
    const run = await runClosed(["stats"], { stdout: "/dev/full" });
    expect(run.other).toBe("arabic-news-corpus: expected to write the output to stdout, found ENOSPC (ENOSPC: no space left on device, write)\n");
    expect(run.status).toBe(2);
  });
});
