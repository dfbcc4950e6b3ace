import { GatewayClient } from '@gatewire/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, spawnCli, startCli, tempHome, type StartedGateway } from './helpers/spawn-cli';
import { TmuxSession } from './helpers/tmux';

const TOKEN = 'monitor-dashboard-test-token-0123456789';

let home: Awaited<ReturnType<typeof tempHome>>;
let gateway: StartedGateway;

beforeAll(async () => {
  home = await tempHome();
  gateway = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN], { GATEWIRE_HOME: home.dir });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await home?.cleanup();
});

describe('gatewire monitor on a terminal', () => {
  const tmux = new TmuxSession();

  afterAll(() => tmux.kill());

  it('draws a dashboard that follows connections, requests and refusals, and leaves on Ctrl-C', async () => {
    await tmux.start([process.execPath, BIN, 'monitor', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir, NO_COLOR: '1', TERM: 'xterm-256color' });
    const first = await tmux.waitForScreen((screen) => screen.includes('CONNECTIONS') && screen.includes('TOP METHODS'));
    expect(first).toContain(`Gatewire monitor  ${gateway.url}`);
    expect(first).toMatch(/Connections 1 \(operators 1, nodes 0/);
    expect(first).toMatch(/Requests [\d.]+\/s {2}p50 [\d.]+ ms {2}p99 [\d.]+ ms/);

    // A connection that lives for a moment is listed (marked closed) for a while (F11).
    const brief = new GatewayClient({ url: gateway.url, auth: { token: TOKEN }, client: { id: 'gateway-client', mode: 'backend' }, reconnect: false });
    await brief.connect();
    await brief.close();
    await tmux.waitForScreen((screen) => /gateway-client\/backend .*closed 1000/.test(screen));

    // CLI calls: each one is seen opening and closing, and their method reaches the top methods.
    for (let call = 0; call < 3; call += 1) expect((await runCli(['call', 'health', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir })).code).toBe(0);
    const busy = await tmux.waitForScreen((screen) => screen.includes('seen 4 opened, 4 closed') && /^health\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+3$/m.test(screen));
    expect(busy).toMatch(/^health\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+3$/m);

    // A refused login is counted and listed.
    expect((await runCli(['status', '--url', gateway.url, '--token', 'a-wrong-token-for-the-test'], { GATEWIRE_HOME: home.dir })).code).not.toBe(0);
    const refused = await tmux.waitForScreen((screen) => screen.includes('Refusals 1'));
    expect(refused).toMatch(/refused\s+AUTH_TOKEN_MISMATCH/);

    await tmux.sendKeys('C-c');
    expect(await tmux.waitForExit()).toBe(0);
    // Back on the normal screen: the dashboard is gone.
    expect(await tmux.screen()).not.toContain('TOP METHODS');
  }, 60_000);
});

describe('gatewire status --verbose', () => {
  it('shows the queue fill, pending requests and the average response time of the last 10 s', async () => {
    for (let call = 0; call < 2; call += 1) expect((await runCli(['call', 'health', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir })).code).toBe(0);
    const result = await runCli(['status', '--verbose', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Queue {8}0 of 256 waiting \(0%\), 1 pending$/m);
    const responses = /^Responses {4}avg ([\d.]+) ms, p99 ([\d.]+) ms \(requests of the last 10s\)$/m.exec(result.stdout);
    expect(responses).not.toBeNull();
    expect(Number(responses?.[1])).toBeGreaterThan(0);
  });
});

describe('gatewire monitor piped', () => {
  it('prints JSON lines, with the connection of a short-lived CLI call among them', async () => {
    const monitor = spawnCli(['monitor', '--json', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir });
    const lines: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    let buffered = '';
    monitor.child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      for (const waiter of [...waiters]) waiter();
    });
    const seen = (predicate: (line: Record<string, unknown>) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!lines.some(predicate)) return;
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    await seen((line) => line['type'] === 'connections');
    expect((await runCli(['call', 'health', '--url', gateway.url, '--token', TOKEN], { GATEWIRE_HOME: home.dir })).code).toBe(0);
    await seen((line) => line['type'] === 'event' && line['event'] === 'monitor.update' && ((line['payload'] as { opened: Array<{ clientId: string }> }).opened ?? []).some((opened) => opened.clientId === 'cli'));
    monitor.child.kill('SIGINT');
    const result = await monitor.done;
    expect(result.code).toBe(0);
    for (const line of lines) expect(['connections', 'event']).toContain(line['type']);
  }, 30_000);
});

