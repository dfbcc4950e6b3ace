import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString } from './primitives';

/** Most scopes one `device.scopes.requestUpgrade` may ask for. */
export const SCOPE_UPGRADE_MAX_SCOPES = 8;

const UpgradeScopes = Type.Array(NonEmptyString, { minItems: 1, maxItems: SCOPE_UPGRADE_MAX_SCOPES, uniqueItems: true });

/** `device.scopes.requestUpgrade` params: the full scope set the calling device wants (its current scopes included). */
export const ScopeUpgradeRequestParams = Closed({ scopes: UpgradeScopes }, { $id: 'ScopeUpgradeRequestParams' });
export type ScopeUpgradeRequestParams = Static<typeof ScopeUpgradeRequestParams>;
/** `device.scopes.requestUpgrade` result: the pairing request an operator approves. */
export const ScopeUpgradeRequestResult = Closed({ requestId: NonEmptyString }, { $id: 'ScopeUpgradeRequestResult' });
export type ScopeUpgradeRequestResult = Static<typeof ScopeUpgradeRequestResult>;

/** `device.scopes.waitUpgrade` params. */
export const ScopeUpgradeWaitParams = Closed({ requestId: NonEmptyString }, { $id: 'ScopeUpgradeWaitParams' });
export type ScopeUpgradeWaitParams = Static<typeof ScopeUpgradeWaitParams>;

/**
 * `device.scopes.waitUpgrade` result: `approved` with a fresh operator device token for the
 * approved scopes (reconnect with it), `rejected` (also when superseded), or `expired`.
 */
export const ScopeUpgradeWaitResult = Type.Union(
  [
    Closed({ status: Type.Literal('approved'), requestId: NonEmptyString, deviceToken: NonEmptyString, scopes: UpgradeScopes }),
    Closed({ status: Type.Literal('rejected'), requestId: NonEmptyString }),
    Closed({ status: Type.Literal('expired'), requestId: NonEmptyString }),
  ],
  { $id: 'ScopeUpgradeWaitResult' },
);
export type ScopeUpgradeWaitResult = Static<typeof ScopeUpgradeWaitResult>;
