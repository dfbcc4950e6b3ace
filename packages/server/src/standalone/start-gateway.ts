import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EventMap, StatusResult } from '@gatewire/protocol';
import { FileDeviceStore } from '../devices/file-device-store';
import { Gateway } from '../gateway/gateway';
import { FileNodePairingStore } from '../nodes/file-node-pairing-store';
import type { ShutdownOptions } from '../gateway/shutdown';
import { sendJson } from '../http/security-headers';
import type { MetricsRequestHandler } from '../metrics/metrics-route';
import { bindAddress, requestTimeouts, standaloneDefaults, type StartGatewayOptions, type TlsOptions } from './standalone-options';

/** A running standalone gateway. */
export interface StandaloneGateway<E extends EventMap = EventMap, S extends StatusResult = StatusResult> {
  readonly gateway: Gateway<E, S>;
  /** The HTTP(S) server it listens on. */
  readonly server: HttpServer | HttpsServer;
  /** `ws://host:port/`, `wss://…`, or `ws+unix://path:/`. */
  readonly url: string;
  address(): AddressInfo | string;
  /** Shut the gateway down gracefully, then stop listening. */
  close(options?: ShutdownOptions): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

async function pem(value: string | Buffer): Promise<string | Buffer> {
  if (Buffer.isBuffer(value) || value.includes('-----BEGIN')) return value;
  return readFile(value);
}

async function loadTls(tls: TlsOptions): Promise<{ cert: string | Buffer; key: string | Buffer }> {
  return { cert: await pem(tls.cert), key: await pem(tls.key) };
}

/**
 * Run a gateway standalone on its own HTTP(S) server: the WebSocket on `path`, plus the health probes
 * (`GET /health`, `/ready`, `/healthz`, `/readyz`, `/startupz`) and, with `serveMetrics`, `GET /metrics`.
 * Resolves once listening.
 */
export async function startGateway<E extends EventMap = EventMap, S extends StatusResult = StatusResult>(options: StartGatewayOptions<E, S> = {}): Promise<StandaloneGateway<E, S>> {
  const {
    bind = standaloneDefaults.bind,
    port = standaloneDefaults.port,
    socketPath,
    tls,
    path = standaloneDefaults.path,
    deviceStorePath,
    nodeStorePath,
    httpRoutes = [],
    headersTimeoutMs = standaloneDefaults.headersTimeoutMs,
    serveMetrics = false,
    ...gatewayOptions
  } = options;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new TypeError(`startGateway: port must be 0..65535, got ${port}`);
  const timeouts = requestTimeouts(headersTimeoutMs);
  if (deviceStorePath !== undefined && gatewayOptions.deviceStore !== undefined) {
    throw new TypeError('startGateway: give either deviceStore or deviceStorePath, not both');
  }
  if (nodeStorePath !== undefined && gatewayOptions.nodePairing?.store !== undefined) {
    throw new TypeError('startGateway: give either nodePairing.store or nodeStorePath, not both');
  }
  if (serveMetrics !== false && gatewayOptions.metrics === false) throw new TypeError('startGateway: serveMetrics needs metrics (metrics: false given)');
  const gateway = new Gateway<E, S>({
    ...gatewayOptions,
    ...(serveMetrics === false || gatewayOptions.metrics !== undefined ? {} : { metrics: { processMetrics: true } }),
    ...(deviceStorePath === undefined ? {} : { deviceStore: new FileDeviceStore(deviceStorePath) }),
    ...(nodeStorePath === undefined ? {} : { nodePairing: { ...gatewayOptions.nodePairing, store: new FileNodePairingStore(nodeStorePath) } }),
  });
  if (bind === 'all' && (gatewayOptions.auth?.mode ?? 'none') === 'none' && socketPath === undefined) {
    gatewayOptions.logger?.warn({ bind, authMode: 'none' }, 'gateway listens on all interfaces without authentication');
  }
  const health = gateway.healthRoutes();
  let metricsRoute: MetricsRequestHandler | undefined;
  try {
    metricsRoute = serveMetrics === false ? undefined : gateway.metricsRoute(serveMetrics === true ? {} : serveMetrics);
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    if (health(request, response) || metricsRoute?.(request, response) === true || httpRoutes.some((route) => route(request, response))) return;
    sendJson(response, 404, { error: { message: 'not found', type: 'not_found' } }, request.method);
  };
  const server = tls ? createHttpsServer({ ...(await loadTls(tls)), ...timeouts }, onRequest) : createHttpServer(timeouts, onRequest);
  gateway.attach(server, { path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    if (socketPath !== undefined) server.listen(socketPath, done);
    else server.listen(port, bindAddress(bind), done);
  }).catch(async (error: unknown) => {
    await gateway.close();
    throw error;
  });
  const url = gateway.url as string;
  let closing: Promise<void> | undefined;
  const close = (shutdown?: ShutdownOptions) => {
    closing ??= (async () => {
      await gateway.close(shutdown);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    })();
    return closing;
  };
  return {
    gateway,
    server,
    url,
    address: () => server.address() as AddressInfo | string,
    close,
    [Symbol.asyncDispose]: () => close(),
  };
}
