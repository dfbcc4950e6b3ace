import { join } from 'node:path';
import { FileIdentityStore, GatewayClient, GatewayClientError, GatewayRequestError } from '@gatewire/client/node';
import type { MethodMap } from '@gatewire/protocol';
import { CliError } from './config/errors';
import type { CommandContext } from './context';
import { ExitCodes } from './exit-codes';
import type { Target } from './target';

/** A client for one CLI command: no reconnection, the CLI's own identity, bounded waits. */
export type CliClient = GatewayClient<MethodMap>;

/** Connect as the `cli` client, run `use`, and always close. Failures become {@link CliError}s with exit codes. */
export async function withGatewayClient<T>(
  context: CommandContext,
  target: Target,
  options: { scopes: readonly string[]; timeoutMs: number },
  use: (client: CliClient) => Promise<T>,
): Promise<T> {
  const auth: { token?: string; password?: string } = {};
  if (target.token !== undefined) auth.token = target.token;
  if (target.password !== undefined) auth.password = target.password;
  const client = new GatewayClient<MethodMap>({
    url: target.url,
    client: { id: 'cli', mode: 'cli', version: context.version, displayName: 'gatewire cli' },
    scopes: options.scopes,
    auth,
    identityStore: new FileIdentityStore({ directory: join(context.home.dir, 'cli-identity') }),
    reconnect: false,
    requestTimeoutMs: options.timeoutMs,
    connectTimeoutMs: options.timeoutMs,
    queue: { maxSize: 0 },
    ...(target.tlsFingerprint === undefined ? {} : { tlsFingerprint: target.tlsFingerprint }),
  });
  try {
    await client.connect().catch((error: unknown) => {
      throw toCliError(error, `cannot connect to ${target.url}`);
    });
    return await use(client).catch((error: unknown) => {
      throw toCliError(error, 'request failed');
    });
  } finally {
    await client.close();
  }
}

/** Map client errors onto the CLI's exit codes. */
export function toCliError(error: unknown, what: string): CliError {
  if (error instanceof CliError) return error;
  if (GatewayRequestError.isInstance(error)) {
    const detail = error.detailCode === undefined ? '' : ` [${error.detailCode}]`;
    const authCodes = ['NOT_PAIRED', 'FORBIDDEN'];
    const isAuth = authCodes.includes(error.code) || (error.detailCode?.startsWith('AUTH_') ?? false) || error.detailCode === 'PAIRING_REQUIRED';
    return new CliError(`${what}: ${error.code}: ${error.message}${detail}`, isAuth ? ExitCodes.AUTH : ExitCodes.REQUEST_FAILED, { cause: error });
  }
  if (GatewayClientError.isInstance(error)) {
    const code = error.code === 'AUTH_FAILED' ? ExitCodes.AUTH : error.code === 'INVALID_OPTIONS' ? ExitCodes.USAGE : ExitCodes.UNREACHABLE;
    return new CliError(`${what}: ${error.code}: ${error.message} (try \`gatewire doctor\`)`, code, { cause: error });
  }
  return new CliError(`${what}: ${error instanceof Error ? error.message : String(error)}`, ExitCodes.FAILURE, { cause: error });
}
