import { startGateway, type StandaloneGateway } from '@gatewire/server';
import type { GatewayHome } from '../config/home';
import { loadConfig } from '../config/load';
import type { GatewayConfig } from '../config/schema';
import { reloadMethod, restartMethod } from './admin-methods';
import { mergeFlags, restartOnlyChanges, toGatewayOptions, type StartFlags } from './effective-config';
import { createStandaloneLogger } from './logger';
import { joinRedisCluster, type ClusterBackend } from './redis-cluster';
import type { Style } from '../output/style';
import { storeToken } from '../config/home';
import { explainListenFailure } from '../start/listen-failure';
import { startBanner } from '../start/start-banner';
import { checkTlsFiles } from '../start/tls-files';
import { DEFAULT_PORT, localUrl } from '../target';

/** What a runner tells the person at the terminal (never secrets except a newly created token). */
export interface RunnerOutput {
  /** Human-facing lines (stderr). */
  notice(text: string): void;
  /** Log lines (stdout). */
  log(line: string): void;
  readonly style: Style;
  /** How to run this CLI again and the `$GATEWIRE_HOME` set in the environment, for the printed next steps. */
  readonly invocation?: { readonly command: string; readonly home: string | undefined };
  /** Whether log lines go to a terminal: the default log format is then `pretty`, else `json`. */
  readonly logToTerminal?: boolean;
}

/** The result of a reload. */
export interface ReloadReport {
  closedSessions: number;
  restartRequired: string[];
}

/**
 * Runs the standalone gateway for `gatewire start`: owns the current gateway, reloads it on SIGHUP
 * or `gatewire.reload`, and restarts it in place on `gatewire.restart`.
 */
export class GatewayRunner {
  #running: StandaloneGateway | undefined;
  #config: GatewayConfig = {};
  #boundPort: number | undefined;
  #restarting: Promise<void> | undefined;
  #cluster: ClusterBackend | undefined;

  constructor(
    private readonly home: GatewayHome,
    private readonly flags: StartFlags & { config?: string },
    private readonly output: RunnerOutput,
  ) {}

  /** The current URL. */
  get url(): string | undefined {
    return this.#running?.url;
  }

  /** Read the config, start listening, and print how to connect. */
  async start(): Promise<void> {
    const config = await this.#readConfig();
    const tls = config.tls === undefined ? undefined : await checkTlsFiles(config.tls, this.flags.tlsCert === undefined ? { cert: 'tls.cert', key: 'tls.key' } : { cert: '--tls-cert', key: '--tls-key' });
    const resolved = await toGatewayOptions(config, this.home);
    const command = this.output.invocation?.command ?? 'gatewire';
    try {
      await this.#listen(config, resolved.options);
    } catch (error) {
      const host = resolved.options.bind === undefined || resolved.options.bind === 'loopback' ? '127.0.0.1' : resolved.options.bind === 'all' ? '0.0.0.0' : resolved.options.bind;
      const where = { host, port: resolved.options.port ?? DEFAULT_PORT, socketPath: resolved.options.socketPath, scheme: config.tls === undefined ? ('ws' as const) : ('wss' as const) };
      throw await explainListenFailure(error, where, `${command} status`);
    }
    if (resolved.createdToken !== undefined) await storeToken(this.home, resolved.createdToken);
    const url = this.url ?? '?';
    const defaultUrl = localUrl((await loadConfig(this.home)).config);
    const banner = startBanner(
      {
        url,
        command,
        reachableByDefault: withoutTrailingSlash(defaultUrl) === withoutTrailingSlash(url),
        pinFingerprint: tls?.selfSignedFingerprint,
        home: this.output.invocation?.home,
        tokenFile: this.home.tokenFile,
        createdToken: resolved.createdToken,
        usesTokenFile: (config.auth?.mode ?? 'token') === 'token' && config.auth?.token === undefined,
        monitorPage: config.monitor === true,
      },
      this.output.style,
    );
    for (const line of banner) this.output.notice(line);
  }

