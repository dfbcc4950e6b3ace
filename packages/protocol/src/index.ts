/**
 * `@gatewire/protocol`: the single source of truth of the Gatewire wire protocol (OpenClaw protocol v4
 * compatible): TypeBox schemas (a value and a type of the same name), compiled validators,
 * `parseFrame`, code tables, typed method and event maps, and device-auth helpers. No transport code
 * and no Node-only module: it runs in browsers too.
 */
export * from './lite-runtime';
export * from './definitions/core-methods';
export * from './definitions/core-events';
export * from './definitions/resume';
export * from './schema/primitives';
export * from './schema/frames';
export * from './schema/connect';
export * from './schema/presence';
export * from './schema/hello';
export * from './schema/events';
export * from './schema/nodes';
export * from './schema/node-pairing';
export * from './schema/devices';
export * from './schema/device-lifecycle';
export * from './schema/scope-upgrade';
export * from './schema/gateway';
export * from './schema/system';
export * from './schema/monitor';
export * from './validation/compile';
export * from './validation/frame-validators';
export * from './validation/parse-frame';
export * from './typebox';
