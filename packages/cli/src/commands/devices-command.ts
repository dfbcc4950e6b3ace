import type { Command } from 'commander';
import type { DevicePairListResult } from '@gatewire/protocol';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { registerDeviceManagement } from './device-management-commands';
import { withTargetOptions } from './target-options';

interface DeviceFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

const PAIRING_SCOPES = ['operator.pairing', 'operator.read'];
/** Approving is capped by the approver's scopes (a request for admin needs admin): ask for all of them. */
const APPROVE_SCOPES = ['operator.admin'];

export function registerDevices(program: Command, context: CommandContext): void {
  const devices = program.command('devices').description('device pairing requests, paired devices and their tokens');
  withTargetOptions(devices.command('list'))
    .description('pending pairing requests and paired devices')
    .action(async (flags: DeviceFlags) => {
      const target = await resolveTarget(flags, context.home, context.io.env);
      const list = await withGatewayClient(context, target, { scopes: PAIRING_SCOPES, timeoutMs: flags.timeout }, (client) =>
        client.request('device.pair.list', {}) as Promise<DevicePairListResult>,
      );
      if (flags.json) return printJson(context.io, list);
      const { style } = context.io;
      context.io.out(style.bold(`Pending (${list.pending.length})`));
      for (const request of list.pending) {
        context.io.out(`  ${request.requestId}  device ${request.deviceId.slice(0, 16)}…  ${request.clientId ?? '?'}/${request.clientMode ?? '?'}  role ${request.role ?? 'operator'}  from ${request.remoteIp ?? '?'}`);
      }
      context.io.out(style.bold(`Paired (${list.paired.length})`));
      for (const device of list.paired) {
        const name = device.label ?? device.displayName ?? device.clientId ?? '?';
        context.io.out(`  ${device.deviceId}  ${name}  roles ${device.roles.join(',')}  approved ${new Date(device.approvedAtMs).toISOString()}`);
      }
    });
  for (const decision of ['approve', 'reject'] as const) {
    withTargetOptions(devices.command(decision))
      .description(`${decision} a pending pairing request`)
      .argument('<requestId>', 'the request id from `gatewire devices list`')
      .action(async (requestId: string, flags: DeviceFlags) => {
        const target = await resolveTarget(flags, context.home, context.io.env);
        const scopes = decision === 'approve' ? APPROVE_SCOPES : PAIRING_SCOPES;
        const result = await withGatewayClient(context, target, { scopes, timeoutMs: flags.timeout }, (client) =>
          client.request(`device.pair.${decision}`, { requestId }),
        );
        if (flags.json) return printJson(context.io, result);
        context.io.out(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${requestId}`);
      });
  }
  registerDeviceManagement(devices, context);
}
