import type { Command } from 'commander';
import type { CommandContext } from '../context';
import { readCaFile } from '../connect-client';
import { runDoctor } from '../doctor/run-doctor';
import { renderChecklist } from '../doctor/render';
import type { CheckResult } from '../doctor/check';
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
    .addHelpText('after', '\nExit code: 0 when every check passed; otherwise that of the first failed check: 4 when the gateway\ncannot be reached (listening, TLS, upgrade, protocol), 5 when the credentials are refused, 1 for\nthe clock and latency checks.')
    .action(async (flags: DoctorFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const results = await runDoctor({
        url: target.url,
        token: target.token,
        password: target.password,
        tlsFingerprint: target.tlsFingerprint,
        ca: target.caFile === undefined ? undefined : await readCaFile(target.caFile),
        timeoutMs: flags.timeout,
        clientVersion: context.version,
      });
      const failed = results.some((result) => result.status === 'fail');
      if (flags.json) printJson(context.io, { url: target.url, ok: !failed, checks: results });
      else context.io.out(`Gatewire doctor: ${target.url}\n\n${renderChecklist(results, context.io.style)}`);
      process.exitCode = doctorExitCode(results);
    });
}

/** The exit code of a doctor run: that of the first failed check in the documented table. */
export function doctorExitCode(results: readonly CheckResult[]): number {
  const failed = results.find((result) => result.status === 'fail');
  if (failed === undefined) return ExitCodes.OK;
  if (failed.id === 'auth') return ExitCodes.AUTH;
  return failed.id === 'clock' || failed.id === 'latency' ? ExitCodes.FAILURE : ExitCodes.UNREACHABLE;
}
