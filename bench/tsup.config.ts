import { defineConfig } from 'tsup';

/** The programs: the harness (cli), the server under test and the load generator; the soak and its two children. */
export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    'server-child': 'src/children/server-child.ts',
    'load-child': 'src/children/load-child.ts',
    soak: 'src/soak/soak.ts',
    'soak-gateway-child': 'src/soak/soak-gateway-child.ts',
    'soak-load-child': 'src/soak/soak-load-child.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: true,
  dts: false,
  // Every package stays external: each system loads its own library (and Gatewire its built dist) at run time.
  skipNodeModulesBundle: true,
});
