import { ErrorCodes, MethodErrorDetailCodes, type ErrorShape, type MethodCaller, type MethodDefinition, type OperatorScope } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import { handlerFailedError } from './busy-error';

/** Scope required by method names the gateway does not know: authorization runs before lookup. */
const UNKNOWN_METHOD_SCOPES: readonly OperatorScope[] = ['operator.admin'];

function missingScope(connection: Connection, required: readonly string[]): ErrorShape | undefined {
  const missing = required.find((scope) => !connection.scopeSet.has(scope));
  if (missing === undefined) return undefined;
  return {
    code: ErrorCodes.FORBIDDEN,
    message: `missing scope: ${missing}`,
    details: { code: MethodErrorDetailCodes.MISSING_SCOPE, missingScope: missing, requiredScopes: [...required] },
  };
}

/**
 * Decide whether a connection may call a method, before the method is looked up (as the reference
 * does, so an unknown name tells a non-admin nothing): role first (node methods for nodes only,
 * everything else for operators), then every scope of the definition with the implication rules.
 * Returns the error to answer, or `undefined` when allowed.
 */
export function authorizeMethod(connection: Connection, definition: MethodDefinition | undefined): ErrorShape | undefined {
  const role = connection.info?.role ?? 'operator';
  if (definition?.allowAllRoles) return undefined;
  if (definition?.scope === 'node') {
    return role === 'node' ? undefined : { code: ErrorCodes.INVALID_REQUEST, message: `unauthorized role: ${role}` };
  }
  if (role !== 'operator') return { code: ErrorCodes.INVALID_REQUEST, message: `unauthorized role: ${role}` };
  return missingScope(connection, definition?.scopes ?? UNKNOWN_METHOD_SCOPES);
}

/**
 * Run a definition's `authorize` check on validated params: the scopes it asks for must all be
 * held; `false` refuses. A check that throws refuses the call as a handler failure would.
 */
export function authorizeParams(connection: Connection, definition: MethodDefinition, params: unknown): ErrorShape | undefined {
  if (definition.authorize === undefined) return undefined;
  const info = connection.info;
  const caller: MethodCaller = {
    role: info?.role ?? 'operator',
    scopes: info?.scopes ?? [],
    deviceId: info?.deviceId,
    hasScope: (scope) => connection.scopeSet.has(scope),
  };
  let verdict: ReturnType<NonNullable<MethodDefinition['authorize']>>;
  try {
    verdict = definition.authorize(params, caller);
  } catch {
    return handlerFailedError(definition.name);
  }
  if (verdict === undefined || verdict === true) return undefined;
  if (verdict === false) {
    return { code: ErrorCodes.FORBIDDEN, message: `not authorized: ${definition.name}`, details: { code: MethodErrorDetailCodes.NOT_AUTHORIZED } };
  }
  return missingScope(connection, verdict);
}
