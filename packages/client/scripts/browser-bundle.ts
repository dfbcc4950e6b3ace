import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Why not size-limit: the budget is one assertion among several here. The same esbuild bundle's
// metafile proves that no `node:` module, `ws`, TypeBox or Node-only source reaches a browser,
// which size-limit does not check; this runs inside `pnpm test` from the sources with the esbuild
// the package already has, where size-limit would add its CLI, a plugin and a second config.

/** The browser entry bundled as an application would ship it. */
export interface BrowserBundle {
  /** The minified code. */
  readonly code: string;
  /** Every module that went into the bundle (paths relative to the working directory). */
  readonly inputs: readonly string[];
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

/** Size budget of the minified + gzipped browser bundle, bytes. */
export const BROWSER_BUNDLE_BUDGET_BYTES = 12_000;

/** Which browser entry to bundle: the sources (tests) or the built `dist/browser.js` (build). */
export type BrowserEntry = 'source' | 'dist';

/**
 * Bundle the browser entry for the browser (platform browser, minified, ESM). From `source`,
 * workspace packages resolve to their sources, so nothing has to be built first. A `node:` or `ws`
 * import fails the bundle (esbuild cannot resolve Node built-ins for the browser platform).
 */
export async function bundleBrowserEntry(entry: BrowserEntry = 'source'): Promise<BrowserBundle> {
  const path = entry === 'source' ? '../src/browser.ts' : '../dist/browser.js';
  const result = await build({
    entryPoints: [fileURLToPath(new URL(path, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    conditions: entry === 'source' ? ['@gatewire/source'] : [],
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return {
    code,
    inputs: Object.keys((result.metafile as Metafile).inputs),
    minifiedBytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
  };
}

/** What makes a bundle unfit for browsers: Node-only modules, `ws`, TypeBox, Node-only sources. */
export function browserBundleProblems(bundle: BrowserBundle): string[] {
  const problems: string[] = [];
  const forbidden: Array<[RegExp, string]> = [
    [/node_modules\/(\.pnpm\/ws@[^/]+\/node_modules\/)?ws\//, 'the ws module'],
    [/typebox/, 'TypeBox'],
    [/src\/node\/|src\/transport\/node-websocket|dist\/node\./, 'a Node-only source file'],
  ];
  for (const [pattern, what] of forbidden) {
    const hits = bundle.inputs.filter((input) => pattern.test(input));
    if (hits.length > 0) problems.push(`bundle contains ${what}: ${hits.join(', ')}`);
  }
  if (/["']node:/.test(bundle.code)) problems.push('bundle imports a node: module');
  if (/\brequire\(/.test(bundle.code)) problems.push('bundle calls require()');
  if (bundle.gzipBytes > BROWSER_BUNDLE_BUDGET_BYTES) problems.push(`bundle is ${bundle.gzipBytes} B min+gzip, over ${BROWSER_BUNDLE_BUDGET_BYTES} B`);
  return problems;
}

/** Bundle the built browser entry, print its size, and fail the build if it is not browser-safe. */
export async function reportBrowserBundleSize(): Promise<void> {
  const bundle = await bundleBrowserEntry('dist');
  const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log(
    `@gatewire/client browser bundle: ${kilobytes(bundle.minifiedBytes)} kB min, ${kilobytes(bundle.gzipBytes)} kB min+gzip (budget ${kilobytes(BROWSER_BUNDLE_BUDGET_BYTES)} kB)`,
  );
  const problems = browserBundleProblems(bundle);
  if (problems.length > 0) throw new Error(`browser bundle check failed:\n${problems.join('\n')}`);
}
