import { existsSync } from 'node:fs';

/**
 * Where the built monitor page lives: `dist/monitor-page/` beside the bundled `dist/bin.js`. When
 * the CLI runs from its sources (tests), that is `../../dist/monitor-page/` from this file.
 */
export function monitorAssetsDirectory(): URL {
  const bundled = new URL('./monitor-page/', import.meta.url);
  if (existsSync(new URL('index.html', bundled))) return bundled;
  return new URL('../../dist/monitor-page/', import.meta.url);
}
