/**
 * How the binaries tell users about failures: their own mistakes briefly,
 * our bugs with everything needed to report them.
 */
import { GeneratorError } from "../errors.js";

/** Exit status for a mistake in the user's input or flags. */
export const exitUserError = 1;
/** Exit status for a bug in protostub itself. */
export const exitInternalError = 2;

/**
 * Writes `error` to stderr and returns the exit status: a GeneratorError
 * prints its message alone (1); anything else is a bug and prints its stack (2).
 */
export function reportError(
  error: unknown,
  program: string,
  write: (text: string) => void = (text) => process.stderr.write(text),
): number {
  if (error instanceof GeneratorError) {
    write(`${error.message}\n`);
    return exitUserError;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(`${program}: internal error, please report it with the input that caused it:\n${detail}\n`);
  return exitInternalError;
}
