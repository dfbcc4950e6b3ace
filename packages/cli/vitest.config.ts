import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

export default defineConfig({
  ...sourceConditions,
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
