import { afterEach, describe, expect, it } from 'vitest';
import { resolveHome } from '../src/config/home';
import { toGatewayOptions } from '../src/runner/effective-config';
import { startCli, tempHome } from './helpers/spawn-cli';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const TOKEN = 'a-gateway-token-of-some-length';

function metricsUrl(wsUrl: string): string {
  return `${wsUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/metrics`;
}

describe('gatewire start --metrics (real binary)', () => {
  it('serves GET /metrics to the gateway token and the scrape token, 401 to anything else', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const gateway = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN, '--metrics-token', 'scrape-token-value'], { GATEWIRE_HOME: home.dir });
    cleanups.push(gateway.stop);
    const url = metricsUrl(gateway.url);
    const scraped = await fetch(url, { headers: { authorization: 'Bearer scrape-token-value' } });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toContain('# TYPE gatewire_connections gauge');
    expect(text).toContain('# TYPE gatewire_process_cpu_seconds_total counter');
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(401);
  });

  it('is off without --metrics (404)', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const gateway = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN], { GATEWIRE_HOME: home.dir });
    cleanups.push(gateway.stop);
    expect((await fetch(metricsUrl(gateway.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});

describe('the metrics config', () => {
  it('needs a scrape token with auth modes that have no shared secret', async () => {
    const home = resolveHome({ GATEWIRE_HOME: '/nonexistent-home' });
    await expect(toGatewayOptions({ auth: { mode: 'none' }, metrics: {} }, home)).rejects.toThrow(/need a scrape token/);
    const { options } = await toGatewayOptions({ auth: { mode: 'none' }, metrics: { scrapeToken: 'scrape-token-value' } }, home);
    expect(options.serveMetrics).toEqual({ scrapeToken: 'scrape-token-value' });
    expect((await toGatewayOptions({ auth: { token: TOKEN } }, home)).options.serveMetrics).toBeUndefined();
  });
});
