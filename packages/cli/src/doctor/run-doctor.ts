import { PROTOCOL_VERSION, type ConnectChallenge, type ResponseFrame } from '@gatewire/protocol';
import { fail, pass, skip, warn, type CheckResult } from './check';
import { parseEndpoint, type Endpoint } from './endpoint';
import { detailCode, GatewaySession, UpgradeRefused } from './gateway-session';
import { interpretConnectRefusal } from './remedies';
import { probeListening } from './probe-listening';
import { probeTls, speaksTls } from './probe-tls';

/** What `gatewire doctor` checks against. */
export interface DoctorOptions {
  readonly url: string;
  readonly token?: string | undefined;
  readonly password?: string | undefined;
  readonly tlsFingerprint?: string | undefined;
  /** Extra certificate authorities to trust (PEM, from `--ca`). @default undefined (Node's default CAs) */
  readonly ca?: string | undefined;
  /** Per-step timeout. @default 5000 */
  readonly timeoutMs?: number;
  /** Protocol window to announce (for diagnosing version problems). @default [4, 4] */
  readonly protocol?: { min: number; max: number };
  /** Client version reported in `connect`. */
  readonly clientVersion?: string;
  /** Number of `health` round trips for the latency check. @default 5 */
  readonly pings?: number;
  /**
   * Stop after the transport checks (listening, TLS, WebSocket upgrade and challenge): used to
   * explain why another command could not connect. @default false
   */
  readonly transportOnly?: boolean;
}

/** Clock skew above which device signatures are refused (the gateway's ±120 s window). */
const MAX_SKEW_MS = 120_000;
/** Clock skew worth a warning. */
const WARN_SKEW_MS = 10_000;

const ORDER = ['listening', 'tls', 'gateway', 'clock', 'protocol', 'auth', 'latency'] as const;
const TITLES: Record<(typeof ORDER)[number], string> = {
  listening: 'Something is listening',
  tls: 'TLS certificate',
  gateway: 'It is a Gatewire/OpenClaw gateway',
  clock: 'Clocks agree',
  protocol: 'Protocol version',
  auth: 'Authentication',
  latency: 'Round-trip latency',
};

/** Run every check in order; a failed check skips the checks that depend on it. */
export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const results: CheckResult[] = [];
  const finish = (because: string) => {
    for (const id of ORDER) if (!results.some((result) => result.id === id)) results.push(skip(id, TITLES[id], because));
    return results;
  };
  const endpoint = parseEndpoint(options.url);
  if (endpoint === undefined) {
    results.push(fail('listening', TITLES.listening, `"${options.url}" is not a ws://, wss:// or ws+unix:// URL`, 'Pass --url ws://host:port (or wss:// for TLS).'));
    return finish('no usable URL');
  }
  const listening = await probeListening(endpoint, timeoutMs);
  results.push(listening);
  if (listening.status === 'fail') return finish('nothing is listening');

  let insecureTls = false;
  if (endpoint.tls) {
    const tls = await probeTls(endpoint, options.tlsFingerprint, timeoutMs, Date.now(), options.ca);
    results.push(tls.result);
    if (!tls.usable) return finish('TLS check failed');
    insecureTls = tls.pinned;
  } else {
    results.push(options.tlsFingerprint === undefined ? skip('tls', TITLES.tls, 'plain ws:// URL') : fail('tls', TITLES.tls, 'a TLS pin was given for a ws:// URL', 'Use wss:// with --tls-fingerprint, or drop the pin.'));
    if (options.tlsFingerprint !== undefined) return finish('TLS configuration error');
  }

  let session: GatewaySession;
  const openedAt = Date.now();
  try {
    session = await GatewaySession.open(options.url, { timeoutMs, insecureTls, ca: options.ca });
  } catch (error) {
    results.push(await upgradeFailure(error, endpoint, timeoutMs));
    return finish('the WebSocket upgrade failed');
  }
  try {
    const challenge = await session.nextEvent('connect.challenge', timeoutMs);
    const receivedAt = Date.now();
    const payload = challenge?.payload as Partial<ConnectChallenge> | undefined;
    if (challenge === undefined || typeof payload?.nonce !== 'string' || typeof payload.ts !== 'number') {
      results.push(fail('gateway', TITLES.gateway, `no connect.challenge within ${timeoutMs} ms after the WebSocket opened`, 'Something else listens on this port (not a gateway), or the path is wrong.'));
      return finish('no challenge');
    }
    results.push(pass('gateway', TITLES.gateway, 'received connect.challenge'));
    if (options.transportOnly === true) return results;
    results.push(clockCheck(payload.ts, openedAt, receivedAt));

    const started = Date.now();
    const response = await session.request('connect', connectParams(options), timeoutMs);
    if (response === undefined) {
      const closed = session.closeInfo;
      results.push(fail('protocol', TITLES.protocol, closed ? `closed ${closed.code} "${closed.reason}" without an answer` : `no answer to connect within ${timeoutMs} ms`, 'Check the gateway logs.'));
      return finish('connect got no answer');
    }
    if (!response.ok) {
      results.push(...interpretConnectRefusal(response, TITLES.protocol, TITLES.auth));
      return finish('connect was refused');
    }
    const hello = response.payload as { protocol?: number; auth?: { method?: string; role?: string } };
    results.push(pass('protocol', TITLES.protocol, `protocol ${hello.protocol ?? PROTOCOL_VERSION} agreed (connect answered in ${Date.now() - started} ms)`));
    results.push(pass('auth', TITLES.auth, `accepted as ${hello.auth?.role ?? 'operator'} (method ${hello.auth?.method ?? 'unknown'})`));
    results.push(await latencyCheck(session, options.pings ?? 5, timeoutMs));
    return results;
  } finally {
    session.close();
  }
}

