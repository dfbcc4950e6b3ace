import { RedisAdapterError, RedisAdapterErrorCodes } from './redis-adapter-error';
import type { RedisConnection } from './redis-connection';

/** The oldest Redis the adapter supports (streams with `MAXLEN ~`, `TIME` in scripts, RESP3). */
export const MINIMUM_REDIS_VERSION = '7.0.0';

/** `redis_version` from `INFO server` text, or `undefined`. */
export function serverVersionOf(info: string): string | undefined {
  return /^redis_version:([0-9.]+)/m.exec(info)?.[1];
}

/** Whether `version` (`x.y.z`) is at least {@link MINIMUM_REDIS_VERSION}. */
export function isSupportedVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor = 0, minMinor = 0] = MINIMUM_REDIS_VERSION.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

/** Why a first connection failed, as a {@link RedisAdapterError}. */
export function startError(url: string, error: unknown): RedisAdapterError {
  const text = error instanceof Error ? error.message : String(error);
  const where = redactUrl(url);
  if (/WRONGPASS|NOAUTH|invalid username-password|invalid password/i.test(text)) {
    return new RedisAdapterError(RedisAdapterErrorCodes.AUTH_FAILED, `Redis at ${where} refused the credentials: ${text}`, { cause: error });
  }
  return new RedisAdapterError(RedisAdapterErrorCodes.UNREACHABLE, `Redis at ${where} is unreachable: ${text}`, { cause: error });
}

/** Connect `client` or throw a clear {@link RedisAdapterError}; then check the server version. */
export async function connectChecked(client: RedisConnection, url: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw startError(url, error);
  }
  const version = serverVersionOf(await client.info('server'));
  if (version === undefined || !isSupportedVersion(version)) {
    client.destroy();
    throw new RedisAdapterError(
      RedisAdapterErrorCodes.TOO_OLD,
      `Redis at ${redactUrl(url)} is version ${version ?? 'unknown'}; @gatewire/adapter-redis needs ${MINIMUM_REDIS_VERSION} or newer`,
    );
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(malformed URL)';
  }
}
