/**
 * `@gatewire/protocol`: the single source of truth of the Gatewire wire protocol (OpenClaw protocol v4
 * compatible): TypeBox schemas (a value and a type of the same name), compiled validators,
 * `parseFrame`, code tables, typed method and event maps, and device-auth helpers. No transport code
 * and no Node-only module: it runs in browsers too.
 */
export * from './version';
export * from './codes/error-codes';
export * from './codes/connect-error-details';
export * from './codes/close-codes';
export * from './codes/roles';
export * from './codes/scopes';
export * from './codes/client-info';
export * from './frame-guards';
export * from './definitions/define';
export * from './definitions/core-methods';
export * from './definitions/core-events';
export * from './definitions/resume';
export * from './device/base64url';
export * from './device/public-key';
export * from './device/device-id';
export * from './device/auth-payload';
export * from './device/signature';
export * from './device/web-crypto';
export * from './tls-fingerprint';
export * from './schema/primitives';
export * from './schema/frames';
export * from './schema/connect';
export * from './schema/presence';
export * from './schema/hello';
export * from './schema/events';
export * from './schema/nodes';
export * from './schema/devices';
export * from './schema/gateway';
export * from './validation/compile';
export * from './validation/frame-validators';
export * from './validation/parse-frame';
