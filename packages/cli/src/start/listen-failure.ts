import { CliError } from '../config/errors';
import { GatewaySession } from '../doctor/gateway-session';
import { ExitCodes } from '../exit-codes';

/** How long the busy-port probe waits for a `connect.challenge`, ms. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Explain why `listen` failed. A busy port is probed: when a Gatewire (or OpenClaw) gateway answers
 * there with `connect.challenge`, say so and how to reach it. Exit 3 (the port or address in the
 * config or flags cannot be used).
 */
export async function explainListenFailure(error: unknown, where: { host: string; port: number; socketPath: string | undefined; scheme: 'ws' | 'wss' }, statusCommand: string): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const place = where.socketPath ?? `${where.host}:${where.port}`;
  if (code === 'EADDRINUSE') {
    const url = where.socketPath === undefined ? `${where.scheme}://${hostForUrl(where.host)}:${where.port}` : `ws+unix://${where.socketPath}`;
    const gateway = await answersAsGateway(url);
    const message = gateway
      ? `a Gatewire gateway already runs on ${place} (EADDRINUSE): check it with \`${statusCommand} --url ${url}\`, or pass --port to start another one (--port 0 picks a free port).`
      : `${place} is already in use by another program (EADDRINUSE): pass --port to choose another port (--port 0 picks a free one) or stop that program.`;
    return new CliError(message, ExitCodes.CONFIG, { cause: error, code });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'EACCES' || code === 'ENOTFOUND') {
    const why = code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : 'this machine has no such address';
    return new CliError(`cannot listen on ${place}: ${why} (${code}): fix --bind/--port or bind/port in the config.`, ExitCodes.CONFIG, { cause: error, code });
  }
  return error;
}

async function answersAsGateway(url: string): Promise<boolean> {
  let session: GatewaySession | undefined;
  try {
    session = await GatewaySession.open(url, { timeoutMs: PROBE_TIMEOUT_MS, insecureTls: true });
    return (await session.nextEvent('connect.challenge', PROBE_TIMEOUT_MS)) !== undefined;
  } catch {
    return false;
  } finally {
    session?.close();
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