  /** Re-read config and token; apply auth, origins and trusted proxies; name what needs a restart. */
  async reload(keepConnIds: readonly string[] = []): Promise<ReloadReport> {
    const running = this.#requireRunning();
    const config = await this.#readConfig();
    const resolved = await toGatewayOptions(config, this.home);
    const closedSessions = running.gateway.reconfigure(
      {
        ...(resolved.options.auth === undefined ? {} : { auth: resolved.options.auth }),
        allowedOrigins: resolved.options.allowedOrigins ?? [],
        trustedProxies: resolved.options.trustedProxies ?? [],
      },
      { keepConnIds },
    );
    const restartRequired = restartOnlyChanges(this.#config, config);
    this.#config = config;
    this.output.notice(`Configuration reloaded${closedSessions > 0 ? `; ${closedSessions} session(s) closed (auth changed)` : ''}${restartRequired.length > 0 ? `; restart needed for: ${restartRequired.join(', ')}` : ''}`);
    return { closedSessions, restartRequired };
  }

  /**
   * Restart in place: validate the new config first, then `shutdown {restartExpectedMs}` and close
   * 1012, then listen again on the same port. Clients reconnect by themselves.
   */
  restart(restartExpectedMs: number): Promise<void> {
    this.#restarting ??= (async () => {
      const config = await this.#readConfig();
      const resolved = await toGatewayOptions(config, this.home);
      await this.#requireRunning().close({ reason: 'gateway restarting', restartExpectedMs });
      this.#running = undefined;
      await this.#leaveCluster();
      const port = config.port ?? 18789;
      await this.#listen(config, { ...resolved.options, port: port === 0 ? (this.#boundPort ?? 0) : port });
      this.output.notice(`Gateway restarted on ${this.url ?? '?'}`);
    })().finally(() => {
      this.#restarting = undefined;
    });
    return this.#restarting;
  }

  /** Graceful stop. */
  async stop(reason = 'gateway stopping'): Promise<void> {
    await this.#restarting?.catch(() => undefined);
    const running = this.#running;
    this.#running = undefined;
    await running?.close({ reason });
    await this.#leaveCluster();
  }

  async #readConfig(): Promise<GatewayConfig> {
    const { config } = await loadConfig(this.home, this.flags.config);
    return mergeFlags(config, this.flags);
  }

  async #listen(config: GatewayConfig, options: Parameters<typeof startGateway>[0]): Promise<void> {
    const logger = createStandaloneLogger(config.log?.format ?? (this.output.logToTerminal === true ? 'pretty' : 'json'), config.log?.level ?? 'info', this.output.style, (line) => this.output.log(line));
    this.#cluster = config.redis === undefined ? undefined : await joinRedisCluster(config.redis);
    let running: StandaloneGateway;
    try {
      running = await startGateway({ ...options, ...this.#cluster?.options, logger });
    } catch (error) {
      await this.#cluster?.options.adapter?.close();
      await this.#leaveCluster();
      throw error;
    }
    running.gateway.method(reloadMethod, async (_params, context) => this.reload([context.connection.connId]));
    running.gateway.method(restartMethod, (params) => {
      const restartExpectedMs = params.restartExpectedMs ?? 1000;
      // Answer first; the restart closes this very connection.
      setImmediate(() => {
        this.restart(restartExpectedMs).catch((error: unknown) => {
          this.output.notice(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exitCode = 1;
        });
      });
      return { restarting: true as const, restartExpectedMs };
    });
    const address = running.address();
    if (typeof address === 'object' && address !== null) this.#boundPort = address.port;
    this.#running = running;
    this.#config = config;
  }

  /** Release the shared stores' Redis connection (closing the gateway closed its adapter). */
  async #leaveCluster(): Promise<void> {
    const cluster = this.#cluster;
    this.#cluster = undefined;
    await cluster?.close();
  }

  #requireRunning(): StandaloneGateway {
    if (this.#running === undefined) throw new Error('the gateway is not running');
    return this.#running;
  }
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
