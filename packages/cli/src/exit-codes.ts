/**
 * Exit codes of the `gatewire` command, stable for scripts.
 */
export const ExitCodes = {
  /** Success; for `doctor`, every check passed. */
  OK: 0,
  /** A command failed, or (`doctor`) at least one check failed. */
  FAILURE: 1,
  /** Wrong usage: unknown command or option, bad argument. */
  USAGE: 2,
  /** The configuration file or flags are invalid. */
  CONFIG: 3,
  /** The gateway could not be reached (refused, timed out, not a gateway). */
  UNREACHABLE: 4,
  /** The gateway refused our credentials. */
  AUTH: 5,
  /** The gateway answered the request with an error. */
  REQUEST_FAILED: 6,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];
