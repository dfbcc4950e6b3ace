/** Outcome of one doctor check. `warn` does not fail the run; `skip` means an earlier check failed. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the doctor checklist. */
export interface CheckResult {
  /** Stable id for scripts (`listening`, `tls`, `gateway`, `clock`, `protocol`, `auth`, `latency`). */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly detail: string;
  /** What to do about it (failures and warnings). */
  readonly remedy?: string;
}

export function pass(id: string, title: string, detail: string): CheckResult {
  return { id, title, status: 'pass', detail };
}

export function fail(id: string, title: string, detail: string, remedy: string): CheckResult {
  return { id, title, status: 'fail', detail, remedy };
}

export function warn(id: string, title: string, detail: string, remedy: string): CheckResult {
  return { id, title, status: 'warn', detail, remedy };
}

export function skip(id: string, title: string, because: string): CheckResult {
  return { id, title, status: 'skip', detail: `skipped: ${because}` };
}
