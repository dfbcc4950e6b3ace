import type { Style } from '../output/style';
import { fit, formatDuration, formatMs } from './format';
import type { MonitorState, ViewedConnection } from './monitor-state';

/** What the dashboard is drawn for. */
export interface DashboardFrame {
  readonly url: string;
  readonly columns: number;
  readonly rows: number;
  /** The viewer's clock (ages are computed against the gateway's last report, shifted by the time since it). */
  readonly now: number;
  /** When the last report arrived, on the viewer's clock. */
  readonly receivedAtMs: number;
  readonly style: Style;
}

const MIN_SECTION_ROWS = 2;

/**
 * The terminal dashboard of `gatewire monitor`: a header with the gateway-wide figures, then the
 * connections, the top methods and the latest incidents, each cut to fit `rows` × `columns`.
 */
export function renderDashboard(state: MonitorState, frame: DashboardFrame): string[] {
  const { style, columns } = frame;
  const gatewayNow = state.ts + (frame.now - frame.receivedAtMs);
  const totals = state.totals;
  const head = [
    style.bold(fit(`Gatewire monitor  ${frame.url}  gateway ${state.serverVersion}  up ${formatDuration(gatewayNow - state.startedAtMs)}  (Ctrl-C to quit)`, columns)),
  ];
  if (totals !== undefined) {
    const { connections } = totals;
    head.push(
      fit(`Connections ${connections.total} (operators ${connections.operator}, nodes ${connections.node}, unauthenticated ${connections.unauthenticated})  seen ${state.openedSeen} opened, ${state.closedSeen} closed`, columns),
    );
    head.push(fit(`Requests ${totals.requestsPerSecond.toFixed(1)}/s  p50 ${formatMs(totals.p50Ms)} ms  p99 ${formatMs(totals.p99Ms)} ms  pending ${totals.pendingRequests}  queue ${totals.queueDepth}/${totals.queueLimit}`, columns));
    const incidentsLine = `Refusals ${totals.refusals}  Slow-consumer closes ${totals.slowConsumerCloses}`;
    head.push(fit(incidentsLine, columns));
  }
  const budget = Math.max(0, frame.rows - head.length);
  const connections = state.connectionList();
  const methods = state.topMethods();
  const incidents = state.incidents.slice().reverse();
  // Share the rows left: connections get half, methods and incidents a quarter each (each at least a header and one row).
  const methodRows = Math.max(MIN_SECTION_ROWS, Math.min(methods.length + 2, Math.floor(budget / 4)));
  const incidentRows = Math.max(MIN_SECTION_ROWS, Math.min(incidents.length + 2, Math.floor(budget / 4)));
  const connectionRows = Math.max(MIN_SECTION_ROWS, budget - methodRows - incidentRows);
  const lines = [
    ...head,
    ...section(style.bold(fit(`CONNECTIONS (${connections.filter((connection) => connection.closedAtMs === undefined).length})`, columns)), connectionRows, [
      style.dim(fit(`${'ROLE'.padEnd(9)}${'CLIENT'.padEnd(26)}${'ADDRESS'.padEnd(18)}${'AGE'.padEnd(13)}SCOPES`, columns)),
      ...connections.map((connection) => connectionLine(connection, gatewayNow, columns, style)),
    ]),
    ...section(style.bold(fit('TOP METHODS (last 10 s)', columns)), methodRows, [
      style.dim(fit(`${'METHOD'.padEnd(30)}${'REQ/S'.padStart(8)}${'P50 ms'.padStart(9)}${'P99 ms'.padStart(9)}${'ERRORS'.padStart(8)}${'TOTAL'.padStart(9)}`, columns)),
      ...methods.map((row) =>
        fit(`${fit(row.method, 29)} ${row.ratePerSecond.toFixed(2).padStart(8)}${formatMs(row.p50Ms).padStart(9)}${formatMs(row.p99Ms).padStart(9)}${String(row.errors).padStart(8)}${String(row.totalCount).padStart(9)}`, columns),
      ),
    ]),
    ...section(style.bold(fit('INCIDENTS (newest first)', columns)), incidentRows, incidents.map((incident) =>
      fit(`${new Date(incident.ts).toISOString().slice(11, 19)}  ${incident.kind.padEnd(15)} ${incident.code.padEnd(24)} ${incident.clientIp ?? ''}  ${incident.message}`, columns),
    )),
  ];
  return lines.slice(0, frame.rows);
}

/** A section: its title, then as many of `body` as fit in `rows` (the last line says how many more). */
function section(title: string, rows: number, body: string[]): string[] {
  const room = rows - 1;
  if (body.length <= room) return [title, ...body];
  const shown = body.slice(0, Math.max(0, room - 1));
  return [title, ...shown, `  … ${body.length - shown.length} more`];
}

function connectionLine(connection: ViewedConnection, gatewayNow: number, columns: number, style: DashboardFrame['style']): string {
  const client = `${connection.clientId}/${connection.clientMode}${connection.displayName === undefined ? '' : ` ${connection.displayName}`}`;
  const age = connection.closedAtMs === undefined ? formatDuration(gatewayNow - connection.connectedAtMs) : `closed ${connection.closeCode ?? ''}`;
  const line = fit(`${connection.role.padEnd(9)}${fit(client, 25)} ${fit(connection.clientIp, 17)} ${fit(age, 12)} ${connection.scopes.join(',')}`, columns);
  return connection.closedAtMs === undefined ? line : style.dim(line);
}
