/**
 * Errors shared by every stage. A `UserError` is a mistake in the user's input (a scenario file,
 * a flag, a case file): the CLI prints its message only — never a stack trace — and exits 2.
 * Anything else that escapes is an internal error (exit 1).
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** Optional list of individual problems (e.g. every error in one scenario file). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
