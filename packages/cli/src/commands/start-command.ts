import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandContext } from '../context';
import { GatewayRunner } from '../runner/gateway-runner';
import { cliInvocation } from '../start/cli-invocation';
import type { StartFlags } from '../runner/effective-config';
import { parseIntegerOption } from './target-options';
import { handlesStopSignal } from '../run/interruption';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`expected a port 0..65535, got "${value}"`);
  return port;
}

export function registerStart(program: Command, context: CommandContext): void {
  handlesStopSignal(program.command('start'))
    .description('run the standalone gateway (127.0.0.1:18789, token auth by default) until Ctrl-C')
    .option('--port <port>', 'TCP port (0 picks a free one)', parsePort)
    .option('--bind <bind>', 'loopback (default), all, or an address')
    .addOption(new Option('--auth <mode>', 'authentication mode').choices(['token', 'password', 'none', 'trusted-proxy']))
    .option('--token <token>', 'shared token (default: generated once into $GATEWIRE_HOME/token)')
    .option('--password <password>', 'shared password (auth mode password)')
    .option('--allowed-origin <origin...>', 'browser origins allowed to connect')
    .option('--trusted-proxy <cidr...>', 'reverse proxies whose X-Forwarded-For is believed')
    .option('--tls-cert <path>', 'serve wss:// with this certificate (PEM)')
    .option('--tls-key <path>', 'private key of --tls-cert (PEM)')
    .option('--socket <path>', 'listen on a Unix socket instead of TCP')
    .option('--tick-interval <ms>', 'interval of tick events', parseIntegerOption)
    .option('--metrics', 'serve Prometheus metrics at GET /metrics (Authorization: Bearer <gateway token or --metrics-token>)')
    .option('--metrics-token <token>', 'a separate bearer token for scrapes (implies --metrics)')
    .option('--redis <url>', 'join the cluster of gateways on this Redis (redis://[:password@]host:port), see docs/guides/scaling-out.md')
    .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error', 'silent']))
    .addOption(new Option('--log-format <format>', 'log format (default: pretty on a terminal, json lines otherwise)').choices(['json', 'pretty']))
    .option('--monitor', 'serve the operator monitor page at /monitor (sign in with the token or a paired device; operator.admin)')
    .option('--config <path>', 'config file (default: config.yaml/config.yml/config.json in $GATEWIRE_HOME)')
    .addHelpText(
      'after',
      '\nSignals: SIGINT/SIGTERM stop gracefully (shutdown event, close 1012); SIGHUP reloads the config\n(auth, allowed origins, trusted proxies; other settings need `gatewire restart`).',
    )
    .action(async (flags: StartFlags & { config?: string }) => {
      const { io } = context;
      const runner = new GatewayRunner(context.home, flags, {
        notice: (text) => io.err(text),
        log: (line) => io.out(line.trimEnd()),
        style: io.style,
        logToTerminal: process.stdout.isTTY === true,
        invocation: { command: cliInvocation(), home: io.env['GATEWIRE_HOME'] === '' ? undefined : io.env['GATEWIRE_HOME'] },
      });
      // Listen for SIGHUP before the gateway prints its banner: a SIGHUP with no listener would
      // kill the process (the signal's default action). One that arrives while starting reloads after.
      let started = false;
      let reloadRequested = false;
      const reload = () => {
        runner.reload().catch((error: unknown) => io.err(`reload failed, keeping the running configuration: ${error instanceof Error ? error.message : String(error)}`));
      };
      const onHangup = () => {
        if (started) reload();
        else reloadRequested = true;
      };
      process.on('SIGHUP', onHangup);
      try {
        await runner.start();
      } catch (error) {
        process.off('SIGHUP', onHangup);
        throw error;
      }
      started = true;
      if (reloadRequested) reload();
      try {
        await new Promise<void>((resolve) => {
          if (context.stopSignal.aborted) resolve();
          context.stopSignal.addEventListener('abort', () => resolve(), { once: true });
        });
        io.err('Stopping gateway…');
        await runner.stop();
        io.err('Gateway stopped.');
      } finally {
        process.off('SIGHUP', onHangup);
      }
    });
}
