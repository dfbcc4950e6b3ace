import type { Command } from 'commander';
import { CliError } from '../config/errors';
import type { CommandContext } from '../context';
import { withGatewayClient } from '../connect-client';
import { ExitCodes } from '../exit-codes';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';

interface CallFlags extends TargetFlags {
  timeout: number;
  json: boolean;
  raw: boolean;
  scope: string[];
  expectFinal: boolean;
}

export function registerCall(program: Command, context: CommandContext): void {
  withTargetOptions(program.command('call'))
    .description('send one request and print the result (a protocol-aware wscat)')
    .argument('<method>', 'method name, e.g. health')
    .argument('[params]', 'params as JSON', '{}')
    .option('--raw', 'print the result as compact JSON on one line', false)
    .option('--scope <scope...>', 'scopes to request', ['operator.admin'])
    .option('--expect-final', 'wait for the final response of a streaming method', false)
    .addHelpText('after', '\nExample: gatewire call node.invoke \'{"nodeId":"n1","command":"system.which","idempotencyKey":"k1"}\'')
    .action(async (method: string, paramsText: string, flags: CallFlags) => {
      let params: unknown;
      try {
        params = JSON.parse(paramsText);
      } catch (error) {
        throw new CliError(`params are not valid JSON: ${(error as Error).message}`, ExitCodes.USAGE);
      }
      const target = await resolveTarget(flags, context.home, context.io.env);
      const result = await withGatewayClient(context, target, { scopes: flags.scope, timeoutMs: flags.timeout }, (client) =>
        client.request(method, params, { expectFinal: flags.expectFinal }),
      );
      context.io.out(flags.raw ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    });
}
