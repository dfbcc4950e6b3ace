import type { ClientEventName, ClientEvents, ConnectionState, GatewayClientBase } from '../../src/index';

type FirstArg<K extends ClientEventName> = Parameters<ClientEvents[K]>[0];
type AnyClient = GatewayClientBase<never, never> | GatewayClientBase;

/** Resolve with the next `event` of `client` that satisfies `predicate`. */
export function nextEvent<K extends ClientEventName>(
  client: AnyClient,
  event: K,
  predicate: (value: FirstArg<K>) => boolean = () => true,
): Promise<FirstArg<K>> {
  return new Promise((resolve) => {
    const listener = (value: FirstArg<K>): void => {
      if (!predicate(value)) return;
      (client as GatewayClientBase).off(event, listener as never);
      resolve(value);
    };
    (client as GatewayClientBase).on(event, listener as never);
  });
}

/** Resolve when `client` enters `state` (at once if it is there already). */
export async function waitForState(client: AnyClient, state: ConnectionState): Promise<void> {
  if ((client as GatewayClientBase).state === state) return;
  await nextEvent(client, 'state', (change) => change.to === state);
}

/** Record every state the client enters. */
export function recordStates(client: AnyClient): ConnectionState[] {
  const states: ConnectionState[] = [];
  (client as GatewayClientBase).on('state', (change) => states.push(change.to));
  return states;
}
