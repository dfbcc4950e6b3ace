import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@gatewire/source'] },
  ssr: { resolve: { conditions: ['@gatewire/source'], externalConditions: ['@gatewire/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
