import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { publishedKinds } from "../src/record-kinds.js";
import { runCli } from "./helpers/run-cli.js";

/**
 * Every `npx arabic-news-corpus …` command in the README's sh blocks, paired with the text block
 * that follows it, is run for real; the README must show exactly what it prints.
 */
const readme = readFileSync("README.md", "utf8");
const examples = [...readme.matchAll(/```sh\nnpx arabic-news-corpus ([^\n]+)\n```\n\n```text\n([\s\S]*?)\n```/g)].map((m) => ({
  args: [...m[1]!.matchAll(/'([^']*)'|(\S+)/g)].map((a) => a[1] ?? a[2]!),
  output: m[2]!,
}));

describe("README examples", () => {
  it("should document every CLI command with an invocation and its output", () => {
    const commands = new Set(examples.map((e) => e.args[0]));
    for (const command of ["validate", "stats", "diff", "agree"]) expect(commands.has(command), command).toBe(true);
  });

  for (const { args, output } of examples) {
    it(`should print what the README shows for: ${args.join(" ")}`, () => {
      const result = runCli(args);
      expect(result.stdout.trimEnd()).toBe(output);
      expect(result.status).toBe(output.startsWith("invalid") || /\ninvalid/.test(output) ? 1 : 0);
    });
  }

  it("should show the build summary that npm run build prints", () => {
    const summary = /```sh\nnpm ci && npm run build\n```\n\n```text\n([\s\S]*?)\n```/.exec(readme)![1]!;
    const manifest = JSON.parse(readFileSync("corpus/manifest.json", "utf8"));
    expect(summary).toContain(`arabic-news-corpus ${manifest.version}`);
    expect(summary).toContain(`tokens ${manifest.counts.tokens}`);
    expect(summary).toContain(`entity mentions ${manifest.counts.entities}`);
    expect(summary).toContain(`stances ${manifest.counts.stances}`);
  });

  it("should name exactly the published files that have a Parquet table", () => {
    const bullet = /^- `parquet\/[\s\S]*?(?=^- )/m.exec(readme)![0];
    const named = publishedKinds.map((k) => k.file).filter((file) => bullet.includes(`\`${file}\``));
    const tables = readdirSync("corpus/exports/parquet").map((file) => file.replace(/\.parquet$/, ""));
    expect(named.sort()).toEqual(tables.sort());
  });
});
