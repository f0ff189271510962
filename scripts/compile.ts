/**
 * `npm run compile` (run by `prepack`): compiles src/ to dist/ (JS + .d.ts) and copies the
 * generated JavaScript modules with their declarations, which tsc does not emit itself.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { runMain } from "./lib/run-main.js";

runMain(() => {
  rmSync("dist", { recursive: true, force: true });
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  mkdirSync("dist/generated", { recursive: true });
  for (const file of readdirSync("src/generated")) {
    if (file.endsWith(".js") || file.endsWith(".d.ts")) copyFileSync(`src/generated/${file}`, `dist/generated/${file}`);
  }
  console.log("compiled src/ to dist/");
});