function connectParams(options: DoctorOptions): Record<string, unknown> {
  const auth: Record<string, string> = {};
  if (options.token !== undefined) auth['token'] = options.token;
  if (options.password !== undefined) auth['password'] = options.password;
  return {
    minProtocol: options.protocol?.min ?? PROTOCOL_VERSION,
    maxProtocol: options.protocol?.max ?? PROTOCOL_VERSION,
    client: { id: 'cli', version: options.clientVersion ?? '0.0.0', platform: process.platform, mode: 'probe' },
    role: 'operator',
    scopes: ['operator.read'],
    ...(Object.keys(auth).length > 0 ? { auth } : {}),
  };
}

function clockCheck(serverTs: number, openedAt: number, receivedAt: number): CheckResult {
  const midpoint = openedAt + (receivedAt - openedAt) / 2;
  const skew = Math.round(serverTs - midpoint);
  const text = `gateway clock is ${Math.abs(skew)} ms ${skew >= 0 ? 'ahead' : 'behind'}`;
  if (Math.abs(skew) > MAX_SKEW_MS) return fail('clock', TITLES.clock, text, 'Device signatures are refused beyond ±120 s: enable NTP (e.g. `timedatectl set-ntp true`) on both machines.');
  if (Math.abs(skew) > WARN_SKEW_MS) return warn('clock', TITLES.clock, text, 'Enable NTP on both machines before the skew reaches 120 s.');
  return pass('clock', TITLES.clock, text);
}

async function latencyCheck(session: GatewaySession, pings: number, timeoutMs: number): Promise<CheckResult> {
  const samples: number[] = [];
  for (let index = 0; index < pings; index += 1) {
    const started = performance.now();
    const response: ResponseFrame | undefined = await session.request('health', {}, timeoutMs);
    if (response === undefined || !response.ok) {
      const why = response === undefined ? 'no answer' : `${response.error?.code ?? 'error'} ${detailCode(response.error) ?? ''}`.trim();
      return fail('latency', TITLES.latency, `health failed: ${why}`, 'The gateway accepted the connection but cannot serve requests: check its logs and `gatewire status`.');
    }
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const max = samples[samples.length - 1] ?? 0;
  const text = `health round trip median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms over ${pings}`;
  return median > 500 ? warn('latency', TITLES.latency, text, 'The gateway or the network is slow: check `gatewire status` (queue depth, p99).') : pass('latency', TITLES.latency, text);
}

async function upgradeFailure(error: unknown, endpoint: Endpoint, timeoutMs: number): Promise<CheckResult> {
  if (error instanceof UpgradeRefused) {
    const remedies: Record<number, string> = {
      403: 'A proxy forwards your connection but the gateway does not trust it: add its address to trustedProxies, or connect directly.',
      429: `Too many failed logins from this address; wait${error.retryAfter ? ` ${error.retryAfter} s` : ''} and fix the credentials.`,
      503: 'The gateway is at its connection limit or draining: retry shortly, or raise limits.maxConnections.',
      404: 'Wrong path: the gateway is mounted elsewhere (e.g. /ws).',
    };
    return fail('gateway', TITLES.gateway, `HTTP ${error.statusCode} instead of a WebSocket upgrade${error.body ? `: ${error.body.slice(0, 200)}` : ''}`, remedies[error.statusCode] ?? 'Something else answers HTTP on this port: check the URL.');
  }
  const message = error instanceof Error ? error.message : String(error);
  if (!endpoint.tls && endpoint.socketPath === undefined && (await speaksTls(endpoint, timeoutMs))) {
    const secureUrl = endpoint.url.replace(/^ws:/i, 'wss:');
    return fail('gateway', TITLES.gateway, `WebSocket upgrade failed: ${message}; this port speaks TLS`, `Use wss:// for a TLS gateway: --url ${secureUrl}`);
  }
  return fail('gateway', TITLES.gateway, `WebSocket upgrade failed: ${message}`, 'Something else listens on this port, or the path is wrong.');
}
