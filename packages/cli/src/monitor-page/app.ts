/**
 * The `/monitor` page of `gatewire start --monitor`, on the browser build of `@gatewire/client`.
 * It signs in (the gateway token, or this browser's paired device key kept in IndexedDB), follows
 * the gateway's monitor feed (`monitor.subscribe` + `monitor.update`), and keeps presence and the
 * node list fresh. `window.gatewire` is the connected client, for calls from the devtools console.
 */
import { GatewayClient } from '@gatewire/client/browser';
import { deviceAuth } from '@gatewire/client/device';
import { IndexedDbIdentityStore } from '@gatewire/client/indexeddb';
import type { MonitorSnapshot, MonitorUpdateEvent, NodeListResult, PresenceEntry } from '@gatewire/protocol/lite';
import { MonitorState } from '../monitor/monitor-state';
import { renderFeed, renderNodes, renderPresence, showDashboard, showLoginError, showStatus } from './render';

declare global {
  interface Window {
    /** The connected client (devtools: `await gatewire.request('status')`). */
    gatewire?: GatewayClient;
    /** What the page has seen, for tests and the curious. */
    gatewireMonitor?: MonitorState;
  }
}

const ADMIN = 'operator.admin';
/** Node list refreshes after node connections come and go are spaced by at least this, ms. */
const NODE_REFRESH_MS = 250;

async function signIn(token: string | undefined): Promise<void> {
  showLoginError('');
  showStatus('signing in…');
  const client = new GatewayClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`,
    auth: token === undefined ? {} : { token },
    deviceAuth: deviceAuth({ identityStore: new IndexedDbIdentityStore() }),
    scopes: [ADMIN],
    client: { id: 'openclaw-control-ui', mode: 'ui', displayName: 'gatewire monitor page' },
  });
  try {
    const hello = await client.connect();
    if (!(hello.auth?.scopes ?? []).includes(ADMIN)) throw new Error('these credentials do not grant operator.admin, which the monitor needs');
    await follow(client);
  } catch (error) {
    await client.close();
    showDashboard(false);
    showStatus('signed out');
    showLoginError(error instanceof Error ? error.message : String(error));
  }
}

async function follow(client: GatewayClient): Promise<void> {
  const state = new MonitorState();
  let receivedAtMs = Date.now();
  let resyncing = false;
  const draw = () => renderFeed(state, state.ts + (Date.now() - receivedAtMs));
  const applySnapshot = (snapshot: MonitorSnapshot) => {
    state.applySnapshot(snapshot);
    receivedAtMs = Date.now();
    draw();
  };
  let nodeRefresh: ReturnType<typeof setTimeout> | undefined;
  const refreshNodes = () => {
    nodeRefresh ??= setTimeout(() => {
      nodeRefresh = undefined;
      client.request('node.list').then((result: NodeListResult) => renderNodes(result.nodes), () => undefined);
    }, NODE_REFRESH_MS);
  };
  client.onEvent('monitor.update', (update: MonitorUpdateEvent) => {
    if (resyncing) return;
    const outcome = state.applyUpdate(update);
    if (outcome === 'resync') {
      resyncing = true;
      client.request('monitor.snapshot').then(applySnapshot, () => undefined).finally(() => (resyncing = false));
      return;
    }
    if (outcome === 'applied') {
      receivedAtMs = Date.now();
      draw();
      if ([...update.opened, ...update.closed].some((change) => 'role' in change ? change.role === 'node' : state.connections.get(change.connId)?.role === 'node')) refreshNodes();
    }
  });
  client.onEvent('presence', ({ presence }: { presence: PresenceEntry[] }) => renderPresence(presence));
  client.on('state', ({ to }) => showStatus(to === 'connected' ? `connected to ${location.host}` : to, to !== 'connected'));
  client.on('hello', ({ reconnected }) => {
    // A new connection has no subscription: take it again (and a fresh snapshot with it).
    if (reconnected) void client.request('monitor.subscribe').then(applySnapshot, () => undefined);
  });
  applySnapshot(await client.request('monitor.subscribe'));
  renderPresence(await client.request('system-presence'));
  renderNodes((await client.request('node.list')).nodes);
  setInterval(draw, 1000);
  window.gatewire = client;
  window.gatewireMonitor = state;
  showDashboard(true);
  showStatus(`connected to ${location.host}`);
}

function start(): void {
  const form = document.getElementById('login') as HTMLFormElement;
  const tokenInput = document.getElementById('token') as HTMLInputElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    tokenInput.value = '';
    void signIn(token === '' ? undefined : token);
  });
  document.getElementById('sign-in-device')?.addEventListener('click', () => void signIn(undefined));
  // A link may carry the token in the fragment (`/monitor#token=…`), which never leaves the browser.
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment !== null && fromFragment !== '') {
    history.replaceState(null, '', location.pathname);
    void signIn(fromFragment);
  }
}

start();
