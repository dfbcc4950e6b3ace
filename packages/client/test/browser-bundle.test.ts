import { describe, expect, it } from 'vitest';
import { BROWSER_BUNDLE_BUDGET_BYTES, bundleBrowserEntry } from '../scripts/browser-bundle';

describe('browser bundle', () => {
  it('has no node: import, no ws, no TypeBox, and fits the size budget', async () => {
    const bundle = await bundleBrowserEntry();
    console.log(`browser bundle: ${bundle.minifiedBytes} B min, ${bundle.gzipBytes} B min+gzip`);
    expect(bundle.inputs.some((input) => input.endsWith('src/browser.ts'))).toBe(true);
    expect(bundle.inputs.some((input) => input.includes('eventemitter3'))).toBe(true);
    expect(bundle.inputs.filter((input) => /(^|\/)ws\/|node_modules\/ws/.test(input))).toEqual([]);
    expect(bundle.inputs.filter((input) => input.includes('typebox'))).toEqual([]);
    expect(bundle.inputs.filter((input) => input.includes('node-websocket') || input.includes('src/node/'))).toEqual([]);
    expect(bundle.code).not.toMatch(/["']node:/);
    expect(bundle.code).not.toMatch(/require\(/);
    expect(bundle.code).toContain('WebSocket');
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BROWSER_BUNDLE_BUDGET_BYTES);
  });
});
