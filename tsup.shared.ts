import type { Options } from 'tsup';

/**
 * One copy of the sources in each tarball: the ESM source maps carry them (for debuggers), the CJS
 * maps only map positions (stack traces still point at `src/` lines). `src/` itself is not published.
 */
export const sourceMapsWithoutDuplicateSources: Pick<Options, 'sourcemap' | 'esbuildOptions'> = {
  sourcemap: true,
  esbuildOptions(options, context) {
    if (context.format === 'cjs') options.sourcesContent = false;
  },
};
