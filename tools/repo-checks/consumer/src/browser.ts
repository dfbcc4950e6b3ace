import { GatewayClient } from '@gatewire/client/browser';
import { deviceAuth } from '@gatewire/client/device';
import { IndexedDbIdentityStore } from '@gatewire/client/indexeddb';
import type { AppEvents, AppMethods } from './api.js';

/** A browser app's client: typed calls, device identity in IndexedDB. */
export async function addInBrowser(url: string): Promise<number> {
  const client = new GatewayClient<AppMethods, AppEvents>({ url, deviceAuth: deviceAuth({ identityStore: new IndexedDbIdentityStore() }) });
  await client.connect();
  const { sum } = await client.request('math.add', { a: 2, b: 3 });
  await client[Symbol.asyncDispose]();
  return sum;
}
