import type { MonitorSnapshot, MonitorUpdateEvent } from '@gatewire/protocol/lite';
import type { CliClient } from '../connect-client';
import type { Style } from '../output/style';
import { renderDashboard } from './dashboard';
import { MonitorState } from './monitor-state';
import type { TerminalScreen } from './terminal-screen';

/** Ages on screen move on between updates: the dashboard is redrawn at least this often, ms. */
const REDRAW_INTERVAL_MS = 1000;

/**
 * The live terminal view of `gatewire monitor`: subscribes to the gateway's monitor feed, keeps a
 * {@link MonitorState}, and redraws the screen on every update, every second and on resize. A gap
 * in the updates (or the gateway's `resync`) is repaired with a new `monitor.snapshot`.
 * Resolves once subscribed, with `redraw` (after a resize) and `stop`.
 */
export async function runDashboard(client: CliClient, screen: TerminalScreen, view: { url: string; style: Style }): Promise<{ redraw: () => void; stop: () => void }> {
  const state = new MonitorState();
  let receivedAtMs = Date.now();
  let resyncing = false;
  const draw = () =>
    screen.draw(renderDashboard(state, { url: view.url, columns: screen.columns - 1, rows: screen.rows, now: Date.now(), receivedAtMs, style: view.style }));
  const resync = async () => {
    resyncing = true;
    try {
      state.applySnapshot((await client.request('monitor.snapshot', {})) as MonitorSnapshot);
      receivedAtMs = Date.now();
      draw();
    } finally {
      resyncing = false;
    }
  };
  const unsubscribe = client.onLifecycle('event', ({ event, payload }) => {
    if (event !== 'monitor.update' || resyncing) return;
    const outcome = state.applyUpdate(payload as MonitorUpdateEvent);
    if (outcome === 'resync') {
      void resync().catch(() => undefined);
      return;
    }
    receivedAtMs = Date.now();
    draw();
  });
  state.applySnapshot((await client.request('monitor.subscribe', {})) as MonitorSnapshot);
  receivedAtMs = Date.now();
  screen.open();
  draw();
  const timer = setInterval(draw, REDRAW_INTERVAL_MS);
  return {
    redraw: draw,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
      screen.close();
    },
  };
}
