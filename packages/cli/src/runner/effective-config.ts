import type { StartGatewayOptions } from '@gatewire/server';
import { CliError } from '../config/errors';
import { generateToken, readStoredToken, type GatewayHome } from '../config/home';
import { configErrors, gatewayConfigValidator, type GatewayConfig } from '../config/schema';
import { ExitCodes } from '../exit-codes';
import { monitorAssetsDirectory } from '../start/monitor-assets';
import { createMonitorRoutes } from '../start/monitor-routes';

/** Flags of `gatewire start` that override the config file. */
export interface StartFlags {
  port?: number;
  bind?: string;
  auth?: string;
  token?: string;
  password?: string;
  allowedOrigin?: string[];
  trustedProxy?: string[];
  tlsCert?: string;
  tlsKey?: string;
  socket?: string;
  tickInterval?: number;
  redis?: string;
  logLevel?: string;
  logFormat?: string;
  metrics?: boolean;
  metricsToken?: string;
  monitor?: boolean;
}

/** The config file overlaid with the flags, validated like the file. */
export function mergeFlags(config: GatewayConfig, flags: StartFlags): GatewayConfig {
  const merged: Record<string, unknown> = structuredClone(config) as Record<string, unknown>;
  const set = (path: string[], value: unknown) => {
    if (value === undefined) return;
    let node = merged;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] as string] = value;
  };
  set(['port'], flags.port);
  set(['bind'], flags.bind);
  set(['auth', 'mode'], flags.auth);
  set(['auth', 'token'], flags.token);
  set(['auth', 'password'], flags.password);
  set(['allowedOrigins'], flags.allowedOrigin);
  set(['trustedProxies'], flags.trustedProxy);
  set(['socketPath'], flags.socket);
  set(['tickIntervalMs'], flags.tickInterval);
  set(['redis', 'url'], flags.redis);
  set(['log', 'level'], flags.logLevel);
  set(['log', 'format'], flags.logFormat);
  if (flags.metrics === true || flags.metricsToken !== undefined) merged['metrics'] ??= {};
  set(['metrics', 'scrapeToken'], flags.metricsToken);
  set(['monitor'], flags.monitor);
  if (flags.tlsCert !== undefined || flags.tlsKey !== undefined) {
    if (flags.tlsCert === undefined || flags.tlsKey === undefined) throw new CliError('--tls-cert and --tls-key go together', ExitCodes.USAGE);
    set(['tls'], { cert: flags.tlsCert, key: flags.tlsKey });
  }
  if (!gatewayConfigValidator.check(merged)) {
    throw new CliError(`invalid start options: ${configErrors(merged).join('; ')}`, ExitCodes.CONFIG);
  }
  return merged;
}

/**
 * What `start` needs besides the gateway options: a token generated because the token file does not
 * exist yet. It is not written yet: `start` stores it once the gateway listens (so a failed first
 * start loses nothing) and prints it once.
 */
export interface ResolvedStart {
  readonly options: StartGatewayOptions;
  readonly config: GatewayConfig;
  readonly createdToken: string | undefined;
}

/**
 * Ceiling of the delay before the gateway answers a failed login from loopback, ms. It stays below
 * the CLI's default `--timeout` (5000 ms), so a wrong token is reported as wrong, not as a timeout.
 */
export const LOOPBACK_AUTH_DELAY_CEILING_MS = 2000;

/**
 * Turn a config into `startGateway` options. Token auth is the default; without a configured token,
 * the token file in the home directory is used (created on first start). `bind: all` with auth
 * `none` is refused.
 */
