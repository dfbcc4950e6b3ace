import { connect } from 'node:net';
import { fail, pass, type CheckResult } from './check';
import type { Endpoint } from './endpoint';

const TITLE = 'Something is listening';

/** TCP (or Unix socket) connect: tells "refused" from "timed out" from "open". */
export function probeListening(endpoint: Endpoint, timeoutMs: number): Promise<CheckResult> {
  const where = endpoint.socketPath ?? `${endpoint.host}:${endpoint.port}`;
  return new Promise((resolve) => {
    const socket = endpoint.socketPath === undefined ? connect({ host: endpoint.host, port: endpoint.port }) : connect({ path: endpoint.socketPath });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(
        fail('listening', TITLE, `no answer from ${where} within ${timeoutMs} ms (timed out)`, 'A firewall or a wrong address drops the packets: check the host, the port and any firewall between you and the gateway.'),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(pass('listening', TITLE, `${where} accepts connections`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const refused = error.code === 'ECONNREFUSED' || error.code === 'ENOENT';
      resolve(
        fail(
          'listening',
          TITLE,
          refused ? `${where} refused the connection (${error.code})` : `${where}: ${error.code ?? error.message}`,
          refused
            ? 'Nothing listens there: start the gateway (`gatewire start`) or fix --url / the port in the config.'
            : 'Check that the host name resolves and the network is reachable.',
        ),
      );
    });
  });
}
