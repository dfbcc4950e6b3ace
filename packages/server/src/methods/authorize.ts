import { ErrorCodes, type ErrorShape, type MethodDefinition } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';

/** Scope required by method names the gateway does not know: authorization runs before lookup. */
const UNKNOWN_METHOD_SCOPE = 'operator.admin';

/**
 * Decide whether a connection may call a method, before the method is looked up (as the reference
 * does, so an unknown name tells a non-admin nothing): role first (node methods for nodes only,
 * everything else for operators), then the scope with the implication rules. Returns the error to
 * answer, or `undefined` when allowed.
 */
export function authorizeMethod(connection: Connection, definition: MethodDefinition | undefined): ErrorShape | undefined {
  const role = connection.info?.role ?? 'operator';
  if (definition?.allowAllRoles) return undefined;
  const scope = definition?.scope ?? UNKNOWN_METHOD_SCOPE;
  if (scope === 'node') {
    return role === 'node' ? undefined : { code: ErrorCodes.INVALID_REQUEST, message: `unauthorized role: ${role}` };
  }
  if (role !== 'operator') return { code: ErrorCodes.INVALID_REQUEST, message: `unauthorized role: ${role}` };
  if (connection.scopeSet.has(scope)) return undefined;
  return {
    code: ErrorCodes.FORBIDDEN,
    message: `missing scope: ${scope}`,
    details: { code: 'MISSING_SCOPE', missingScope: scope, requiredScopes: [scope] },
  };
}
