import { defineConfig } from 'tsup';
import { sourceMapsWithoutDuplicateSources } from '../../tsup.shared.ts';
import { reportBrowserBundleSize } from './scripts/browser-bundle';

export default defineConfig({
  entry: ['src/index.ts', 'src/browser.ts', 'src/node.ts'],
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
    await reportBrowserBundleSize();
  },
});
