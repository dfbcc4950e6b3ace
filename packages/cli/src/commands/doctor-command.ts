import type { Command } from 'commander';
import type { CommandContext } from '../context';
import { runDoctor } from '../doctor/run-doctor';
import { renderChecklist } from '../doctor/render';
import { ExitCodes } from '../exit-codes';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';

interface DoctorFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

export function registerDoctor(program: Command, context: CommandContext): void {
  withTargetOptions(program.command('doctor'))
    .description('diagnose a gateway step by step: listening, TLS, challenge, clock, protocol, auth, latency')
    .addHelpText('after', '\nExit code: 0 when every check passed, 1 when any failed.')
    .action(async (flags: DoctorFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const results = await runDoctor({
        url: target.url,
        token: target.token,
        password: target.password,
        tlsFingerprint: target.tlsFingerprint,
        timeoutMs: flags.timeout,
        clientVersion: context.version,
      });
      const failed = results.some((result) => result.status === 'fail');
      if (flags.json) printJson(context.io, { url: target.url, ok: !failed, checks: results });
      else context.io.out(`Gatewire doctor: ${target.url}\n\n${renderChecklist(results, context.io.style)}`);
      process.exitCode = failed ? ExitCodes.FAILURE : ExitCodes.OK;
    });
}
