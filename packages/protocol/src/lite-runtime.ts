/**
 * The runtime exports shared by both entries (`@gatewire/protocol` and `@gatewire/protocol/lite`):
 * everything that works without the TypeBox runtime.
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
export * from './definitions/method-authorization';
export * from './device/base64url';
export * from './device/public-key';
export * from './device/device-id';
export * from './device/auth-payload';
export * from './device/signature';
export * from './device/web-crypto';
export * from './tls-fingerprint';
export * from './trace-context';
