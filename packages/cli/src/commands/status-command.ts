import type { Command } from 'commander';
import type { ClusterGatewayStatus, StatusResult } from '@gatewire/protocol';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';
import { formatDuration } from '../monitor/format';

interface StatusFlags extends TargetFlags {
  timeout: number;
  json: boolean;
  verbose: boolean;
}

export function registerStatus(program: Command, context: CommandContext): void {
  withTargetOptions(program.command('status'))
    .description('connect as an operator and print the gateway status (and the cluster\'s gateways on Redis)')
    .option('--verbose', 'also print latency, queue and event counters', false)
    .action(async (flags: StatusFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const status = await withGatewayClient(context, target, { scopes: ['operator.read'], timeoutMs: flags.timeout }, (client) =>
        client.request('status', {}) as Promise<StatusResult>,
      );
      if (flags.json) {
        printJson(context.io, {
          url: target.url,
          status: status.status,
          details: status,
          connections: status.connections,
          countsIncludeThisCall: true,
          ...(status.cluster === undefined ? {} : { gateways: status.cluster.gateways }),
        });
        return;
      }
      context.io.out(formatStatus(status, target.url, flags.verbose, context));
    });
}

/** Human-readable status. */
export function formatStatus(status: StatusResult, url: string, verbose: boolean, context: CommandContext): string {
  const { style } = context.io;
  const lines = [
    `${style.bold('Gateway')} ${url}: ${status.status === 'ok' ? style.ok('ok') : style.warn(status.status)} (version ${status.version})`,
    `Uptime       ${formatDuration(status.uptimeMs)}`,
    `Connections  ${status.connections.total} (operators ${status.connections.operator}, nodes ${status.connections.node}, unauthenticated ${status.connections.unauthenticated}), counting this status call`,
    `Requests     ${status.pendingRequests} pending (this status request among them), queue depth ${status.queueDepth}`,
  ];
  if (status.cluster !== undefined) lines.push(...formatCluster(status.cluster.gateways, context));
  if (verbose) {
    lines.push(`Queue        ${queueFill(status)}`);
    lines.push(`Responses    avg ${status.latencyMs.avg.toFixed(2)} ms, p99 ${status.latencyMs.p99.toFixed(2)} ms${status.latencyWindowMs === undefined ? '' : ` (requests of the last ${formatDuration(status.latencyWindowMs)})`}`);
    lines.push(`Events       ${status.events.sent} sent, ${status.events.dropped} dropped`);
  }
  return lines.join('\n');
}

/** The cluster's gateways, one line each (counts as of each gateway's last lease renewal, about 1 s). */
function formatCluster(gateways: readonly ClusterGatewayStatus[], context: CommandContext): string[] {
  const { style } = context.io;
  const now = Date.now();
  return [
    `${style.bold('Cluster')}      ${gateways.length} gateway${gateways.length === 1 ? '' : 's'}`,
    ...gateways.map((gateway) => {
      const { connections } = gateway;
      const self = gateway.self ? ' (this one)' : '';
      return `  ${gateway.gatewayId}${self}: ${connections.total} connections (operators ${connections.operator}, nodes ${connections.node}, unauthenticated ${connections.unauthenticated}), up ${formatDuration(Math.max(0, now - gateway.startedAtMs))}`;
    }),
  ];
}

/** `3 of 256 waiting (1%)`: requests waiting for a handler slot, of the most that may wait. */
function queueFill(status: StatusResult): string {
  if (status.queueLimit === undefined) return `${status.queueDepth} waiting (the gateway does not report its limit)`;
  const percent = status.queueLimit === 0 ? 0 : Math.round((status.queueDepth / status.queueLimit) * 100);
  return `${status.queueDepth} of ${status.queueLimit} waiting (${percent}%), ${status.pendingRequests} pending`;
}
