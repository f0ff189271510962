/** `npm run compile` (run by `prepack`, and by `npm run build` after the data): src/ → dist/. */
import { compileDist } from "./lib/compile-dist.js";
import { runMain } from "./lib/run-main.js";

runMain(() => {
  compileDist();
  console.log("compiled src/ to dist/");
});
