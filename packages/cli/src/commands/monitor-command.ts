import type { Command } from 'commander';
import type { StatusResult } from '@gatewire/protocol';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';
import { handlesStopSignal } from '../run/interruption';
import { connectionLossError, type ConnectionLoss } from './monitor-loss';

interface MonitorFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

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

export function registerMonitor(program: Command, context: CommandContext): void {
  withTargetOptions(handlesStopSignal(program.command('monitor')))
    .description('live view of gateway events and connection counts, until Ctrl-C')
    .addHelpText(
      'after',
      '\nExit code: 0 after Ctrl-C/SIGTERM. When the gateway goes away (stops, restarts, crashes) the monitor\nprints the close code and reason and exits 4 (5 when the token was reset, close 4001); it does not\nreconnect.',
    )
    .action(async (flags: MonitorFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const { io } = context;
      await withGatewayClient(context, target, { scopes: ['operator.read', 'operator.pairing'], timeoutMs: flags.timeout }, async (client) => {
        const printCounts = async () => {
          const status = (await client.request('status', {})) as StatusResult;
          if (flags.json) io.out(JSON.stringify({ type: 'connections', ts: Date.now(), connections: status.connections }));
          else io.out(io.style.dim(`${new Date().toISOString()}  connections ${status.connections.total} (operators ${status.connections.operator}, nodes ${status.connections.node})`));
        };
        if (!flags.json) io.out(`Monitoring ${target.url} (Ctrl-C to stop)`);
        await printCounts();
        let lastClose: ConnectionLoss = { code: 1006, reason: '' };
        let shutdownReason: string | undefined;
        client.onLifecycle('disconnected', ({ code, reason }) => {
          lastClose = { code, reason, shutdownReason };
        });
        const stopped = new Promise<ConnectionLoss | undefined>((resolve) => {
          if (context.stopSignal.aborted) resolve(undefined);
          context.stopSignal.addEventListener('abort', () => resolve(undefined), { once: true });
          client.onLifecycle('closed', () => resolve(context.stopSignal.aborted ? undefined : lastClose));
        });
        const unsubscribe = client.onLifecycle('event', (received) => {
          if (received.event === 'shutdown') shutdownReason = String((received.payload as { reason?: unknown } | undefined)?.reason ?? '');
          if (flags.json) {
            io.out(JSON.stringify({ type: 'event', ts: Date.now(), event: received.event, seq: received.seq, payload: received.payload }));
          } else {
            const summary = summarize(received.event, received.payload);
            io.out(`${new Date().toISOString()}  ${io.style.bold(received.event)}${received.seq === undefined ? '' : ` #${received.seq}`}${summary ? `  ${summary}` : ''}`);
          }
          if (received.event === 'tick' || received.event === 'presence') void printCounts().catch(() => undefined);
        });
        const loss = await stopped;
        unsubscribe();
        if (loss !== undefined) {
          if (flags.json) io.out(JSON.stringify({ type: 'closed', ts: Date.now(), code: loss.code, reason: loss.reason }));
          throw connectionLossError(target.url, loss);
        }
      });
    });
}
