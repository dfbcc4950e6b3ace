import { runDoctor } from '../doctor/run-doctor';
import type { CheckResult } from '../doctor/check';
import type { Target } from '../target';

/**
 * Why a connection failed at the transport level, found the way `gatewire doctor` finds it (TCP
 * probe, TLS probe with the fingerprint to pin, the HTTP answer to the upgrade, the challenge).
 * `undefined` when every transport check passes now (the failure was elsewhere or is gone).
 */
export async function diagnoseConnectFailure(target: Target, timeoutMs: number, ca: string | undefined): Promise<CheckResult | undefined> {
  const results = await runDoctor({ url: target.url, tlsFingerprint: target.tlsFingerprint, ca, timeoutMs, transportOnly: true });
  return results.find((result) => result.status === 'fail');
}

/** A failed check as the end of an error line: what was found, then what to do. */
export function describeCheck(check: CheckResult): string {
  return `${check.detail}${check.remedy === undefined ? '' : `\n  → ${check.remedy}`}`;
}
