import { ErrorCodes, expandScopes, MethodErrorDetailCodes } from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';

/** Scope an approver needs to grant any role other than `operator` (a node or a future role). */
const NON_OPERATOR_ROLE_SCOPE = 'operator.admin';

/** What a grant would give a device: the roles and scopes an approver hands out. */
export interface Grant {
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
}

/**
 * The scopes a caller must hold to grant `grant`: every granted scope itself (admin needs admin),
 * and `operator.admin` for a role other than `operator`.
 */
export function requiredApproverScopes(grant: Grant): string[] {
  const required = new Set(grant.scopes);
  if (grant.roles.some((role) => role !== 'operator')) required.add(NON_OPERATOR_ROLE_SCOPE);
  return [...required];
}

/**
 * The scope ceiling of approvals, rotations and upgrades: a caller may grant only what it holds
 * itself, with the implication rules (`operator.write` covers `operator.read`, `operator.admin`
 * covers everything). Returns the `FORBIDDEN` / `MISSING_SCOPE` error for the first scope the
 * caller lacks, or `undefined` when the caller may grant all of it.
 */
export function checkGrantCeiling(callerScopes: readonly string[], grant: Grant): MethodError | undefined {
  const held = expandScopes(callerScopes);
  const required = requiredApproverScopes(grant);
  const missing = required.find((scope) => !held.has(scope));
  if (missing === undefined) return undefined;
  return new MethodError(ErrorCodes.FORBIDDEN, `missing scope: ${missing} (a caller may grant only scopes it holds)`, {
    details: { code: MethodErrorDetailCodes.MISSING_SCOPE, missingScope: missing, requiredScopes: required },
  });
}