export async function toGatewayOptions(config: GatewayConfig, home: GatewayHome): Promise<ResolvedStart> {
  const mode = config.auth?.mode ?? 'token';
  const bind = config.bind ?? 'loopback';
  const exposed = bind !== 'loopback' && bind !== '127.0.0.1' && bind !== '::1' && config.socketPath === undefined;
  if (mode === 'none' && exposed) {
    throw new CliError(`refusing to listen on "${bind}" with auth "none": anyone who can reach it would control the gateway. Use token auth, or bind loopback.`, ExitCodes.CONFIG);
  }
  if (config.metrics !== undefined && config.metrics.scrapeToken === undefined && (mode === 'none' || mode === 'trusted-proxy')) {
    throw new CliError(`metrics with auth "${mode}" need a scrape token (--metrics-token or metrics.scrapeToken): nothing else could authorize a scrape`, ExitCodes.CONFIG);
  }
  if (mode === 'password' && config.auth?.password === undefined) throw new CliError('auth mode "password" needs auth.password (or --password)', ExitCodes.CONFIG);
  if (mode === 'trusted-proxy' && config.auth?.trustedProxy === undefined) {
    throw new CliError('auth mode "trusted-proxy" needs auth.trustedProxy.userHeader and trustedProxies', ExitCodes.CONFIG);
  }
  let createdToken: string | undefined;
  let token = config.auth?.token;
  if (mode === 'token' && token === undefined) {
    token = await readStoredToken(home);
    if (token === undefined) {
      token = generateToken();
      createdToken = token;
    }
  }
  const limits = config.limits ?? {};
  const options: StartGatewayOptions = {
    port: config.port ?? 18789,
    bind,
    auth:
      mode === 'token'
        ? { mode, ...(token === undefined ? {} : { token }) }
        : mode === 'password'
          ? { mode, ...(config.auth?.password === undefined ? {} : { password: config.auth.password }) }
          : mode === 'trusted-proxy'
            ? { mode, ...(config.auth?.trustedProxy === undefined ? {} : { trustedProxy: config.auth.trustedProxy }) }
            : { mode },
    // In a Redis cluster the runner gives the shared device and node pairing stores instead of the files.
    ...(config.redis === undefined ? { deviceStorePath: home.devicesFile, nodeStorePath: home.nodesFile } : {}),
    authRateLimit: { loopbackMaxDelayMs: LOOPBACK_AUTH_DELAY_CEILING_MS },
    ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: config.allowedOrigins }),
    ...(config.trustedProxies === undefined ? {} : { trustedProxies: config.trustedProxies }),
    ...(config.tls === undefined ? {} : { tls: { cert: config.tls.cert, key: config.tls.key } }),
    ...(config.socketPath === undefined ? {} : { socketPath: config.socketPath }),
    ...(config.tickIntervalMs === undefined ? {} : { tickIntervalMs: config.tickIntervalMs }),
    ...(limits.maxConnections === undefined ? {} : { maxConnections: limits.maxConnections }),
    ...(limits.maxUnauthenticatedPerIp === undefined ? {} : { maxUnauthenticatedPerIp: limits.maxUnauthenticatedPerIp }),
    ...(limits.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: limits.handshakeTimeoutMs }),
    ...(limits.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: limits.maxPayloadBytes }),
    ...(limits.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: limits.maxBufferedBytes }),
    ...(limits.maxConcurrentRequestsPerConnection === undefined ? {} : { maxConcurrentHandlersPerConnection: limits.maxConcurrentRequestsPerConnection }),
    ...(limits.maxQueuedRequests === undefined ? {} : { maxQueuedRequests: limits.maxQueuedRequests }),
    ...(config.metrics === undefined ? {} : { serveMetrics: config.metrics.scrapeToken === undefined ? true : { scrapeToken: config.metrics.scrapeToken } }),
    ...(config.monitor === true ? { httpRoutes: [createMonitorRoutes(monitorAssetsDirectory())] } : {}),
  };
  return { options, config, createdToken };
}

/** Settings that change only with a restart, named for the reload report. */
export function restartOnlyChanges(before: GatewayConfig, after: GatewayConfig): string[] {
  const keys = ['port', 'bind', 'tls', 'socketPath', 'tickIntervalMs', 'redis', 'limits', 'log', 'metrics', 'monitor'] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
