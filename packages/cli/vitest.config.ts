import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@gatewire/source'] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
