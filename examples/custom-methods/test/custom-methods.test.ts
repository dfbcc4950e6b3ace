import { assertExampleSucceeded, runExample } from '@gatewire/example-shared/run-example';
import { expect, it } from 'vitest';

it('shares one typed method and event map between gateway and client, then exits by itself', async () => {
  const run = await runExample('src/custom-methods.ts');
  assertExampleSucceeded(run, 'custom-methods');
  expect(run.stdout).toContain('todo.list -> buy milk (done), bake bread');
  expect(run.stdout).toContain('todo.changed events: added: buy milk | added: bake bread | completed: buy milk');
  expect(run.stdout).toContain('todo.complete todo-404 -> INVALID_REQUEST TODO_NOT_FOUND');
}, 60_000);
