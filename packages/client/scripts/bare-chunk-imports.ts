import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A statement `import './chunk-….js';`: an import of a shared chunk for its evaluation order only. */
const BARE_CHUNK_IMPORT = /^import '\.\/chunk-[\w-]+\.js';$/gm;

/**
 * esbuild's code splitting makes each ESM entry import every chunk it depends on, binding-less ones
 * as `import './chunk-….js';` (to keep the modules' evaluation order). Our chunks only declare
 * (no top-level work whose order matters), and the package says `sideEffects: false`, so consumer
 * bundlers drop those imports anyway, esbuild with an `ignored-bare-import` warning for each. This
 * blanks them out (the line stays, so the source maps keep their line numbers). Returns how many.
 */
export async function removeBareChunkImports(distDirectory: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(distDirectory)) {
    if (!name.endsWith('.js')) continue;
    const path = join(distDirectory, name);
    const code = await readFile(path, 'utf8');
    const stripped = code.replace(BARE_CHUNK_IMPORT, () => {
      removed += 1;
      return '';
    });
    if (stripped !== code) await writeFile(path, stripped);
  }
  return removed;
}
