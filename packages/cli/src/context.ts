import type { GatewayHome } from './config/home';
import type { CommandIo } from './output/io';

/** What every command gets: where to write, the home directory, and a way to set the exit code. */
export interface CommandContext {
  readonly io: CommandIo;
  readonly home: GatewayHome;
  /** The CLI's own version (reported as `client.version`). */
  readonly version: string;
  /** Resolves when the process should stop (SIGINT/SIGTERM), for long-running commands. */
  readonly stopSignal: AbortSignal;
}
