/**
 * The page's script. `@gatewire/client` resolves to the client's browser build here (esbuild
 * bundles it with the `browser` export condition): the global WebSocket, no Node module.
 */
import { GatewayClient } from '@gatewire/client';
import { deviceAuth } from '@gatewire/client/device';
import { IndexedDbIdentityStore } from '@gatewire/client/indexeddb';
import type { AppMethods } from '../api';

/** What the page reports on `window.gatewireResult` (for a person in devtools, and for the test). */
export interface PageResult {
  readonly ok: boolean;
  readonly state?: string;
  readonly healthOk?: boolean;
  readonly greeting?: string;
  readonly platform?: string;
  readonly error?: string;
}

declare global {
  interface Window {
    gatewireResult?: PageResult;
  }
}

function show(id: string, text: string, failed = false): void {
  const element = document.getElementById(id);
  if (element === null) return;
  element.textContent = text;
  element.classList.toggle('failed', failed);
}

async function run(): Promise<PageResult> {
  // The server printed the URL with the token in the fragment, which never leaves the browser.
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
  // A page connects as a web chat client (the browser build's default identity), which the gateway
  // asks for a device identity: the key pair is kept, non-extractable, in IndexedDB.
  const identityStore = new IndexedDbIdentityStore();
  const client = new GatewayClient<AppMethods>({ url: `ws://${location.host}/ws`, auth: { token }, deviceAuth: deviceAuth({ identityStore }), reconnect: false });
  client.on('state', ({ to }) => show('state', to));

  const hello = await client.connect();
  const health = await client.request('health');
  show('health', health.ok ? `ok (gateway ${hello.server.version})` : 'not ok', !health.ok);

  const { greeting, platform } = await client.request('app.greet', { name: 'browser' });
  show('greeting', greeting);
  return { ok: true, state: client.state, healthOk: health.ok, greeting, platform };
}

run().then(
  (result) => {
    window.gatewireResult = result;
  },
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    show('state', message, true);
    window.gatewireResult = { ok: false, error: message };
  },
);
