import type { Command } from 'commander';
import type { StatusResult } from '@gatewire/protocol';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';

interface StatusFlags extends TargetFlags {
  timeout: number;
  json: boolean;
  verbose: boolean;
}

export function registerStatus(program: Command, context: CommandContext): void {
  withTargetOptions(program.command('status'))
    .description('connect as an operator and print the gateway status')
    .option('--verbose', 'also print latency, queue and event counters', false)
    .action(async (flags: StatusFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const status = await withGatewayClient(context, target, { scopes: ['operator.read'], timeoutMs: flags.timeout }, (client) =>
        client.request('status', {}) as Promise<StatusResult>,
      );
      if (flags.json) {
        printJson(context.io, { url: target.url, status: status.status, details: status, connections: status.connections, countsIncludeThisCall: true });
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
  if (verbose) {
    lines.push(`Events       ${status.events.sent} sent, ${status.events.dropped} dropped`);
    lines.push(`Latency      avg ${status.latencyMs.avg.toFixed(2)} ms, p99 ${status.latencyMs.p99.toFixed(2)} ms`);
  }
  return lines.join('\n');
}

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const parts = [Math.floor(seconds / 86400) && `${Math.floor(seconds / 86400)}d`, Math.floor(seconds / 3600) % 24 && `${Math.floor(seconds / 3600) % 24}h`, Math.floor(seconds / 60) % 60 && `${Math.floor(seconds / 60) % 60}m`, `${seconds % 60}s`];
  return parts.filter(Boolean).join(' ');
}
