import type { Command } from 'commander';
import { CliError } from '../config/errors';
import type { CommandContext } from '../context';
import { withGatewayClient, type CliClient } from '../connect-client';
import { runDashboard } from '../monitor/dashboard-session';
import { TerminalScreen } from '../monitor/terminal-screen';
import { handlesStopSignal } from '../run/interruption';
import { resolveTarget, type Target, type TargetFlags } from '../target';
import { connectionLossError, type ConnectionLoss } from './monitor-loss';
import { printEventLines } from './monitor-lines';
import { withTargetOptions } from './target-options';

interface MonitorFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

/** Scopes of the scrolling view alone (`status`, events, pairing events). */
const EVENT_SCOPES = ['operator.read', 'operator.pairing'] as const;
/** The monitor feed (`monitor.subscribe`) needs `operator.admin` too. */
const FEED_SCOPES = [...EVENT_SCOPES, 'operator.admin'] as const;
/** Refusals that mean "these credentials do not reach `operator.admin`": fall back to the events view. */
const SCOPE_REFUSALS: ReadonlySet<string> = new Set(['PAIRING_REQUIRED', 'AUTH_SCOPE_MISMATCH']);

export function registerMonitor(program: Command, context: CommandContext): void {
  withTargetOptions(handlesStopSignal(program.command('monitor')))
    .description('live view of the gateway until Ctrl-C: a dashboard on a terminal, JSON or text lines when piped')
    .addHelpText(
      'after',
      [
        '',
        'On a terminal (without --json) the monitor draws a dashboard: connections with their age, requests/s,',
        'p50/p99 latency, refusals and slow-consumer closes, the top methods. Piped, or with --json, it prints one',
        'line per event instead, plus connection openings and closings. Both need operator.admin for the live',
        'feed; with narrower credentials the monitor falls back to the event lines.',
        '',
        'Exit code: 0 after Ctrl-C/SIGTERM. When the gateway goes away (stops, restarts, crashes) the monitor',
        'prints the close code and reason and exits 4 (5 when the token was reset, close 4001); it does not',
        'reconnect.',
      ].join('\n'),
    )
    .action(async (flags: MonitorFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      try {
        await watch(context, target, flags, true);
      } catch (error) {
        const why = feedUnavailable(error);
        if (why === undefined) throw error;
        context.io.err(`The live feed is not available (${why}); showing events only.`);
        await watch(context, target, flags, false);
      }
    });
}

/** Why the live feed cannot be had, when that is what `error` says; `undefined` for any other failure. */
function feedUnavailable(error: unknown): string | undefined {
  if (!(error instanceof CliError) || error.code === undefined) return undefined;
  if (SCOPE_REFUSALS.has(error.code)) return `it needs operator.admin, which these credentials do not grant: ${error.code}`;
  if (error.code === 'INVALID_REQUEST' && error.message.includes('unknown method: monitor.')) return 'the gateway does not serve monitor.subscribe';
  return undefined;
}

/** Connect, show the dashboard or the lines until Ctrl-C or the gateway goes away. */
async function watch(context: CommandContext, target: Target, flags: MonitorFlags, withFeed: boolean): Promise<void> {
  const { io } = context;
  const terminal = flags.json || !withFeed ? undefined : io.terminal;
  const scopes = withFeed ? FEED_SCOPES : EVENT_SCOPES;
  await withGatewayClient(context, target, { scopes, timeoutMs: flags.timeout }, async (client) => {
    const ended = whenEnded(client, context.stopSignal);
    let stop: () => void;
    if (terminal === undefined) {
      if (!flags.json) io.out(`Monitoring ${target.url} (Ctrl-C to stop)`);
      stop = await printEventLines(client, io, { json: flags.json, withFeed });
    } else {
      const screen = new TerminalScreen(terminal);
      const dashboard = await runDashboard(client, screen, { url: target.url, style: io.style });
      const stopResize = terminal.onResize(dashboard.redraw);
      stop = () => {
        stopResize();
        dashboard.stop();
      };
    }
    const loss = await ended.promise;
    stop();
    ended.dispose();
    if (loss !== undefined) {
      if (flags.json) io.out(JSON.stringify({ type: 'closed', ts: Date.now(), code: loss.code, reason: loss.reason }));
      throw connectionLossError(target.url, loss);
    }
  });
}

/** Resolves `undefined` on Ctrl-C/SIGTERM, or how the gateway ended the connection. */
function whenEnded(client: CliClient, stopSignal: AbortSignal): { promise: Promise<ConnectionLoss | undefined>; dispose: () => void } {
  let lastClose: ConnectionLoss = { code: 1006, reason: '' };
  let shutdownReason: string | undefined;
  const offEvent = client.onLifecycle('event', (received) => {
    if (received.event === 'shutdown') shutdownReason = String((received.payload as { reason?: unknown } | undefined)?.reason ?? '');
  });
  const offDisconnected = client.onLifecycle('disconnected', ({ code, reason }) => {
    lastClose = { code, reason, shutdownReason };
  });
  const promise = new Promise<ConnectionLoss | undefined>((resolve) => {
    if (stopSignal.aborted) resolve(undefined);
    stopSignal.addEventListener('abort', () => resolve(undefined), { once: true });
    client.onLifecycle('closed', () => resolve(stopSignal.aborted ? undefined : lastClose));
  });
  return {
    promise,
    dispose: () => {
      offEvent();
      offDisconnected();
    },
  };
}
