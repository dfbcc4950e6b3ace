import type { Command } from 'commander';
import type { CommandContext } from '../context';
import { readStoredToken, resetToken } from '../config/home';
import { withGatewayClient } from '../connect-client';
import { CliError } from '../config/errors';
import { ExitCodes } from '../exit-codes';
import { printJson } from '../output/io';
import { reloadMethod, restartMethod } from '../runner/admin-methods';
import { resolveTarget, type TargetFlags } from '../target';
import { parseIntegerOption, withTargetOptions } from './target-options';

interface AdminFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

export function registerAdmin(program: Command, context: CommandContext): void {
  withTargetOptions(program.command('restart'))
    .description('gracefully restart a running standalone gateway (clients reconnect by themselves)')
    .option('--expected <ms>', 'tell clients when to expect it back', parseIntegerOption, 1000)
    .action(async (flags: AdminFlags & { expected: number }) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const result = await withGatewayClient(context, target, { scopes: ['operator.admin'], timeoutMs: flags.timeout }, (client) =>
        client.request(restartMethod.name, { restartExpectedMs: flags.expected }),
      );
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Restarting ${target.url}; clients reconnect by themselves.`);
    });

  const token = program.command('token').description('manage the shared token of the local gateway');
  withTargetOptions(token.command('reset'))
    .description('replace the token in $GATEWIRE_HOME/token; a running gateway closes old-token sessions (4001)')
    .action(async (flags: AdminFlags) => {
      const old = flags.token ?? (await readStoredToken(context.home));
      const fresh = await resetToken(context.home);
      const target = await resolveTarget({ ...flags, token: old ?? fresh }, context.home, context.io.env);
      let applied: { closedSessions: number } | undefined;
      try {
        applied = (await withGatewayClient(context, target, { scopes: ['operator.admin'], timeoutMs: flags.timeout }, (client) =>
          client.request(reloadMethod.name, {}),
        )) as { closedSessions: number };
      } catch (error) {
        if (!(error instanceof CliError) || error.exitCode !== ExitCodes.UNREACHABLE) throw error;
      }
      if (flags.json) return printJson(context.io, { token: fresh, file: context.home.tokenFile, appliedToRunningGateway: applied !== undefined, closedSessions: applied?.closedSessions ?? 0 });
      context.io.out(`New token: ${fresh}`);
      context.io.out(`Stored in ${context.home.tokenFile} (mode 0600).`);
      context.io.out(applied === undefined ? 'No gateway is running at that address: the token applies at the next start.' : `The running gateway now uses it; ${applied.closedSessions} old-token session(s) closed.`);
    });
}
