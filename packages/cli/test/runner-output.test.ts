import { describe, expect, it } from 'vitest';
import { resolveHome } from '../src/config/home';
import { styleFor } from '../src/output/style';
import { LOOPBACK_AUTH_DELAY_CEILING_MS, toGatewayOptions } from '../src/runner/effective-config';
import { createStandaloneLogger } from '../src/runner/logger';

describe('the standalone gateway logger', () => {
  it('pretty lines leave out undefined fields (no "errorCode=undefined")', () => {
    const lines: string[] = [];
    const logger = createStandaloneLogger('pretty', 'info', styleFor({ isTTY: false }), (line) => lines.push(line));
    logger.info({ method: 'health', outcome: 'ok', errorCode: undefined, durationMs: 0.5 }, 'gateway method');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('method=health outcome=ok durationMs=0.5');
    expect(lines[0]).not.toContain('undefined');
  });
});

describe('the standalone gateway options', () => {
  it('cap the loopback auth-failure delay below the CLI default timeout (5000 ms)', async () => {
    const { options } = await toGatewayOptions({ auth: { token: 'a-token-of-sixteen-chars' } }, resolveHome({ GATEWIRE_HOME: '/nonexistent-home' }));
    expect(options.authRateLimit?.loopbackMaxDelayMs).toBe(LOOPBACK_AUTH_DELAY_CEILING_MS);
    expect(LOOPBACK_AUTH_DELAY_CEILING_MS).toBeLessThan(5000);
  });
});
