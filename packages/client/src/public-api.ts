/** What every entry point exports besides its own `GatewayClient`. */
export { GatewayClientBase, type ClientEnvironment } from './client';
export { DEFAULT_CLIENT_OPTIONS } from './options';
export type { ClientDefinitions, NoDefinitions } from './client-definitions';
export type { GatewayClientOptions, ClientInfoOptions, AuthOptions, QueueOptions } from './options';
export type { RequestOptions } from './request-options';
export { DEFAULT_RECONNECT, ReconnectPolicy, type ReconnectOptions } from './reconnect-policy';
export { ConnectionStates, canTransition, type ConnectionState, type StateChange } from './state-machine';
export type {
  ClientEvents,
  ClientEventName,
  ClientListeners,
  DisconnectContext,
  GapContext,
  GatewayEventContext,
  GatewayEventListener,
  HelloContext,
  ProgressContext,
  ReceivedEvent,
  ReconnectScheduledContext,
  StopContext,
} from './events';
export type { Logger } from './logger';
export type { ResyncContext, ResyncReason } from './resume/resync';
export { InvalidOptionsError } from './resolve-options';
export { GatewireError, type GatewireErrorFamily, type GatewireErrorOptions } from './errors/gatewire-error';
export { GatewayClientError, type GatewayClientErrorOptions } from './errors/gateway-client-error';
export { GatewayRequestError, type GatewayRequestErrorContext } from './errors/gateway-request-error';
export { SdkErrorCodes, FATAL_SDK_ERROR_CODES, type SdkErrorCode } from './errors/sdk-error-codes';
export type { DeviceAuthPlugin } from './device-auth-session';
export type { DeviceSigner } from './device/device-signer';
export type { InvokeContext, InvokeHandler } from './invoke-handler';
export type { NodeInvokePlugin } from './node-invoke-plugin';
export type { Transport, TransportFactory, TransportHandlers } from './transport/transport';
export { isLocalOrPrivateHost, isLoopbackHost } from './url-policy';
