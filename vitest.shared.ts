import type { ViteUserConfig } from 'vitest/config';

/**
 * Resolve workspace packages to their TypeScript sources (the `@gatewire/source` export condition)
 * in every vitest environment, so a test never runs against a stale `dist`. `resolve.conditions`
 * alone does not reach vitest's SSR (Node) environment: the `ssr` block is needed too.
 */
export const sourceConditions: Pick<ViteUserConfig, 'resolve' | 'ssr'> = {
  resolve: { conditions: ['@gatewire/source'] },
  ssr: { resolve: { conditions: ['@gatewire/source'], externalConditions: ['@gatewire/source'] } },
};
