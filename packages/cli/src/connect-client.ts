import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deviceAuth, FileIdentityStore, GatewayClient, type NodeGatewayClientOptions } from '@gatewire/client/node';
import type { EventMap, MethodMap } from '@gatewire/protocol';
import { CliError } from './config/errors';
import type { CommandContext } from './context';
import { ExitCodes } from './exit-codes';
import { toCliError } from './failure/client-failure';
import { describeCheck, diagnoseConnectFailure } from './failure/diagnose-connect';
import type { Target } from './target';

/** A client for one CLI command: no reconnection, the CLI's own identity, bounded waits. */
export type CliClient = GatewayClient<MethodMap>;

/**
 * Connect as the `cli` client, run `use`, and always close. Failures become {@link CliError}s with
 * exit codes; a transport failure is explained the way `doctor` explains it. The first SIGINT or
 * SIGTERM (`context.stopSignal`) closes the client at once.
 */
export async function withGatewayClient<T>(
  context: CommandContext,
  target: Target,
  options: { scopes: readonly string[]; timeoutMs: number },
  use: (client: CliClient) => Promise<T>,
): Promise<T> {
  const what = `cannot connect to ${target.url}`;
  let client: CliClient;
  try {
    client = new GatewayClient<MethodMap>(await clientOptions(context, target, options));
  } catch (error) {
    throw toCliError(error, what);
  }
  const stop = () => void client.close();
  context.stopSignal.addEventListener('abort', stop, { once: true });
  try {
    await client.connect().catch(async (error: unknown) => {
      throw await explainConnectFailure(toCliError(error, what), target, options.timeoutMs);
    });
    return await use(client).catch((error: unknown) => {
      throw toCliError(error, 'request failed');
    });
  } finally {
    context.stopSignal.removeEventListener('abort', stop);
    await client.close();
  }
}

async function clientOptions(context: CommandContext, target: Target, options: { scopes: readonly string[]; timeoutMs: number }): Promise<NodeGatewayClientOptions<EventMap>> {
  const auth: { token?: string; password?: string } = {};
  if (target.token !== undefined) auth.token = target.token;
  if (target.password !== undefined) auth.password = target.password;
  // An explicitly given token answers "does this token work?": a wrong one must fail as wrong, not
  // be hidden by a retry with the device token paired earlier.
  const explicitToken = target.source.token === 'flag' || target.source.token === 'env';
  return {
    url: target.url,
    client: { id: 'cli', mode: 'cli', version: context.version, displayName: 'gatewire cli' },
    scopes: options.scopes,
    auth: { ...auth, storedTokenFallback: !explicitToken },
    deviceAuth: deviceAuth({ identityStore: new FileIdentityStore({ directory: join(context.home.dir, 'cli-identity') }) }),
    reconnect: false,
    requestTimeoutMs: options.timeoutMs,
    connectTimeoutMs: options.timeoutMs,
    queue: { maxSize: 0 },
    ...(target.tlsFingerprint === undefined ? {} : { tlsFingerprint: target.tlsFingerprint }),
    ...(target.caFile === undefined ? {} : { ca: await readCaFile(target.caFile) }),
  };
}

/** Read the PEM file of `--ca`; a missing or unreadable file is a config error naming the flag. */
export async function readCaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the CA file given by --ca: ${(error as Error).message}`, ExitCodes.CONFIG, {
      cause: error,
      code: (error as NodeJS.ErrnoException).code ?? 'CONFIG',
    });
  }
}

/** Replace the SDK's view of an unreachable gateway with doctor's diagnosis, when it finds one. */
async function explainConnectFailure(failure: CliError, target: Target, timeoutMs: number): Promise<CliError> {
  if (failure.exitCode !== ExitCodes.UNREACHABLE || failure.code === 'HANDSHAKE_TIMEOUT') return failure;
  const check = await diagnoseConnectFailure(target, timeoutMs, target.caFile === undefined ? undefined : await readCaFile(target.caFile)).catch(() => undefined);
  if (check === undefined) return new CliError(`${failure.message} (try \`gatewire doctor\`)`, failure.exitCode, { cause: failure.cause, code: failure.code });
  const detailCode = /\(([A-Z][A-Z0-9_]{2,})\)/.exec(check.detail)?.[1];
  return new CliError(`cannot connect to ${target.url}: ${describeCheck(check)}`, ExitCodes.UNREACHABLE, {
    cause: failure.cause,
    code: detailCode ?? (check.id === 'tls' ? 'TLS_CERTIFICATE' : failure.code),
  });
}
