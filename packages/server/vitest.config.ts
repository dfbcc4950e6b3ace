import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@gatewire/source'] },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 15000,
    hookTimeout: 15000,
  },
});
