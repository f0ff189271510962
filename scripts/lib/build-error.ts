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

/** Quotes a piece of text for an error message, shortened when long. */
export function quote(text: string, max = 60): string {
  const shown = [...text].length > max ? `${[...text].slice(0, max).join("")}…` : text;
  return JSON.stringify(shown);
}
