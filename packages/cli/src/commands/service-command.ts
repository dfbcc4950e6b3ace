import { realpathSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CommandContext } from '../context';
import { launchdPlist, serviceUnitPath, systemdUnit, writeServiceUnit } from './service';

interface ServiceFlags {
  systemd?: boolean;
  launchd?: boolean;
  write: boolean;
}

export function registerService(program: Command, context: CommandContext): void {
  const service = program.command('service').description('keep the gateway running under a service manager');
  service
    .command('install')
    .description('print (or write with --write) a systemd user unit or a launchd agent that runs `gatewire start`')
    .addOption(new Option('--systemd', 'a systemd user unit').conflicts('launchd'))
    .addOption(new Option('--launchd', 'a launchd agent (macOS)').conflicts('systemd'))
    .option('--write', 'write it to the per-user location instead of printing it', false)
    .argument('[start-args...]', 'extra arguments for `gatewire start`')
    .action(async (startArgs: string[], flags: ServiceFlags) => {
      const kind = flags.launchd === true ? 'launchd' : flags.systemd === true ? 'systemd' : process.platform === 'darwin' ? 'launchd' : 'systemd';
      const spec = { nodePath: process.execPath, binPath: realpathSync(process.argv[1] ?? 'gatewire'), home: context.home.dir, args: startArgs };
      const text = kind === 'systemd' ? systemdUnit(spec) : launchdPlist(spec);
      if (!flags.write) {
        context.io.out(text);
        return;
      }
      const path = serviceUnitPath(kind);
      await writeServiceUnit(path, text);
      context.io.out(`Wrote ${path}`);
      context.io.out(kind === 'systemd' ? 'Enable it: systemctl --user daemon-reload && systemctl --user enable --now gatewire' : `Load it: launchctl load -w ${path}`);
    });
}
