import { Type } from '@sinclair/typebox';
import { defineMethod, defineMethods } from '@gatewire/protocol';

/** `gatewire.reload`: re-read the config and token files and apply what can change without a restart. */
export const reloadMethod = defineMethod('gatewire.reload', {
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({
    /** Sessions closed 4001 because the shared secret changed. */
    closedSessions: Type.Integer({ minimum: 0 }),
    /** Settings that changed in the file but need `gatewire restart`. */
    restartRequired: Type.Array(Type.String()),
  }),
  scope: 'operator.admin',
  description: 'Reload the standalone gateway configuration (as SIGHUP).',
});

/** `gatewire.restart`: graceful restart of the standalone gateway; clients reconnect by themselves. */
export const restartMethod = defineMethod('gatewire.restart', {
  params: Type.Object({ restartExpectedMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })) }, { additionalProperties: false }),
  result: Type.Object({ restarting: Type.Literal(true), restartExpectedMs: Type.Integer({ minimum: 0 }) }),
  scope: 'operator.admin',
  description: 'Restart the standalone gateway gracefully (shutdown event, close 1012, listen again).',
});

/** The admin methods the standalone gateway serves on top of the core ones. */
export const adminMethods = defineMethods(reloadMethod, restartMethod);
export type AdminMethods = typeof adminMethods;
