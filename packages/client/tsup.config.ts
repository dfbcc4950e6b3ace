import { defineConfig } from 'tsup';
import { sourceMapsWithoutDuplicateSources } from '../../tsup.shared.ts';
import { fileURLToPath } from 'node:url';
import { removeBareChunkImports } from './scripts/bare-chunk-imports';
import { reportBrowserBundleSize } from './scripts/browser-bundle';

export default defineConfig({
  entry: ['src/index.ts', 'src/browser.ts', 'src/node.ts', 'src/device.ts', 'src/indexeddb.ts', 'src/node-invoke.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  ...sourceMapsWithoutDuplicateSources,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  removeNodeProtocol: false,
  external: ['ws', 'eventemitter3', '@gatewire/protocol', /^node:/],
  async onSuccess() {
    await removeBareChunkImports(fileURLToPath(new URL('./dist', import.meta.url)));
    await reportBrowserBundleSize();
  },
});
