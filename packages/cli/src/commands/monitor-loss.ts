import { CloseCodes } from '@gatewire/protocol';
import { CliError } from '../config/errors';
import { ExitCodes } from '../exit-codes';

/** How the monitor's connection ended, when the gateway (not the user) ended it. */
export interface ConnectionLoss {
  readonly code: number;
  readonly reason: string;
  /** The reason of the `shutdown` event that came before the close, if one did. */
  readonly shutdownReason?: string | undefined;
}

/**
 * The failure `gatewire monitor` ends with when it loses the gateway: the close code and reason in
 * words. Exit 5 when the gateway invalidated the credentials (4001, e.g. `gatewire token reset`),
 * else 4 (the gateway stopped, restarted, crashed or the network dropped). The monitor does not
 * reconnect: a supervisor or a script sees the loss and decides.
 */
export function connectionLossError(url: string, loss: ConnectionLoss): CliError {
  const announced = loss.shutdownReason === undefined ? '' : ` after shutdown "${loss.shutdownReason}"`;
  const closed = `connection closed ${loss.code}${loss.reason ? ` (${loss.reason})` : ''}${announced}`;
  if (loss.code === CloseCodes.AUTH_INVALIDATED) {
    return new CliError(`lost ${url}: ${closed}: the gateway invalidated our credentials (token reset?); run monitor again with the current token.`, ExitCodes.AUTH, { code: 'CONNECTION_LOST' });
  }
  const why =
    loss.code === CloseCodes.SERVICE_RESTART
      ? 'the gateway is restarting or stopping; run monitor again once it is back'
      : loss.code === 1006
        ? 'the gateway went away without closing (it crashed or the network dropped)'
        : 'the gateway ended the session';
  return new CliError(`lost ${url}: ${closed}: ${why}.`, ExitCodes.UNREACHABLE, { code: 'CONNECTION_LOST' });
}
