import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayClient } from '@gatewire/client/node';
import { CHROMIUM_ARGS, findChromium } from '@gatewire/test-harness';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, tempHome, type StartedGateway } from './helpers/spawn-cli';

const TOKEN = 'monitor-page-test-token-0123456789';
/** Where the screenshot is kept (git-ignored): look at it after a change to the page. */
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

let home: Awaited<ReturnType<typeof tempHome>>;
let gateway: StartedGateway;
let origin: string;

beforeAll(async () => {
  home = await tempHome();
  gateway = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN, '--monitor'], { GATEWIRE_HOME: home.dir });
  origin = gateway.url.replace(/^ws/, 'http').replace(/\/$/, '');
  expect(await gateway.waitForNotice(/Monitor:/)).toContain(`${origin}/monitor`);
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await home?.cleanup();
});

/** A plain HTTP GET of the gateway, with the headers given. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('the /monitor page over HTTP', () => {
  it('is served with a strict content security policy and refuses cross-origin requests', async () => {
    const page = await get('/monitor');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect((await get('/monitor/app.js')).status).toBe(200);
    expect((await get('/monitor', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await get('/monitor/app.js', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/monitor', {}, 'POST')).status).toBe(405);
  });
});

describe('the /monitor page in Chromium', () => {
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'gatewire-monitor-page-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: findChromium(), args: [...CHROMIUM_ARGS], headless: true, viewport: { width: 1280, height: 1000 } });
    page = context.pages()[0] ?? (await context.newPage());
    context.on('request', (sent) => requested.push(sent.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
  });

  it('refuses a wrong token and says why', async () => {
    await page.goto(`${origin}/monitor`);
    await page.fill('#token', 'not-the-gateway-token-at-all');
    await page.click('#sign-in');
    await page.waitForSelector('#login-error:not(:empty)', { timeout: 15_000 });
    expect(await page.textContent('#login-error')).toMatch(/token/i);
    expect(await page.isHidden('#dashboard')).toBe(true);
    pageErrors.length = 0; // the refused WebSocket login is reported on the console by Chromium
  }, 30_000);

  it('signs in with the token, shows a second client within 1 s, and charts a method called from the console', async () => {
    await page.fill('#token', TOKEN);
    await page.click('#sign-in');
    await page.waitForSelector('#dashboard:not([hidden])', { timeout: 15_000 });

    // A second client: its connection row appears within a second of its hello-ok.
    const second = new GatewayClient({ url: gateway.url, auth: { token: TOKEN }, client: { id: 'gateway-client', mode: 'backend', displayName: 'second client' }, reconnect: false });
    try {
      const hello = await second.connect();
      await page.waitForSelector(`#connections tr[data-conn-id="${hello.server.connId}"]`, { timeout: 1000 });
    } finally {
      await second.close();
    }

    // A connection that lives for a moment only still shows up (F11), marked closed for a while.
    const brief = new GatewayClient({ url: gateway.url, auth: { token: TOKEN }, client: { id: 'cli', mode: 'cli', displayName: 'brief cli' }, reconnect: false });
    const briefHello = await brief.connect();
    await brief.close();
    await page.waitForSelector(`#connections tr.closed[data-conn-id="${briefHello.server.connId}"]`, { state: 'attached', timeout: 5000 });
    expect(await page.textContent('#total-seen')).toBe('2 opened, 2 closed');

    // Calls from the page's console reach the latency chart of their method.
    // Page-side code runs through the DevTools protocol (page.evaluate), which the page's CSP allows;
    // waiting uses selectors (a string predicate would be an eval, which the CSP forbids).
    await page.evaluate("(async () => { for (let call = 0; call < 5; call += 1) await window.gatewire.request('system-presence'); })()");
    const chart = 'figure[data-method="system-presence"]';
    await page.waitForSelector(`${chart} figcaption:text-matches("^(0\\.0[1-9]|0\\.[1-9]|[1-9])")`, { timeout: 5000 });
    const pointsBefore = await page.getAttribute(`${chart} svg`, 'data-points');
    await page.waitForSelector(`${chart} svg:not([data-points="${pointsBefore}"])`, { timeout: 5000 });

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'monitor-page.png'), fullPage: true });

    const pageOrigin = new URL(origin);
    const foreign = requested.filter((url) => {
      const parsed = new URL(url);
      return parsed.protocol !== 'data:' && parsed.host !== pageOrigin.host;
    });
    expect(foreign).toEqual([]);
    expect(requested.some((url) => url.startsWith('ws://'))).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("signs in again without the token, with the browser's paired device", async () => {
    await page.goto(`${origin}/monitor`);
    expect(await page.isHidden('#dashboard')).toBe(true);
    await page.click('#sign-in-device');
    await page.waitForSelector('#dashboard:not([hidden])', { timeout: 15_000 });
    expect(await page.textContent('#status')).toMatch(/^connected to /);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
