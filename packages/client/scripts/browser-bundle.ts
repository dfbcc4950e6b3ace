import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

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
export const BROWSER_BUNDLE_BUDGET_BYTES = 15 * 1024;

/**
 * Bundle `src/browser.ts` for the browser (platform browser, minified, ESM), resolving workspace
 * packages to their sources, so nothing has to be built first. A `node:` or `ws` import fails the
 * build (esbuild cannot resolve Node built-ins for the browser platform).
 */
export async function bundleBrowserEntry(): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    conditions: ['@gatewire/source'],
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

/** Print the browser bundle's size (run by the build after tsup). */
export async function reportBrowserBundleSize(): Promise<void> {
  const bundle = await bundleBrowserEntry();
  const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
  const verdict = bundle.gzipBytes <= BROWSER_BUNDLE_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `@gatewire/client browser bundle: ${kilobytes(bundle.minifiedBytes)} kB min, ${kilobytes(bundle.gzipBytes)} kB min+gzip (${verdict} the ${kilobytes(BROWSER_BUNDLE_BUDGET_BYTES)} kB budget)`,
  );
}
