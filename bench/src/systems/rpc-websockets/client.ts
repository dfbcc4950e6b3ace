import { Client } from 'rpc-websockets';
import { ADD_METHOD, TICK_EVENT, type AddResult } from '../shared/fixture';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../types';

/** rpc-websockets 10 client: open, `login({ token })`, optionally `subscribe` to the event. */
export const rpcWebSocketsClientModule: SystemClientModule = {
  authKinds: ['token'],
  async connect(options: ClientConnectOptions): Promise<SystemClient> {
    const client = new Client(`ws://127.0.0.1:${options.port}`, { autoconnect: true, reconnect: false, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    });
    try {
      await client.login({ token: options.token });
      if (options.onEvent !== undefined) {
        client.on(TICK_EVENT, options.onEvent);
        await client.subscribe(TICK_EVENT);
      }
    } catch (error) {
      client.close();
      throw error;
    }
    return {
      async add(a, b) {
        const result = (await client.call(ADD_METHOD, { a, b })) as AddResult;
        return result.sum;
      },
      close: () => client.close(),
    };
  },
};
