import { realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The command a person types to run this same CLI again, so printed next steps work as written:
 * `gatewire` when that name on `PATH` is this script, `npx gatewire` inside a project's
 * `node_modules`, else `node <path to bin.js>` (a clone of the repository), relative to `cwd` when
 * it lies below it.
 */
export function cliInvocation(script: string | undefined = process.argv[1], env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (script === undefined) return 'gatewire';
  const real = realOrSelf(script);
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir.length > 0 && realOrSelf(join(dir, 'gatewire')) === real) return 'gatewire';
  }
  if (real.includes(`${sep}node_modules${sep}`)) return 'npx gatewire';
  const fromCwd = relative(cwd, real);
  return `node ${shellQuote(fromCwd.startsWith('..') || isAbsolute(fromCwd) ? real : fromCwd)}`;
}

/** Quote a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@+,%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
