import { Option, type Command } from 'commander';
import type { DevicePairRemoveResult, DevicePairRenameResult, DeviceTokenRevokeResult, DeviceTokenRotateResult } from '@gatewire/protocol';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';

interface ManagementFlags extends TargetFlags {
  timeout: number;
  json: boolean;
  role: string;
  scope?: string[];
}

/**
 * Managing another device takes `operator.admin` (a caller without it manages only its own device),
 * and removing, rotating and revoking are capped by the caller's scopes: ask for all of them.
 */
const MANAGEMENT_SCOPES = ['operator.admin'];

function roleOption(): Option {
  return new Option('--role <role>', 'the token role').default('operator');
}

/** Register `devices remove|rename|rotate|revoke`. */
export function registerDeviceManagement(devices: Command, context: CommandContext): void {
  const call = async <T>(flags: ManagementFlags, scopes: string[], method: string, params: Record<string, unknown>): Promise<T> => {
    const target = await resolveTarget(flags, context.home, context.io.env);
    return withGatewayClient(context, target, { scopes, timeoutMs: flags.timeout }, (client) => client.request(method, params) as Promise<T>);
  };

  withTargetOptions(devices.command('remove'))
    .description('forget a paired device and close its connections')
    .argument('<deviceId>', 'the device id from `gatewire devices list`')
    .action(async (deviceId: string, flags: ManagementFlags) => {
      const result = await call<DevicePairRemoveResult>(flags, MANAGEMENT_SCOPES, 'device.pair.remove', { deviceId });
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Removed device ${result.deviceId}`);
    });

  withTargetOptions(devices.command('rename'))
    .description('give a paired device a label (1-64 characters)')
    .argument('<deviceId>', 'the device id from `gatewire devices list`')
    .argument('<label>', 'the new label')
    .action(async (deviceId: string, label: string, flags: ManagementFlags) => {
      const result = await call<DevicePairRenameResult>(flags, MANAGEMENT_SCOPES, 'device.pair.rename', { deviceId, label });
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Renamed device ${result.deviceId} to "${result.label}"`);
    });

  withTargetOptions(devices.command('rotate'))
    .description('issue a new device token for a role (prints the token: it works only with the device key)')
    .argument('<deviceId>', 'the device id from `gatewire devices list`')
    .addOption(roleOption())
    .option('--scope <scope...>', 'scopes of the new token (default: those of the current token)')
    .action(async (deviceId: string, flags: ManagementFlags) => {
      const params = { deviceId, role: flags.role, ...(flags.scope === undefined ? {} : { scopes: flags.scope }) };
      const result = await call<DeviceTokenRotateResult>(flags, MANAGEMENT_SCOPES, 'device.token.rotate', params);
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Rotated the ${result.role} token of device ${result.deviceId} (scopes ${result.scopes.join(',') || 'none'})`);
      if (result.token !== undefined) context.io.out(`New token (secret): ${result.token}`);
    });

  withTargetOptions(devices.command('revoke'))
    .description('revoke the device token of a role and close the connections that used it')
    .argument('<deviceId>', 'the device id from `gatewire devices list`')
    .addOption(roleOption())
    .action(async (deviceId: string, flags: ManagementFlags) => {
      const result = await call<DeviceTokenRevokeResult>(flags, MANAGEMENT_SCOPES, 'device.token.revoke', { deviceId, role: flags.role });
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Revoked the ${result.role} token of device ${result.deviceId}`);
    });
}
