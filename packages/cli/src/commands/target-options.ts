import { InvalidArgumentError, Option, type Command } from 'commander';

/** Add the options shared by every command that talks to a gateway. */
export function withTargetOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', 'gateway URL (default: the local gateway from $GATEWIRE_HOME)').env('GATEWIRE_URL'))
    .addOption(new Option('--token <token>', 'shared token (default: $GATEWIRE_HOME/token)').env('GATEWIRE_TOKEN'))
    .addOption(new Option('--password <password>', 'shared password').env('GATEWIRE_PASSWORD'))
    .option('--tls-fingerprint <sha256>', 'pin the gateway certificate (SHA-256, wss:// only)')
    .option('--ca <file>', 'also trust the certificate authorities in this PEM file (wss:// with a private CA)')
    .option('--config <path>', 'gateway config file to read defaults from')
    .option('--timeout <ms>', 'timeout per step in milliseconds', parseIntegerOption, 5000)
    .option('--json', 'print machine-readable JSON', false);
}

/** Parse a positive integer option value, or throw a usage error commander reports. */
export function parseIntegerOption(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return parsed;
}
