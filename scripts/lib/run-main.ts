/**
 * Runs a script's main function and turns any failure into one readable line on stderr and exit
 * code 1, never a stack trace: build errors already say file, place, expected and found.
 */
export function runMain(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.DEBUG_STACK) process.stderr.write(`${(error as Error).stack}\n`);
      process.exitCode = 1;
    });
}
