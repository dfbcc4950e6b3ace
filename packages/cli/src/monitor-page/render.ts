import type { NodeInfo, PresenceEntry } from '@gatewire/protocol/lite';
import { formatDuration, formatMs } from '../monitor/format';
import { OVERALL, type MonitorState } from '../monitor/monitor-state';
import { renderLatencyChart } from './latency-chart';

/** Charts drawn at most: the overall one and the busiest methods. */
const MAX_CHARTS = 12;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page lacks #${id}`);
  return element as T;
}

function text(id: string, value: string): void {
  byId(id).textContent = value;
}

function cell(row: HTMLTableRowElement, value: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = value;
  if (className !== undefined) td.className = className;
}

function listItem(value: string): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = value;
  return item;
}

/** Redraw everything the monitor feed carries. Text only (`textContent`): nothing from the wire becomes markup. */
export function renderFeed(state: MonitorState, now: number): void {
  const totals = state.totals;
  if (totals !== undefined) {
    text('total-connections', `${totals.connections.total} (operators ${totals.connections.operator}, nodes ${totals.connections.node}, unauthenticated ${totals.connections.unauthenticated})`);
    text('total-seen', `${state.openedSeen} opened, ${state.closedSeen} closed`);
    text('total-rate', totals.requestsPerSecond.toFixed(1));
    text('total-p50', formatMs(totals.p50Ms));
    text('total-p99', formatMs(totals.p99Ms));
    text('total-queue', `${totals.queueDepth}/${totals.queueLimit}, ${totals.pendingRequests} pending`);
    text('total-refusals', String(totals.refusals));
    text('total-slow', String(totals.slowConsumerCloses));
  }
  const body = byId<HTMLTableElement>('connections').tBodies[0] as HTMLTableSectionElement;
  body.replaceChildren();
  for (const connection of state.connectionList()) {
    const row = body.insertRow();
    row.dataset['connId'] = connection.connId;
    if (connection.closedAtMs !== undefined) row.className = 'closed';
    cell(row, connection.role);
    cell(row, `${connection.clientId}/${connection.clientMode}${connection.displayName === undefined ? '' : ` (${connection.displayName})`}${connection.platform === undefined ? '' : ` on ${connection.platform}`}`);
    cell(row, connection.clientIp);
    cell(row, connection.closedAtMs === undefined ? formatDuration(now - connection.connectedAtMs) : `closed ${connection.closeCode ?? ''}`);
    cell(row, connection.scopes.join(' '));
    cell(row, connection.connId.slice(0, 8), 'id');
  }
  const charts = [OVERALL, ...state.topMethods().map((row) => row.method)].slice(0, MAX_CHARTS);
  byId('charts').replaceChildren(...charts.map((method) => renderLatencyChart(method, state.history.get(method) ?? [])));
  byId('incidents').replaceChildren(
    ...state.incidents
      .slice()
      .reverse()
      .map((incident) => listItem(`${new Date(incident.ts).toLocaleTimeString()} ${incident.kind} ${incident.code} ${incident.clientIp ?? ''} ${incident.message}`)),
  );
  byId('events').replaceChildren(
    ...state.recentEvents
      .slice()
      .reverse()
      .map((event) => listItem(`${new Date(event.ts).toLocaleTimeString()} ${event.event}${event.count > 1 ? ` ×${event.count}` : ''}`)),
  );
}

export function renderPresence(entries: readonly PresenceEntry[]): void {
  byId('presence').replaceChildren(
    ...entries.map((entry) => listItem(`${entry.host ?? entry.deviceId ?? entry.instanceId ?? '?'} ${entry.mode ?? ''} ${entry.platform ?? ''} ${entry.ip ?? ''}${entry.reason === undefined ? '' : ` (${entry.reason})`}`)),
  );
}

export function renderNodes(nodes: readonly NodeInfo[]): void {
  byId('nodes').replaceChildren(
    ...(nodes.length === 0
      ? [listItem('no nodes')]
      : nodes.map((node) => listItem(`${node.displayName ?? node.nodeId} ${node.connected ? 'connected' : 'offline'}: ${node.commands.length === 0 ? 'no commands' : node.commands.join(', ')}`))),
  );
}

export function showStatus(value: string, failed = false): void {
  const status = byId('status');
  status.textContent = value;
  status.classList.toggle('error', failed);
}

export function showLoginError(value: string): void {
  text('login-error', value);
}

export function showDashboard(visible: boolean): void {
  byId('dashboard').hidden = !visible;
  byId('login').hidden = visible;
}
