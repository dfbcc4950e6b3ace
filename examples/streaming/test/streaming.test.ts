import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('streams deltas to a final result, and stops runs on abort and on disconnect, then exits by itself', async () => {
  const run = await runExample('src/streaming.ts');
  assertExampleSucceeded(run, 'streaming');
  expect(run.stdout).toContain('[client] run-1 deltas: section 1 about tides | section 2 about tides | section 3 about tides');
  expect(run.stdout).toContain('[server] run-2: handler signal aborted (cancelled by the client)');
  expect(run.stdout).toContain('[server] run-3: handler signal aborted (connection closed)');
}, 60_000);
