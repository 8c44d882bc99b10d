// CLI exit codes and the user-mistake error that prints without a stack trace.

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake the user can fix (bad option, unknown partner): printed as one line, exit 2. */
export class UsageError extends Error {}
