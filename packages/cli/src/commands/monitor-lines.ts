import type { MonitorUpdateEvent, StatusResult } from '@gatewire/protocol/lite';
import type { CliClient } from '../connect-client';
import type { CommandIo } from '../output/io';

/** Events whose payload is worth a summary line. */
function summarize(event: string, payload: unknown): string {
  const value = payload as Record<string, unknown> | undefined;
  switch (event) {
    case 'tick':
      return '';
    case 'presence':
      return `${(value?.['presence'] as unknown[] | undefined)?.length ?? 0} present`;
    case 'device.pair.requested':
      return `request ${String(value?.['requestId'])} from device ${String(value?.['deviceId']).slice(0, 12)}…`;
    case 'device.pair.resolved':
      return `request ${String(value?.['requestId'])} ${String(value?.['decision'])}`;
    case 'shutdown':
      return `${String(value?.['reason'])}`;
    default:
      return JSON.stringify(payload ?? null).slice(0, 160);
  }
}

/** Text lines for the connection changes and incidents of a `monitor.update` (none for a heartbeat). */
function monitorUpdateLines(update: MonitorUpdateEvent): string[] {
  return [
    ...update.opened.map((opened) => `connection opened  ${opened.role} ${opened.clientId}/${opened.clientMode} from ${opened.clientIp} (${opened.connId.slice(0, 8)})`),
    ...update.closed.map((closed) => `connection closed  ${closed.code}${closed.reason ? ` ${closed.reason}` : ''} (${closed.connId.slice(0, 8)})`),
    ...update.incidents.map((incident) => `${incident.kind}  ${incident.code} ${incident.clientIp ?? ''} ${incident.message}`),
  ];
}

/** Whether a `monitor.update` has something to print (connection changes or incidents). */
function isNewsworthy(update: MonitorUpdateEvent): boolean {
  return update.opened.length > 0 || update.closed.length > 0 || update.incidents.length > 0 || update.resync;
}

/**
 * The scrolling view of `gatewire monitor` (piped, or `--json`): one line per event, and the
 * connection counts on every tick or presence change. With the monitor feed (`withFeed`), also the
 * `monitor.update` events that carry connection changes or incidents, so connections that live
 * for a moment are seen. Returns the unsubscribe function.
 */
export async function printEventLines(client: CliClient, io: CommandIo, options: { json: boolean; withFeed: boolean }): Promise<() => void> {
  const printCounts = async () => {
    const status = (await client.request('status', {})) as StatusResult;
    if (options.json) io.out(JSON.stringify({ type: 'connections', ts: Date.now(), connections: status.connections }));
    else io.out(io.style.dim(`${new Date().toISOString()}  connections ${status.connections.total} (operators ${status.connections.operator}, nodes ${status.connections.node})`));
  };
  await printCounts();
  const unsubscribe = client.onLifecycle('event', (received) => {
    if (received.event === 'monitor.update' && !isNewsworthy(received.payload as MonitorUpdateEvent)) return;
    if (options.json) {
      io.out(JSON.stringify({ type: 'event', ts: Date.now(), event: received.event, seq: received.seq, payload: received.payload }));
    } else if (received.event === 'monitor.update') {
      for (const line of monitorUpdateLines(received.payload as MonitorUpdateEvent)) io.out(`${new Date().toISOString()}  ${line}`);
    } else {
      const summary = summarize(received.event, received.payload);
      io.out(`${new Date().toISOString()}  ${io.style.bold(received.event)}${received.seq === undefined ? '' : ` #${received.seq}`}${summary ? `  ${summary}` : ''}`);
    }
    if (received.event === 'tick' || received.event === 'presence') void printCounts().catch(() => undefined);
  });
  if (options.withFeed) {
    // A gateway that goes away meanwhile is reported by the caller as a loss (close code and reason), not as a failed request.
    await client.request('monitor.subscribe', {}).catch((error: unknown) => {
      if (client.state === 'connected') throw error;
    });
  }
  return unsubscribe;
}
