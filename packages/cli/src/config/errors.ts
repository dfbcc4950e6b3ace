/** A user-facing CLI failure with the exit code it maps to. Printed without a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /**
   * The most specific stable code known for the failure, for `--json` output and scripts: a gateway
   * detail code (`AUTH_TOKEN_MISMATCH`), an SDK code (`TLS_PIN_MISMATCH`), a system error code
   * (`ECONNREFUSED`, `EADDRINUSE`) or, failing those, the exit code's name (`USAGE`, `CONFIG`, …).
   */
  readonly code: string;

  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? exitCodeName(exitCode);
  }
}

const NAMES: Record<number, string> = { 1: 'FAILURE', 2: 'USAGE', 3: 'CONFIG', 4: 'UNREACHABLE', 5: 'AUTH', 6: 'REQUEST_FAILED', 130: 'INTERRUPTED', 143: 'TERMINATED' };

/** The name of an exit code (`FAILURE` for codes without a name). */
export function exitCodeName(exitCode: number): string {
  return NAMES[exitCode] ?? 'FAILURE';
}
