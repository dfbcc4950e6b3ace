import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('routes node.invoke from an operator to a node-mode client and back, then exits by itself', async () => {
  const run = await runExample('src/node-invoke.ts');
  assertExampleSucceeded(run, 'node-invoke');
  expect(run.stdout).toMatch(/\[operator\] node\.list: calculator [0-9a-f]{12}… serves math\.sum/);
  expect(run.stdout).toContain('[operator] node.invoke math.sum -> {"sum":42}');
  expect(run.stdout).toContain('[operator] node.invoke with bad params -> UNAVAILABLE BAD_INPUT');
  // The retry with the same idempotencyKey was answered by the gateway, not by the node.
  expect(run.stdout.match(/\[node\] math\.sum \[1,2,39\]/g)).toHaveLength(1);
}, 60_000);
