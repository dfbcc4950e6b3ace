import { describe, expect, it } from 'vitest';
import { BROWSER_BUNDLE_BUDGET_BYTES, browserBundleProblems, bundleBrowserEntry, type BrowserBundle } from '../scripts/browser-bundle';

describe('browser bundle', () => {
  it('has no node: import, no ws, no TypeBox, and fits the size budget', async () => {
    const bundle = await bundleBrowserEntry('source');
    console.log(`browser bundle: ${bundle.minifiedBytes} B min, ${bundle.gzipBytes} B min+gzip (budget ${BROWSER_BUNDLE_BUDGET_BYTES} B)`);
    expect(bundle.inputs.some((input) => input.endsWith('src/browser.ts'))).toBe(true);
    expect(bundle.inputs.some((input) => input.endsWith('src/transport/browser-websocket.ts'))).toBe(true);
    expect(bundle.inputs.some((input) => input.includes('eventemitter3'))).toBe(true);
    expect(bundle.inputs.some((input) => input.includes('protocol/src/lite.ts'))).toBe(true);
    expect(bundle.code).toContain('WebSocket');
    expect(browserBundleProblems(bundle)).toEqual([]);
  });

  it('leaves the optional features to their subpaths (device identity, IndexedDB store, node mode)', async () => {
    const bundle = await bundleBrowserEntry('source');
    const optional = ['src/device-auth.ts', 'src/device-session.ts', 'src/device/identity.ts', 'src/browser/indexeddb-store.ts', 'src/node-invoke-router.ts'];
    expect(bundle.inputs.filter((input) => optional.some((path) => input.endsWith(path)))).toEqual([]);
  });

  it('the check catches Node-only modules, ws, TypeBox and size', () => {
    const bad: BrowserBundle = {
      code: 'import x from "node:fs";require("y")',
      inputs: ['../../node_modules/.pnpm/ws@8.23.0/node_modules/ws/index.js', 'node_modules/@sinclair/typebox/build/index.mjs', 'src/node/tls-pinning.ts'],
      minifiedBytes: 1,
      gzipBytes: BROWSER_BUNDLE_BUDGET_BYTES + 1,
    };
    expect(browserBundleProblems(bad)).toHaveLength(6);
  });
});
