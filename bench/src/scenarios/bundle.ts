import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import { benchRoot } from '../paths';
import type { CaseResult } from '../results';
import type { SystemName } from '../systems/types';

/** The browser entry each system's users would import: an ES module bundled, minified, gzipped. */
const ENTRIES: Readonly<Record<SystemName, string>> = {
  gatewire: "export * from '@gatewire/client';",
  ws: "export { RawGatewayClient } from './src/systems/ws/browser-client.ts';",
  socketio: "export { io } from 'socket.io-client';",
  trpc: "export { createTRPCClient, createWSClient, wsLink } from '@trpc/client';",
  'rpc-websockets': "export { Client } from 'rpc-websockets';",
};

/** Gatewire with only the client class imported (what tree-shaking leaves for a typical app). */
const GATEWIRE_CLIENT_ONLY = "export { GatewayClient } from '@gatewire/client';";

/**
 * Gatewire with every optional feature: the root entry plus each browser-usable subpath (device
 * identity, the IndexedDB identity store, node mode). The goal row measures the root entry alone.
 */
const GATEWIRE_ALL_SUBPATHS = [
  "export * from '@gatewire/client';",
  "export * from '@gatewire/client/device';",
  "export * from '@gatewire/client/indexeddb';",
  "export * from '@gatewire/client/node-invoke';",
].join('\n');


export interface BundleSize {
  readonly minBytes: number;
  readonly gzipBytes: number;
}

/** Bundle `source` for the browser with esbuild (minified ESM) and gzip it (level 9). */
export async function bundleSize(source: string): Promise<BundleSize> {
  const output = await build({
    stdin: { contents: source, resolveDir: benchRoot(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = output.outputFiles[0]?.contents ?? new Uint8Array();
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Scenario 6: client bundle size, minified + gzipped (deterministic: one round). */
export async function runBundle(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult> {
  const spec = {
    scenario: 'bundle' as const,
    id: 'bundle',
    title: 'Browser client bundle, minified + gzipped',
    parameters: { bundler: 'esbuild', platform: 'browser', format: 'esm', gzipLevel: 9 },
    metrics: [
      { key: 'gzipKB', label: 'min+gz', unit: 'kB', better: 'lower' as const },
      { key: 'minKB', label: 'min', unit: 'kB', better: 'lower' as const },
      { key: 'clientOnlyGzipKB', label: 'min+gz, client class only', unit: 'kB', better: 'lower' as const },
      { key: 'allSubpathsGzipKB', label: 'min+gz, root + every subpath', unit: 'kB', better: 'lower' as const },
    ],
    primaryMetric: 'gzipKB',
    systems,
    notes: [
      'Entry: everything the package exports to browsers (Gatewire: `@gatewire/client` resolved with the `browser` condition). "client class only" bundles just `GatewayClient`; "root + every subpath" adds `@gatewire/client/device`, `/indexeddb` and `/node-invoke`, the optional features passed in as plugins (Gatewire only).',
      'raw ws: the hand-written browser client of the baseline (`bench/src/systems/ws/browser-client.ts`). tRPC: `createTRPCClient` + `createWSClient` + `wsLink`. socket.io: `io`. rpc-websockets: `Client` (browser build).',
      'Bundle sizes are deterministic; one round.',
    ],
  };
  return runAlternating(context, spec, 1, async (system) => {
    const full = await bundleSize(ENTRIES[system]);
    const values: Record<string, number> = { gzipKB: full.gzipBytes / 1000, minKB: full.minBytes / 1000 };
    if (system === 'gatewire') {
      values['clientOnlyGzipKB'] = (await bundleSize(GATEWIRE_CLIENT_ONLY)).gzipBytes / 1000;
      values['allSubpathsGzipKB'] = (await bundleSize(GATEWIRE_ALL_SUBPATHS)).gzipBytes / 1000;
    }
    return values;
  });
}
