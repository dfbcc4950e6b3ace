import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertExampleSucceeded, startExample, type ExampleRun } from '@gatewire/example-shared/run-example';
import { CHROMIUM_ARGS, findChromium } from '@gatewire/test-harness';
import { chromium, type BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import type { PageResult } from '../src/page/app';

it('the page connects with the browser build, calls health and app.greet, and shows the results', async () => {
  const executablePath = findChromium();
  const example = await startExample('src/serve.ts', { timeoutMs: 60_000 });
  const userDataDir = await mkdtemp(join(tmpdir(), 'gatewire-example-browser-'));
  let run: ExampleRun;
  try {
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath, args: [...CHROMIUM_ARGS], headless: true });
    try {
      await checkPage(context, example.url);
    } finally {
      await context.close();
    }
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
    run = await example.stop(); // SIGINT, as Ctrl-C would: the server must shut down and exit by itself
  }
  assertExampleSucceeded(run, 'browser');
  expect(run.stdout).toContain('[server] app.greet from a web client');
}, 90_000);

async function checkPage(context: BrowserContext, url: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  await page.goto(url);
  await page.waitForFunction(() => window.gatewireResult !== undefined, undefined, { timeout: 15_000 });
  const result = await page.evaluate(() => window.gatewireResult as PageResult);

  expect(result).toEqual({ ok: true, state: 'connected', healthOk: true, greeting: 'hello, browser', platform: 'web' });
  expect(await page.textContent('#state')).toBe('connected');
  expect(await page.textContent('#greeting')).toBe('hello, browser');
  expect(await page.textContent('#health')).toMatch(/^ok \(gateway /);
  expect(pageErrors).toEqual([]);
}
