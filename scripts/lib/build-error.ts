/**
 * A build failure that names the file and the place in it (line/column or JSON pointer), what was
 * expected and what was found. Its message is printed as-is, without a stack trace.
 */
export class BuildError extends Error {
  constructor(file: string, place: string | undefined, problem: string) {
    super(place ? `${file}:${place}: ${problem}` : `${file}: ${problem}`);
    this.name = "BuildError";
  }
}

// The validator quotes text in its messages the same way.
export { quoted as quote } from "../../src/quote-selector.js";
