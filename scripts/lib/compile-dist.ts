import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";

/**
 * Compiles src/ to dist/ (JS + .d.ts) and copies the generated JavaScript modules with their
 * declarations, which tsc does not emit itself. The CLI reads the shipped corpus from
 * dist/generated, so a dist/ older than the data would validate against the old corpus.
 */
export function compileDist(): void {
  rmSync("dist", { recursive: true, force: true });
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  mkdirSync("dist/generated", { recursive: true });
  for (const file of readdirSync("src/generated")) {
    if (file.endsWith(".js") || file.endsWith(".d.ts")) copyFileSync(`src/generated/${file}`, `dist/generated/${file}`);
  }
}
