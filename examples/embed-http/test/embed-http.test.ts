import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('serves http routes and the gateway on one port, then exits by itself', async () => {
  const run = await runExample('src/embed-http.ts');
  assertExampleSucceeded(run, 'embed-http');
  expect(run.stdout).toContain('app.greet -> hello, embedder');
  expect(run.stdout).toContain('GET /hello -> 200 hello from plain http');
}, 60_000);
