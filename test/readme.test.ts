import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as library from "../src/index.js";
import { publishedKinds } from "../src/record-kinds.js";
import { runCli } from "./helpers/run-cli.js";
import { repo, scratchDir } from "./helpers/temp-root.js";

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

  it("should name every value the package exports, and every property of corpus, in its API section", () => {
    const api = readme.split("\n## API\n")[1]!.split("\n## ")[0]!;
    for (const name of Object.keys(library)) expect(api, name).toContain(`\`${name}`);
    for (const name of Object.keys(library.corpus)) expect(api, `corpus.${name}`).toContain(`\`${name}`);
  });

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

describe("README's Python example", () => {
  it("should validate the published mentions against their schema, resolving $refs by $id, and reject a bad one", () => {
    // The machines this project runs on have python3 with jsonschema and referencing in their
    // image; a machine without them fails here rather than skipping the README's example.
    const found = spawnSync("python3", ["-c", "import jsonschema, referencing"], { encoding: "utf8" });
    expect(found.status, `expected python3 with jsonschema and referencing, found: ${found.error?.message ?? found.stderr}`).toBe(0);
    const example = /```python\n([\s\S]*?)```/.exec(readme)![1]!;
    const cwd = scratchDir("anc-readme-python-");
    const root = join(cwd, "node_modules/arabic-news-corpus");
    mkdirSync(join(root, "corpus/data"), { recursive: true });
    symlinkSync(join(repo, "schema"), join(root, "schema"));
    cpSync(join(repo, "corpus/data/entities.jsonl"), join(root, "corpus/data/entities.jsonl"));
    writeFileSync(join(cwd, "example.py"), example);
    const run = () => spawnSync("python3", ["example.py"], { cwd, encoding: "utf8" });
    const good = run();
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    const mention = JSON.parse(readFileSync(join(root, "corpus/data/entities.jsonl"), "utf8").split("\n")[0]!);
    writeFileSync(join(root, "corpus/data/entities.jsonl"), `${JSON.stringify({ ...mention, type: "XYZ" })}\n`);
    const bad = run();
    expect(bad.stderr).toContain("jsonschema.exceptions.ValidationError: 'XYZ' is not one of");
    expect(bad.status).toBe(1);
  });
});
