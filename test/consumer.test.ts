import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "vite";
import { repo, scratchDir } from "./helpers/temp-root.js";

/**
 * Does what a new user does: pack the package, install the tarball into a fresh project, import
 * it from plain ESM, type-check a strict TypeScript file under two module resolutions, bundle it
 * for the browser, and run the bin. Slow (it packs and installs), so it runs once per suite.
 */
let project = "";
let tarball = "";

/** The subpath that an `exports` map gives a file of the package (`./`-relative), if any. */
function subpathOf(exports: Record<string, string | { default: string }>, file: string): string | undefined {
  for (const [key, value] of Object.entries(exports)) {
    const target = typeof value === "string" ? value : value.default;
    const [head, tail] = target.split("*") as [string, string | undefined];
    if (tail === undefined) {
      if (target === file) return key;
    } else if (file.length >= head.length + tail.length && file.startsWith(head) && file.endsWith(tail)) {
      return key.replace("*", file.slice(head.length, file.length - tail.length));
    }
  }
  return undefined;
}

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  const dir = scratchDir("anc-consumer-");
  npm(["pack", "--silent", "--pack-destination", dir], repo);
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz"))!);
  project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project);
}, 240_000);

describe("a fresh project that installs the packed tarball", () => {
  it("should import the typed records in a plain Node ESM script", () => {
    writeFileSync(
      join(project, "use.mjs"),
      `import { corpus, validators } from "arabic-news-corpus";
const s = corpus.sentences[0];
console.log(JSON.stringify({ sentences: corpus.sentences.length, tokens: corpus.tokensOf(s.id).length, valid: validators.Sentence(s) }));`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: project, encoding: "utf8" }));
    const published = readFileSync(join(repo, "corpus/data/sentences.jsonl"), "utf8").trim().split("\n").length;
    expect(out.sentences).toBe(published);
    expect(out.tokens).toBeGreaterThan(0);
    expect(out.valid).toBe(true);
  });

  // require(esm): unflagged from Node 20.19 and 22.12, where the package loads from CommonJS
  // without a CommonJS build, as long as its module graph has no top-level await.
  it.runIf((process.features as { require_module?: boolean }).require_module === true)("should load with require() from a CommonJS script", () => {
    writeFileSync(
      join(project, "use.cjs"),
      `const { corpus, ENTITY_TYPES } = require("arabic-news-corpus");
console.log(JSON.stringify({ sentences: corpus.sentences.length, types: ENTITY_TYPES.length }));`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["use.cjs"], { cwd: project, encoding: "utf8" }));
    expect(out.sentences).toBe(readFileSync(join(repo, "corpus/data/sentences.jsonl"), "utf8").trim().split("\n").length);
    expect(out.types).toBeGreaterThan(0);
  });

  for (const resolution of [
    { module: "NodeNext", moduleResolution: "NodeNext" },
    { module: "Node16", moduleResolution: "Node16" },
    { module: "ESNext", moduleResolution: "Bundler" },
  ]) {
    it(`should type-check a strict TypeScript file with moduleResolution ${resolution.moduleResolution}`, () => {
      writeFileSync(
        join(project, "use.ts"),
        `import { corpus, type EntityMention, type EntityType, type SentenceStanceLabel } from "arabic-news-corpus";
const people: EntityMention[] = corpus.entityMentions.filter((m) => m.type === "PER");
const type: EntityType = people[0]!.type;
const label: SentenceStanceLabel = corpus.sentenceStances[0]!.label;
// @ts-expect-error a label outside the schema's enum is a type error
const wrong: SentenceStanceLabel = "MAYBE";
export { type, label, wrong };
`,
      );
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { ...resolution, target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["use.ts"] }),
      );
      const result = spawnSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });
  }

  it("should bundle for the browser with no Node built-in", async () => {
    writeFileSync(join(project, "entry.js"), `import { corpus } from "arabic-news-corpus";\nexport const count = corpus.paragraphs.length;\n`);
    const output = await build({
      root: project,
      logLevel: "silent",
      build: { write: false, lib: { entry: join(project, "entry.js"), formats: ["es"], fileName: "bundle" }, minify: false },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ("output" in o ? o.output : []));
    const code = chunks.map((c) => ("code" in c ? c.code : "")).join("\n");
    expect(code).toContain("us-iran-iraq-2014/p1");
    expect(code).not.toMatch(/from\s+["']node:|require\(["']node:|from\s+["'](fs|path)["']/);
  });

  it("should run the bin and validate the shipped data files", () => {
    const bin = join(project, "node_modules/.bin/arabic-news-corpus");
    const data = join(project, "node_modules/arabic-news-corpus/corpus/data/*.jsonl");
    const result = spawnSync(bin, ["validate", data], { cwd: project, encoding: "utf8" });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^valid: \d+ records in 10 files/m);
  });

  it("should print the installed package's version from the bin, wherever it is run from", () => {
    const bin = join(project, "node_modules/.bin/arabic-news-corpus");
    // The project's own package.json has no version: one read from the working directory would show.
    const result = spawnSync(bin, ["--version"], { cwd: project, encoding: "utf8" });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version}\n`);
  });

  it("should resolve every file of each shipped folder that the shipped Markdown names, through package.json exports", () => {
    const installed = join(project, "node_modules/arabic-news-corpus");
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    const markdown = readdirSync(installed, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md") && !f.startsWith("corpus/"));
    const docs = markdown.map((f) => readFileSync(join(installed, f), "utf8")).join("\n");
    // dist is the library, imported as the package itself; the rest are files users read.
    const folders = (pkg.files as string[]).filter((f) => f !== "dist" && statSync(join(installed, f)).isDirectory() && docs.includes(`${f}/`));
    expect(folders).toEqual(expect.arrayContaining(["corpus/data", "corpus/agreement", "corpus/annotations"]));
    const files = folders.flatMap((folder) => readdirSync(join(installed, folder), { recursive: true, encoding: "utf8" }).map((f) => `${folder}/${f}`)).filter((f) => statSync(join(installed, f)).isFile());
    const subpaths = new Map(files.map((f) => [f, subpathOf(pkg.exports, `./${f}`)]));
    writeFileSync(
      join(project, "resolve.mjs"),
      `import { fileURLToPath } from "node:url";
const found = {};
for (const specifier of JSON.parse(process.argv[2])) {
  try { found[specifier] = fileURLToPath(import.meta.resolve(specifier)); } catch (error) { found[specifier] = error.code; }
}
console.log(JSON.stringify(found));`,
    );
    const specifiers = [...subpaths.values()].filter((s) => s !== undefined).map((s) => `arabic-news-corpus${s.slice(1)}`);
    const resolved = JSON.parse(execFileSync(process.execPath, ["resolve.mjs", JSON.stringify(specifiers)], { cwd: project, encoding: "utf8" }));
    const reached = Object.fromEntries(files.map((f) => [f, subpaths.get(f) === undefined ? "not exported" : resolved[`arabic-news-corpus${subpaths.get(f)!.slice(1)}`]]));
    expect(reached).toEqual(Object.fromEntries(files.map((f) => [f, join(installed, f)])));
  });

  it("should pass publint and arethetypeswrong on the tarball", () => {
    const publint = spawnSync(process.execPath, [join(repo, "node_modules/publint/src/cli.js"), "run", join(project, "node_modules/arabic-news-corpus"), "--strict"], { encoding: "utf8" });
    expect(publint.status, publint.stdout + publint.stderr).toBe(0);
    const attw = spawnSync(process.execPath, [join(repo, "node_modules/@arethetypeswrong/cli/dist/index.js"), tarball, "--profile", "esm-only", "--format", "ascii"], { encoding: "utf8" });
    expect(attw.status, attw.stdout + attw.stderr).toBe(0);
  });
});
