import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('runs two gateways on a real Redis: cross-gateway broadcast, node.invoke and resume, then exits by itself', async () => {
  const run = await runExample('src/cluster.ts', { timeoutMs: 60_000 });
  assertExampleSucceeded(run, 'cluster');
  expect(run.stdout).toContain('[b] received app.note 1, broadcast on gateway a');
  expect(run.stdout).toContain('[a] node.invoke math.sum on the node of gateway b -> {"sum":42}');
  expect(run.stdout).toContain('[mover] reconnected through the balancer to gateway b and got [2,3,4,5]: none lost, none twice');
}, 90_000);
