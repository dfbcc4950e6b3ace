import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('pairs a remote device through an operator, then the device connects with its device token, then exits by itself', async () => {
  const run = await runExample('src/device-pairing.ts');
  assertExampleSucceeded(run, 'device-pairing');
  expect(run.stdout).toMatch(/\[device\] refused: PAIRING_REQUIRED \(request [0-9a-f-]{36}\)/);
  expect(run.stdout).toContain("[operator] device.pair.requested: Ada's phone from 198.51.100.20 wants operator.read");
  expect(run.stdout).toContain('[device] connected again with auth method device-token, scopes operator.read');
}, 60_000);
